package pkilab.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import pkilab.ca.CaRecords;
import pkilab.ca.CertInfo;
import pkilab.ca.Lab;
import pkilab.ca.LabHome;
import pkilab.ca.RevocationReason;
import pkilab.pem.Pem;
import pkilab.scenario.ServerSide.ChainPart;
import pkilab.verdict.ClientProfile;

/**
 * Makes the certificates of every scenario and keeps them in the lab home, one folder per
 * scenario ({@code scenarios/ID/}: {@code key.pem} 0600, {@code chain.pem} as the server
 * sends it, {@code full-chain.pem} leaf to root, {@code trust.pem} for the client's extra
 * anchors, {@code material.json}). A later start reuses them; a scenario is made again when
 * its YAML's server or trust part changed, when a lab CA it hangs under was re-created, or
 * when time moved its certificates: one that was valid is now expired (or the other way
 * round), or its YAML gives times relative to now and it is older than a day.
 *
 * <pre>
 *   Lab lab = Lab.open(home, configDir.resolve("ca"));
 *   ScenarioPki.Materials m = ScenarioPki.materialise(lab, ScenarioCatalogue.load(configDir), System.err::println);
 *   ScenarioMaterial commercial = m.get("commercial");   // serverKey(), serverChain(), extraTrust()
 * </pre>
 */
public final class ScenarioPki {
    static final String KEY_FILE = "key.pem";
    static final String CHAIN_FILE = "chain.pem";
    static final String FULL_CHAIN_FILE = "full-chain.pem";
    static final String TRUST_FILE = "trust.pem";
    static final String STATE_FILE = "material.json";
    /** Bump when the way material is made changes, so old lab homes re-issue. */
    private static final int MATERIAL_VERSION = 1;
    /** How long certificates with times relative to "now" are kept before they are made again. */
    public static final Duration MAX_AGE = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What {@code material.json} holds. */
    record State(int version, String fingerprint, String issued, String leafSha256, List<Integer> validity) {
    }

    /** Every scenario's material, plus the lab CA certificates client profiles trust. */
    public record Materials(Map<String, ScenarioMaterial> byId, Map<String, X509Certificate> labCas) {
        public ScenarioMaterial get(String id) {
            ScenarioMaterial m = byId.get(id);
            if (m == null) {
                throw new pkilab.BadInputException("unknown scenario '" + id + "' (see: pkilab scenarios list)");
            }
            return m;
        }

        public List<ScenarioMaterial> all() {
            return new ArrayList<>(byId.values());
        }

        /**
         * The roots a client of {@code profile} trusts when it connects to scenario {@code id}:
         * the lab CAs the profile names, plus what the scenario's client imported.
         */
        public List<X509Certificate> trustAnchors(String id, ClientProfile profile) {
            List<X509Certificate> out = new ArrayList<>();
            for (String ca : profile.trusts()) {
                X509Certificate c = labCas.get(ca);
                if (c == null) {
                    throw new pkilab.BadInputException("client profile '" + profile.id() + "' trusts unknown CA '" + ca + "'");
                }
                out.add(c);
            }
            out.addAll(get(id).extraTrust());
            return out;
        }
    }

    private ScenarioPki() {
    }

    /** Makes (or reuses) the material of every scenario of the catalogue; creates the lab's CAs first if missing. */
    public static Materials materialise(Lab lab, ScenarioCatalogue catalogue, Consumer<String> progress) {
        lab.init(Set.of(), progress);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, X509Certificate> labCas = new LinkedHashMap<>();
        Map<String, String> caFingerprints = new LinkedHashMap<>();
        for (String id : lab.caIds()) {
            X509Certificate c = lab.ca(id).certificate();
            labCas.put(id, c);
            caFingerprints.put(id, CertInfo.fingerprint(c));
        }
        try (LabHome.Lock lock = lab.home().lock()) {
            Map<String, ScenarioMaterial> out = new LinkedHashMap<>();
            List<Scenario> toMake = new ArrayList<>();
            // reading what is kept is independent per scenario: on every core
            List<Scenario> all = catalogue.scenarios();
            List<ScenarioMaterial> kept = all.parallelStream()
                    .map(s -> reuse(s, dir(lab, s.id()), fingerprint(s, caFingerprints), now))
                    .toList();
            for (int i = 0; i < kept.size(); i++) {
                Scenario s = all.get(i);
                ScenarioMaterial m = kept.get(i);
                if (m == null) {
                    toMake.add(s);
                    continue;
                }
                X509Certificate leaf = m.fullChain().get(0);
                if (s.server().revoked() != ServerSide.Revoked.NONE && !stillRevoked(lab, s, leaf)) {
                    revoke(lab, s, leaf, now);
                }
                out.put(s.id(), m);
            }
            if (!toMake.isEmpty()) {
                progress.accept("making certificates for " + toMake.size() + " scenario(s) …");
                Map<String, KeyPair> previous = new LinkedHashMap<>();
                for (Scenario s : toMake) {
                    KeyPair old = previousKey(lab, s);
                    if (old != null) {
                        previous.put(s.id(), old);
                    }
                }
                Map<String, List<KeyPair>> keys = ScenarioKeys.plan(lab, toMake, previous);
                for (Scenario s : toMake) {
                    ChainMaker.Made made = ChainMaker.make(lab, s, keys.get(s.id()).iterator(), now);
                    out.put(s.id(), store(lab, s, made, fingerprint(s, caFingerprints), now));
                }
            }
            Map<String, ScenarioMaterial> ordered = new LinkedHashMap<>();
            for (Scenario s : catalogue.scenarios()) {
                ordered.put(s.id(), withTlsExtras(lab, out.get(s.id()), now));
            }
            return new Materials(java.util.Collections.unmodifiableMap(ordered), java.util.Collections.unmodifiableMap(labCas));
        }
    }

