package pkilab.scenario;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;
import pkilab.verdict.ClientProfile;

/**
 * The simulated client machines of {@code scenarios/clients.yaml} — how .NET, Java, OpenSSL,
 * GnuTLS, NSS, Node and Chromium differ (REFERENCE §6) — loaded and checked strictly: every
 * profile states every field, and a mistake is named with file, line and field.
 */
public final class ClientProfiles {
    private static final Set<String> TLS_VERSIONS = Set.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The file's shape: {@code clients: [ {id: …}, … ]}. */
    record File(List<ClientProfile> clients) {
    }

    private final Map<String, ClientProfile> byId;

    private ClientProfiles(Map<String, ClientProfile> byId) {
        this.byId = byId;
    }

    /**
     * The profiles of {@code <configDir>/scenarios/clients.yaml}, checked as the scenario
     * catalogue checks them (the one place client policies are written down), without reading
     * the scenarios themselves: for commands that judge a server against a profile.
     */
    public static ClientProfiles load(Path configDir) {
        Path file = configDir.resolve("scenarios").resolve(ScenarioCatalogue.CLIENTS_FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new pkilab.BadInputException("no client profiles: " + file + " is missing (run pkilab from its checkout, or set PKILAB_CONFIG)");
        }
        return new ClientProfiles(ScenarioCatalogue.loadClients(configDir));
    }

    /** A profile by id; bad input naming the known ones when there is none. */
    public ClientProfile get(String id) {
        ClientProfile p = byId.get(id);
        if (p == null) {
            throw new pkilab.BadInputException("unknown client profile '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        }
        return p;
    }

    public List<ClientProfile> all() {
        return List.copyOf(byId.values());
    }

    static Map<String, ClientProfile> read(Path file, Set<String> caIds) {
        YamlDoc doc = YamlDoc.read(file, ConfigDir.display(file));
        requireEveryField(doc);
        File f = ScenarioCatalogue.bind(doc, File.class);
        if (f.clients() == null || f.clients().isEmpty()) {
            throw doc.fail("clients", "at least one client profile is needed");
        }
        Map<String, ClientProfile> out = new LinkedHashMap<>();
        for (int i = 0; i < f.clients().size(); i++) {
            ClientProfile p = f.clients().get(i);
            String at = "clients[" + i + "]";
            if (p.id() == null || !p.id().matches("[a-z][a-z0-9-]{0,30}")) {
                throw doc.fail(at + ".id", "expected a lower-case id like 'email-router', found '" + p.id() + "'");
            }
            if (p.id().equals(Scenario.OTHERS)) {
                throw doc.fail(at + ".id", "'" + Scenario.OTHERS + "' is reserved: in a scenario's expect: block it means every other profile");
            }
            if (out.containsKey(p.id())) {
                throw doc.fail(at + ".id", "client profile '" + p.id() + "' is defined twice");
            }
            require(doc, at + ".description", p.description());
            require(doc, at + ".family", p.family());
            require(doc, at + ".revocation", p.revocation());
            require(doc, at + ".trusts", p.trusts());
            require(doc, at + ".tlsVersions", p.tlsVersions());
            for (int t = 0; t < p.trusts().size(); t++) {
                if (!caIds.contains(p.trusts().get(t))) {
                    throw doc.fail(at + ".trusts[" + t + "]", "unknown CA '" + p.trusts().get(t) + "' (known: " + String.join(", ", caIds) + ")");
                }
            }
            if (p.minRsaBits() < 512 || p.minRsaBits() > 16384) {
                throw doc.fail(at + ".minRsaBits", "expected a key size like 1024 or 2048, found " + p.minRsaBits());
            }
            if (p.tlsVersions().isEmpty()) {
                throw doc.fail(at + ".tlsVersions", "at least one protocol version is needed");
            }
            for (int t = 0; t < p.tlsVersions().size(); t++) {
                if (!TLS_VERSIONS.contains(p.tlsVersions().get(t))) {
                    throw doc.fail(at + ".tlsVersions[" + t + "]", "unknown protocol '" + p.tlsVersions().get(t) + "' (expected TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3)");
                }
            }
            require(doc, at + ".refusesCiphers", p.refusesCiphers());
            require(doc, at + ".adds", p.adds());
            require(doc, at + ".skips", p.skips());
            for (String list : List.of("adds", "skips")) {
                List<String> ids = list.equals("adds") ? p.adds() : p.skips();
                for (int r = 0; r < ids.size(); r++) {
                    String field = at + "." + list + "[" + r + "]";
                    String id = ids.get(r);
                    pkilab.verdict.Rule rule = pkilab.verdict.Rule.find(id).orElseThrow(() -> doc.fail(field, pkilab.verdict.Rule.unknown(id)));
                    if (list.equals("adds") == rule.inBase()) {
                        throw doc.fail(field, "rule '" + rule.id() + "' is " + (rule.inBase()
                                ? "part of RFC 5280 §6 already: only skips can name it" : "not part of RFC 5280 §6: only adds can name it"));
                    }
                }
            }
            out.put(p.id(), p);
        }
        return out;
    }

    /**
     * A profile states every field: a left-out {@code aiaFetch} would silently read as false,
     * and the simulated machine would not be the one the file seems to describe.
     */
    private static void requireEveryField(YamlDoc doc) {
        for (int i = 0; doc.has("clients[" + i + "]"); i++) {
            final int at = i;
            if (Arrays.stream(ClientProfile.class.getRecordComponents()).noneMatch(c -> doc.has("clients[" + at + "]." + c.getName()))) {
                continue; // not a profile at all: binding says what it is
            }
            for (RecordComponent c : ClientProfile.class.getRecordComponents()) {
                if (!doc.has("clients[" + i + "]." + c.getName())) {
                    throw doc.fail("clients[" + i + "]", "missing field '" + c.getName() + "' (every client profile states it)");
                }
            }
        }
    }

    private static void require(YamlDoc doc, String field, Object value) {
        if (value == null) {
            throw doc.fail(field, "missing (every client profile states it)");
        }
    }
}
