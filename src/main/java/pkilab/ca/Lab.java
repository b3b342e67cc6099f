package pkilab.ca;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import pkilab.BadInputException;
import pkilab.ca.internal.CrlMaker;
import pkilab.ca.internal.OcspResponder;
import pkilab.ca.internal.X509Maker;
import pkilab.pem.Pem;

/**
 * The mini-CA: the CAs of the {@code ca/} profiles, kept in a {@link LabHome}, and what they
 * issue and revoke.
 *
 * <pre>
 *   Lab lab = Lab.open(home, profiles);
 *   lab.init(Set.of(), msg -> {});                       // makes enterprise, public-root, public
 *   IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
 * </pre>
 */
public final class Lab {
    /** Stands for "no CA": a self-signed leaf. */
    public static final String SELF = "self";
    /** Base URL of the lab's PKI endpoints when a profile names none. */
    public static final String DEFAULT_PKI_BASE = "http://pki.lab.test";

    private static final SecureRandom RANDOM = new SecureRandom();
    // GeneralizedTime has four digits for the year
    private static final Instant LAST_X509_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final Instant FIRST_X509_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final LabHome home;
    private final CaProfiles profiles;
    private final java.util.concurrent.ConcurrentHashMap<String, Loaded> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    public Lab(LabHome home, CaProfiles profiles) {
        this.home = home;
        this.profiles = profiles;
    }

    public static Lab open(Path home, Path caFolder) {
        return new Lab(new LabHome(home), CaProfiles.load(caFolder));
    }

    public LabHome home() {
        return home;
    }

    public CaProfiles profiles() {
        return profiles;
    }

    /** What {@link #init} did with one CA. */
    public record InitResult(String id, String subject, boolean created, Path certificate) {
    }

    /** Ids of the CA certificates a profile makes: its root, then its intermediate, if any. */
    public static List<String> caIds(CaProfile p) {
        if (p.selfSigned()) {
            return List.of();
        }
        return p.intermediate == null ? List.of(p.name) : List.of(p.name + "-root", p.name);
    }

    /** Every CA id of the lab, roots before the CAs they sign. */
    public List<String> caIds() {
        List<String> out = new ArrayList<>();
        for (CaProfile p : profiles.all()) {
            out.addAll(caIds(p));
        }
        return out;
    }

    public boolean isInitialised(String caId) {
        return Files.exists(home.caDir(caId).resolve("cert.pem")) && Files.exists(home.caDir(caId).resolve("key.pem"));
    }

    /**
     * What a half-made CA folder lacks ({@code cert.pem} without {@code key.pem} or the
     * reverse), as a message with the way out; empty when the CA is whole or not there at all.
     */
    public java.util.Optional<String> incomplete(String caId) {
        boolean cert = Files.exists(home.caDir(caId).resolve("cert.pem"));
        boolean key = Files.exists(home.caDir(caId).resolve("key.pem"));
        if (cert == key) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("CA '" + caId + "' in " + home.caDir(caId) + " is incomplete: "
                + (cert ? "key.pem" : "cert.pem") + " is missing (restore it, or re-create the CA: pkilab ca init --force " + caId + ")");
    }

    private void requireWhole(String caId) {
        java.util.Optional<String> missing = incomplete(caId);
        if (missing.isPresent()) {
            throw new BadInputException(missing.get());
        }
    }