    /** Adds the client certificate (mutual TLS) and the stapled OCSP answer a scenario's YAML asks for. */
    private static ScenarioMaterial withTlsExtras(Lab lab, ScenarioMaterial m, Instant now) {
        Scenario s = m.scenario();
        ScenarioMaterial.ClientAuth auth = null;
        if (s.server().clientAuth() != null) {
            ClientCertificates.Made c = ClientCertificates.materialise(lab, s, m.dir(), now);
            auth = new ScenarioMaterial.ClientAuth(ClientCertificates.acceptedRoot(lab, s), c == null ? null : c.key(),
                    c == null ? List.of() : c.chain(), c == null ? null : m.dir().resolve(ClientCertificates.CERT_FILE),
                    c == null ? null : m.dir().resolve(ClientCertificates.KEY_FILE));
        }
        java.util.function.Supplier<byte[]> staple = s.server().staples()
                ? () -> ClientCertificates.staple(lab, s, m.fullChain(), Instant.now()) : null;
        if (auth == null && staple == null) {
            return m;
        }
        return new ScenarioMaterial(s, m.serverKey(), m.serverChain(), m.fullChain(), m.extraTrust(), m.dir(), m.issued(), m.reused(),
                auth, staple);
    }

    /** The scenario's folder in the lab home. */
    public static Path dir(Lab lab, String id) {
        return lab.home().root().resolve("scenarios").resolve(id);
    }