    /**
     * Creates every CA of the profiles that the lab home does not have yet; keeps (and reports)
     * those it has. {@code force} names CAs to re-create; re-creating a root re-creates the CA
     * below it. Keys are generated in parallel.
     */
    public List<InitResult> init(Set<String> force, Consumer<String> progress) {
        for (String f : force) {
            if (!caIds().contains(f)) {
                throw new BadInputException("unknown CA '" + f + "' for --force (known: " + String.join(", ", caIds()) + ")");
            }
        }
        try (LabHome.Lock lock = home.lock()) {
            List<InitResult> results = new ArrayList<>();
            Map<String, CertTemplate> toMake = new LinkedHashMap<>();
            Map<String, CaProfile> profileOf = new LinkedHashMap<>();
            for (CaProfile p : profiles.all()) {
                List<String> ids = caIds(p);
                boolean parentRemade = false;
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    // a CA with only its certificate or only its key is not re-made unasked: that
                    // would also replace the CA below it and orphan everything both issued
                    if (!parentRemade && !force.contains(id)) {
                        requireWhole(id);
                    }
                    if (parentRemade || force.contains(id) || !isInitialised(id)) {
                        toMake.put(id, i == 0 ? p.root : p.intermediate);
                        profileOf.put(id, p);
                        parentRemade = true;
                    }
                }
            }
            Map<String, CompletableFuture<KeyPair>> keys = new LinkedHashMap<>();
            for (Map.Entry<String, CertTemplate> e : toMake.entrySet()) {
                KeyType kt = KeyType.parse(e.getValue().key == null ? "rsa-2048" : e.getValue().key);
                progress.accept("making a " + kt + " key for " + e.getValue().subject + " …");
                keys.put(e.getKey(), CompletableFuture.supplyAsync(kt::generate));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (CaProfile p : profiles.all()) {
                for (String id : caIds(p)) {
                    CertTemplate t = toMake.get(id);
                    if (t == null) {
                        X509Certificate c = ca(id).certificate();
                        results.add(new InitResult(id, c.getSubjectX500Principal().getName(), false, certPath(id)));
                        continue;
                    }
                    KeyPair kp = keys.get(id).join();
                    IssuingCa parent = id.equals(p.name) && p.intermediate != null ? ca(p.name + "-root") : null;
                    Instant nb = now.minus(period(t.backdate, Duration.ZERO));
                    Instant na = nb.plus(period(t.validity, Duration.ofDays(365)));
                    if (parent != null && na.isAfter(parent.certificate().getNotAfter().toInstant())) {
                        na = parent.certificate().getNotAfter().toInstant();
                    }
                    CertSpec spec = new CertSpec(t.subject, kp.getPublic(),
                            parent == null ? null : parent.certificate(),
                            parent == null ? kp.getPrivate() : parent.key(),
                            SignatureHash.parse(t.signature == null ? "sha256" : t.signature),
                            serial(t), nb, na, withCaDefaults(t, parent == null), List.of(), List.of(), null,
                            pkiBase(p), parent == null ? id : parent.id());
                    X509Certificate cert = X509Maker.make(spec);
                    Path dir = home.caDir(id);
                    CaIntegrity.signedBy(cert, parent == null ? null : parent.certificate(), parent == null ? id : parent.id(),
                            parent == null ? dir : home.caDir(parent.id()));
                    LabHome.privateDir(dir);
                    LabHome.writeAtomic(dir.resolve("key.pem"), Pem.encodeBytes(kp.getPrivate()), true);
                    LabHome.writeAtomic(dir.resolve("cert.pem"), Pem.encodeBytes(cert), false);
                    CaRecords.write(dir, new CaRecords.Data());
                    loaded.remove(id);
                    if (parent != null) {
                        record(parent.id(), cert);
                    }
                    results.add(new InitResult(id, cert.getSubjectX500Principal().getName(), true, certPath(id)));
                }
            }
            return results;
        }
    }

    private static CertTemplate withCaDefaults(CertTemplate t, boolean root) {
        if (root && t.nameConstraints == null) {
            t.nameConstraints = "lab";
        }
        return t;
    }

    /** A CA of the lab by id ({@code enterprise}, {@code public}, {@code public-root}). */
    public IssuingCa ca(String id) {
        CaProfile profile = profileOfCa(id);
        if (!isInitialised(id)) {
            requireWhole(id);
            throw new BadInputException("CA '" + id + "' is not in the lab home " + home.root() + " yet (run: pkilab ca init)");
        }
        // kept while its certificate file is unchanged: another process may re-create the CA
        // the key, the certificate and the issuer's certificate are checked together: a change to any is a new check
        long stamp = stamp(id) * 31 + (profile.intermediate != null && id.equals(profile.name) ? stamp(certPath(profile.name + "-root")) : 0);
        Loaded hit = loaded.get(id);
        if (hit != null && hit.stamp() == stamp) {
            return hit.ca();
        }
        IssuingCa ca = load(id, profile);
        loaded.put(id, new Loaded(ca, stamp));
        return ca;
    }