    /** A scenario's earlier server key (from its folder), or null when there is none to keep. */
    private static KeyPair previousKey(Lab lab, Scenario s) {
        Path dir = dir(lab, s.id());
        try {
            if (!Files.exists(dir.resolve(KEY_FILE)) || !Files.exists(dir.resolve(FULL_CHAIN_FILE))) {
                return null;
            }
            PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
            X509Certificate leaf = Pem.readCertificates(dir.resolve(FULL_CHAIN_FILE)).get(0);
            KeyPair kp = new KeyPair(leaf.getPublicKey(), key);
            if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa
                    && leaf.getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub
                    && rsa.getModulus().equals(pub.getModulus())) {
                return kp;
            }
            return null; // only RSA keys are checked against their certificate cheaply; others are made anew
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ScenarioMaterial store(Lab lab, Scenario s, ChainMaker.Made made, String fingerprint, Instant now) {
        Path dir = dir(lab, s.id());
        LabHome.privateDir(dir);
        List<X509Certificate> full = made.fullChain();
        List<X509Certificate> sent = sent(s, full);
        List<X509Certificate> trust = extraTrust(s, full);
        LabHome.writeAtomic(dir.resolve(KEY_FILE), Pem.encodeBytes(made.leafKey().getPrivate()), true);
        LabHome.writeAtomic(dir.resolve(CHAIN_FILE), Pem.encodeBytes(sent.toArray()), false);
        LabHome.writeAtomic(dir.resolve(FULL_CHAIN_FILE), Pem.encodeBytes(full.toArray()), false);
        if (!trust.isEmpty()) {
            LabHome.writeAtomic(dir.resolve(TRUST_FILE), Pem.encodeBytes(trust.toArray()), false);
        }
        if (s.server().revoked() != ServerSide.Revoked.NONE) {
            revoke(lab, s, full.get(0), now);
        }
        State state = new State(MATERIAL_VERSION, fingerprint, now.toString(), CertInfo.fingerprint(full.get(0)),
                full.stream().map(c -> state(c, now)).toList());
        try {
            // written last: a folder without it (an interrupted start) is made again
            LabHome.writeAtomic(dir.resolve(STATE_FILE), JSON.writeValueAsBytes(state), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ScenarioMaterial(s, made.leafKey().getPrivate(), sent, full, trust, dir, now, false, null, null);
    }

    private static void revoke(Lab lab, Scenario s, X509Certificate leaf, Instant now) {
        String caId = s.server().issuer() == ServerSide.Issuer.PUBLIC ? "public" : "enterprise";
        lab.record(caId, leaf);
        // revoked an hour ago, so the CRL's revocationDate is plainly in the past
        lab.revoke(caId, leaf.getSerialNumber(), RevocationReason.keyCompromise, now.minus(Duration.ofHours(1)));
    }

    private static ScenarioMaterial reuse(Scenario s, Path dir, String fingerprint, Instant now) {
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) {
            return null;
        }
        try {
            State st = JSON.readValue(pkilab.InputFiles.read(stateFile, pkilab.InputFiles.Kind.SETTINGS), State.class);
            if (st.version() != MATERIAL_VERSION || !fingerprint.equals(st.fingerprint())) {
                return null;
            }
            Instant issued = Instant.parse(st.issued());
            List<X509Certificate> full = Pem.readCertificates(dir.resolve(FULL_CHAIN_FILE));
            if (!CertInfo.fingerprint(full.get(0)).equals(st.leafSha256()) || drifted(s, full, st.validity(), issued, now)) {
                return null;
            }
            PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
            return new ScenarioMaterial(s, key, sent(s, full), full, extraTrust(s, full), dir, issued, true, null, null);
        } catch (IOException | RuntimeException e) {
            // damaged or hand-edited material is simply made again
            return null;
        }
    }

    private static boolean stillRevoked(Lab lab, Scenario s, X509Certificate leaf) {
        String caId = s.server().issuer() == ServerSide.Issuer.PUBLIC ? "public" : "enterprise";
        return CaRecords.find(lab.records(caId), leaf.getSerialNumber()).map(CaRecords.Entry::isRevoked).orElse(false);
    }

    /**
     * Whether time has changed what the certificates show: a certificate's validity state
     * (before, within, after its dates) differs between issue time and now, or the YAML says
     * "relative to now" and the material is older than {@link #MAX_AGE}.
     */
    static boolean drifted(Scenario s, List<X509Certificate> full, List<Integer> validityWhenMade, Instant issued, Instant now) {
        if (validityWhenMade == null || validityWhenMade.size() != full.size()) {
            return true;
        }
        for (int i = 0; i < full.size(); i++) {
            if (state(full.get(i), now) != validityWhenMade.get(i)) {
                return true;
            }
        }
        boolean relative = relative(s.server().notBefore()) || relative(s.server().notAfter())
                || s.server().issuer() == ServerSide.Issuer.EXPIRED_INTERMEDIATE;
        return relative && Duration.between(issued, now).compareTo(MAX_AGE) > 0;
    }

    private static boolean relative(String time) {
        return time != null && time.trim().matches("[+-]?\\d+\\s*[smhdwy]|now");
    }

    private static int state(X509Certificate c, Instant t) {
        return t.isBefore(c.getNotBefore().toInstant()) ? -1 : t.isAfter(c.getNotAfter().toInstant()) ? 1 : 0;
    }

    private static List<X509Certificate> sent(Scenario s, List<X509Certificate> full) {
        List<X509Certificate> out = new ArrayList<>();
        for (ChainPart p : s.server().sends()) {
            switch (p) {
                case LEAF -> out.add(full.get(0));
                case INTERMEDIATE -> out.addAll(full.subList(1, Math.max(1, full.size() - 1)));
                case ROOT -> {
                    if (full.size() > 1) {
                        out.add(full.get(full.size() - 1));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<X509Certificate> extraTrust(Scenario s, List<X509Certificate> full) {
        List<X509Certificate> out = new ArrayList<>();
        for (ClientSide.ExtraTrust t : s.client().alsoTrusts()) {
            out.add(t == ClientSide.ExtraTrust.LEAF ? full.get(0) : full.get(full.size() - 1));
        }
        return List.copyOf(out);
    }

    /** Digest of everything in the YAML and the lab that the certificates depend on. */
    static String fingerprint(Scenario s, Map<String, String> caFingerprints) {
        try {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("version", MATERIAL_VERSION);
            in.put("server", s.server());
            in.put("alsoTrusts", s.client().alsoTrusts());
            in.put("cas", caFingerprints);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(in).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