    private record Loaded(IssuingCa ca, long stamp) {
    }

    private long stamp(String id) {
        return stamp(certPath(id)) * 31 + stamp(home.caDir(id).resolve("key.pem"));
    }

    private static long stamp(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() * 31 + a.size() + (a.fileKey() == null ? 0 : a.fileKey().hashCode());
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Reads a CA and checks that it can sign what its issuer's key verifies (see {@link CaIntegrity}). */
    private IssuingCa load(String id, CaProfile profile) {
        X509Certificate cert = loadCert(id);
        PrivateKey key = Pem.readPrivateKey(home.caDir(id).resolve("key.pem"));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        IssuingCa parent = null;
        if (profile.intermediate != null && id.equals(profile.name)) {
            parent = ca(profile.name + "-root");
            chain.add(parent.certificate());
        }
        CaIntegrity.check(id, home.caDir(id), cert, key, parent);
        return new IssuingCa(id, profile, cert, key, List.copyOf(chain));
    }

    private CaProfile profileOfCa(String id) {
        for (CaProfile p : profiles.all()) {
            if (caIds(p).contains(id)) {
                return p;
            }
        }
        if (id.equals("self")) {
            // cert issue takes --ca self for Exchange's own certificate; everywhere else a CA is meant
            throw new BadInputException("'self' is not a CA: a self-signed certificate is its own issuer, and is trusted as"
                    + " itself (its .crt from pkilab cert issue --ca self); known CAs: " + String.join(", ", caIds()));
        }
        throw new BadInputException("unknown CA '" + id + "' (known: " + String.join(", ", caIds()) + ")");
    }

    private X509Certificate loadCert(String id) {
        return Pem.readCertificates(certPath(id)).get(0);
    }

    public Path certPath(String id) {
        return home.caDir(id).resolve("cert.pem");
    }

    /** Issues a leaf as the request says; records it with its CA so it can be revoked later. */
    public IssuedCertificate issue(LeafRequest r) {
        return issue(r, issued -> { });
    }

    /**
     * Issues a leaf, hands it to {@code keep} (which writes it somewhere) under the lab lock,
     * and records it with its CA only when {@code keep} returned: a certificate that was never
     * written leaves no record that a CRL would later list.
     */
    public IssuedCertificate issue(LeafRequest r, Consumer<IssuedCertificate> keep) {
        String caName = r.ca == null ? SELF : r.ca;
        boolean self = SELF.equals(caName);
        CaProfile profile = self ? selfProfile() : profiles.get(caName);
        if (!self && profile.selfSigned()) {
            self = true;
        }
        String leafName = r.profile == null ? profile.defaultLeafProfile() : r.profile;
        CertTemplate t = profile.leaves.get(leafName);
        if (t == null) {
            throw new BadInputException("CA '" + caName + "' has no leaf profile '" + leafName
                    + "' (known: " + String.join(", ", profile.leaves.keySet()) + ")");
        }
        if (r.publicKey != null && self) {
            throw new BadInputException("a certificate signing request is signed by a CA: give --ca enterprise, --ca public… (not self)");
        }
        KeyType kt = r.key != null ? r.key : KeyType.parse(t.key == null ? "rsa-2048" : t.key);
        // a CSR brings its own public key; the private key stays with whoever made the request
        KeyPair kp = r.publicKey != null ? new KeyPair(r.publicKey, null) : kt.generate();
        IssuingCa ca = self ? null : ca(profile.name);
        CertSpec spec = leafSpec(r, t, profile, kp, ca, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        X509Certificate cert = X509Maker.make(spec);
        CaIntegrity.signedBy(cert, ca == null ? null : ca.certificate(), ca == null ? SELF : ca.id(),
                ca == null ? home.certsDir() : home.caDir(ca.id()));
        IssuedCertificate issued = ca == null ? new IssuedCertificate(SELF, cert, kp.getPrivate(), List.of(cert))
                : new IssuedCertificate(ca.id(), cert, kp.getPrivate(), ca.chain());
        try (LabHome.Lock lock = home.lock()) {
            keep.accept(issued);
            if (ca != null) {
                // a fresh random serial of this CA: no need to look for it in the records first
                CaRecords.append(home.caDir(ca.id()), entryOf(cert));
            }
        }
        return issued;
    }

    private CaProfile selfProfile() {
        for (CaProfile p : profiles.all()) {
            if (p.selfSigned()) {
                return p;
            }
        }
        throw new BadInputException("no self-signed leaf profile in ca/ (a profile without a root, such as exchange-self-signed.yaml)");
    }

    /** Turns a request into what to sign, applying the leaf profile's defaults and limits. */
    CertSpec leafSpec(LeafRequest r, CertTemplate t, CaProfile profile, KeyPair kp, IssuingCa ca, Instant now) {
        List<String> dns = new ArrayList<>();
        for (String d : r.dns) {
            String n = Names.dns(d);
            if (!dns.contains(n)) {
                dns.add(n);
            }
        }
        List<String> ips = new ArrayList<>();
        for (String ip : r.ips) {
            ips.add(Names.ip(ip));
        }
        String cn = r.commonName;
        if (Boolean.TRUE.equals(t.netbiosName) && !dns.isEmpty()) {
            String netbios = dns.get(0).split("\\.")[0].toUpperCase(java.util.Locale.ROOT);
            if (dns.stream().noneMatch(netbios::equalsIgnoreCase)) {
                dns.add(0, netbios);
            }
            if (cn == null) {
                cn = netbios;
            }
        }
        if (cn == null && (t.cnFromFirstDns == null || t.cnFromFirstDns) && !dns.isEmpty()) {
            cn = dns.get(0);
        }
        String subject = cn != null ? "CN=" + escapeRdn(cn) : t.subject;
        if (subject == null && dns.isEmpty() && !ips.isEmpty() && !r.noSan) {
            // an address-only certificate gets an empty subject (and a critical SAN), not
            // CN=127.0.0.1: OpenSSL and GnuTLS check a CN that looks like a host name against
            // the issuer's DNS name constraints, and would refuse it under a lab root
            subject = "";
        }
        if (subject == null && r.noSan && !ips.isEmpty()) {
            throw new BadInputException("with --no-san the address is in no field of the certificate: give --cn " + ips.get(0)
                    + " to put it in the subject");
        }
        if (subject == null) {
            throw new BadInputException("the certificate needs a name: give --dns, --ip or --cn");
        }
        if (r.noSan) {
            if (Boolean.TRUE.equals(t.requireSan)) {
                throw new BadInputException("CA '" + profile.name + "' issues only certificates with a subjectAltName"
                        + " (CA/Browser Forum rule); use --ca enterprise or --ca self for a certificate without one");
            }
            if (cn == null) {
                throw new BadInputException("--no-san needs a name in the subject: give --cn or --dns");
            }
            dns.clear();
            ips.clear();
        } else if (Boolean.TRUE.equals(t.requireSan) && dns.isEmpty() && ips.isEmpty()) {
            throw new BadInputException("CA '" + profile.name + "' needs at least one --dns or --ip (the subjectAltName is required)");
        }
        Instant nb = r.notBefore != null ? r.notBefore : now.minus(period(t.backdate, Duration.ofHours(1)));
        Instant na;
        if (r.notAfter != null) {
            na = r.notAfter;
        } else if (r.lifetime != null) {
            na = nb.plus(r.lifetime);
        } else {
            na = nb.plus(period(t.validity, Duration.ofDays(365)));
        }
        if (!na.isAfter(nb)) {
            throw new BadInputException("not-after " + na + " is not after not-before " + nb);
        }
        if (na.isAfter(LAST_X509_TIME) || nb.isBefore(FIRST_X509_TIME)) {
            throw new BadInputException("validity " + nb + " → " + na + " does not fit X.509's four-digit years"
                    + " (0001 to 9999, RFC 5280 4.1.2.5; 9999-12-31T23:59:59Z means 'no end'): shorten --days/--not-after");
        }
        if (t.maxValidity != null && Duration.between(nb, na).compareTo(TimeSpec.period(t.maxValidity)) > 0) {
            throw new BadInputException("CA '" + profile.name + "' issues leaves valid for at most " + t.maxValidity
                    + " (asked for " + Duration.between(nb, na).toDays() + " days); shorten --days/--not-after or change maxValidity in ca/"
                    + profile.name + ".yaml");
        }
        SignatureHash sig = r.signature != null ? r.signature : SignatureHash.parse(t.signature == null ? "sha256" : t.signature);
        if (r.extKeyUsage != null) {
            r.extKeyUsage.forEach(X509Maker::ekuOid);
        }
        t = withRequestExtensions(r, t);
        return new CertSpec(subject, kp.getPublic(),
                ca == null ? null : ca.certificate(),
                ca == null ? kp.getPrivate() : ca.key(),
                sig, serial(t), nb, na, t, dns, ips, r.extKeyUsage, pkiBase(profile), ca == null ? null : ca.id());
    }

    /** The leaf profile with the request's keyUsage, cA flag, policies and extra extensions; the profile itself is not changed. */
    private static CertTemplate withRequestExtensions(LeafRequest r, CertTemplate t) {
        if (r.keyUsage == null && !r.isCa && r.policies == null && r.extensions.isEmpty()) {
            return t;
        }
        CertTemplate c = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(t, CertTemplate.class);
        if (r.keyUsage != null) {
            for (String u : r.keyUsage) {
                if (!X509Maker.KEY_USAGES.containsKey(u)) {
                    throw new BadInputException("unknown keyUsage '" + u + "' (expected "
                            + String.join(", ", new java.util.TreeSet<>(X509Maker.KEY_USAGES.keySet())) + ")");
                }
            }
            c.keyUsage = new CertTemplate.Usage();
            c.keyUsage.critical = true;
            c.keyUsage.values = new ArrayList<>(r.keyUsage);
        }
        if (r.isCa) {
            c.basicConstraints = new CertTemplate.BasicConstraints();
            c.basicConstraints.ca = true;
            c.basicConstraints.critical = true;
        }
        if (r.policies != null) {
            for (String p : r.policies) {
                if (!OID.matcher(p).matches()) {
                    throw new BadInputException("policy '" + p + "' is not an OID (e.g. 2.23.140.1.1 for EV, 2.23.140.1.2.1 for DV)");
                }
            }
            c.certificatePolicies = new ArrayList<>(r.policies);
        }
        for (CertTemplate.RawExtension e : r.extensions) {
            if (e.id == null || !OID.matcher(e.id).matches()) {
                throw new BadInputException("extension '" + e.id + "' is not an OID (e.g. 1.3.6.1.4.1.55555.1)");
            }
            if (KNOWN_EXTENSIONS.contains(e.id)) {
                throw new BadInputException("extension " + e.id + " is one pkilab makes itself; use --ku, --eku, --policy or --ca-true for it");
            }
        }
        c.extensions = new ArrayList<>(c.extensions == null ? List.of() : c.extensions);
        c.extensions.addAll(r.extensions);
        return c;
    }

    private static final java.util.regex.Pattern OID = java.util.regex.Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,17})){1,30}");
    private static final java.util.Set<String> KNOWN_EXTENSIONS = java.util.Set.of("2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19",
            "2.5.29.30", "2.5.29.31", "2.5.29.32", "2.5.29.35", "2.5.29.37", "1.3.6.1.5.5.7.1.1");

    private static String escapeRdn(String value) {
        return javax.naming.ldap.Rdn.escapeValue(value);
    }

    /** Signs any certificate the caller describes: for scenarios that need odd chains (expired intermediates, CA:FALSE issuers…). */
    public static X509Certificate sign(CertSpec spec) {
        new X500Principal(spec.subject());
        return X509Maker.make(spec);
    }

    public static BigInteger serial(CertTemplate t) {
        int bits = t.serialBits == null ? 128 : t.serialBits;
        // the top bit is set so every serial has exactly `bits` bits: at least 64 bits of
        // randomness for the CA/Browser Forum, positive and below 2^159 for RFC 5280
        return new BigInteger(bits - 1, RANDOM).setBit(bits - 1);
    }

    private static Duration period(String text, Duration dflt) {
        return text == null ? dflt : TimeSpec.period(text);
    }

    private static String pkiBase(CaProfile p) {
        return p.pkiBaseUrl == null ? DEFAULT_PKI_BASE : p.pkiBaseUrl;
    }

    /**
     * Enters a certificate into a CA's records, as issuing through the CA does, so that CRLs
     * and OCSP answers know it; for certificates signed with {@link #sign} on a lab CA's
     * behalf. Recording a serial twice keeps the first entry. A certificate the CA's key did
     * not sign is refused: the lab hands out nothing its issuer cannot verify.
     */
    public void record(String caId, X509Certificate cert) {
        CaIntegrity.signedBy(cert, ca(caId).certificate(), caId, home.caDir(caId));
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            if (CaRecords.find(CaRecords.read(dir), cert.getSerialNumber()).isPresent()) {
                return;
            }
            CaRecords.append(dir, entryOf(cert));
        }
    }

    private static CaRecords.Entry entryOf(X509Certificate cert) {
        return CaRecords.entry(cert.getSerialNumber(), cert.getSubjectX500Principal().getName(),
                cert.getNotAfter().toInstant(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The CA's records: what it issued, what is revoked. */
    public CaRecords.Data records(String caId) {
        profileOfCa(caId);
        return CaRecords.read(home.caDir(caId));
    }

    /**
     * Marks a serial revoked. Revoking a serial this CA never issued is refused; revoking one
     * twice keeps the first date and reason.
     */
    public CaRecords.Entry revoke(String caId, BigInteger serial, RevocationReason reason, Instant when) {
        ca(caId);
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            CaRecords.Data data = CaRecords.read(dir);
            CaRecords.Entry e = CaRecords.find(data, serial).orElseThrow(() -> new BadInputException(
                    "CA '" + caId + "' has not issued serial " + CaRecords.hex(serial) + " (see pkilab ca show " + caId + " --issued)"));
            if (!e.isRevoked()) {
                e.revokedAt = when.truncatedTo(ChronoUnit.SECONDS).toString();
                e.reason = reason.name();
                CaRecords.write(dir, data);
            }
            return e;
        }
    }

    /** The CA's current CRL (valid 7 days), numbered one above the last one made. */
    public X509CRL crl(String caId, Instant now) {
        IssuingCa ca = ca(caId);
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            CaRecords.Data data = CaRecords.read(dir);
            data.crlNumber++;
            List<CrlMaker.Revoked> revoked = new ArrayList<>();
            for (CaRecords.Entry e : data.entries) {
                if (e.isRevoked()) {
                    revoked.add(new CrlMaker.Revoked(e.serialNumber(), Instant.parse(e.revokedAt),
                            RevocationReason.parse(e.reason).code()));
                }
            }
            Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
            X509CRL crl = CrlMaker.make(ca.certificate(), ca.key(), revoked, thisUpdate, thisUpdate.plus(Duration.ofDays(7)), data.crlNumber);
            CaIntegrity.signedBy(crl, ca.certificate(), caId, dir);
            CaRecords.write(dir, data);
            return crl;
        }
    }

    /**
     * The CA's OCSP answer (RFC 6960) to a DER-encoded request, DER-encoded and signed by the
     * CA: {@code good}, {@code revoked} with time and reason, or {@code unknown} for a serial
     * it never issued, as its records say right now (so a {@code pkilab} revoke in another
     * process shows at once). Requests that do not parse get a {@code malformedRequest}
     * answer, not an exception.
     */
    public byte[] ocsp(String caId, byte[] requestDer, Instant now) {
        IssuingCa ca = ca(caId);
        CaRecords.Data data = records(caId);
        return OcspResponder.respond(ca.certificate(), ca.key(), requestDer, serial -> CaRecords.find(data, serial)
                .map(e -> e.isRevoked()
                        ? OcspResponder.Status.revoked(Instant.parse(e.revokedAt), RevocationReason.parse(e.reason).code())
                        : OcspResponder.Status.GOOD)
                .orElse(OcspResponder.Status.UNKNOWN), now.truncatedTo(ChronoUnit.SECONDS));
    }
}
