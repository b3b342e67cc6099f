package pkilab.scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;

/** Loads and checks {@code scenarios/clients.yaml}: the simulated client machines. */
final class ClientProfiles {
    private static final Set<String> TLS_VERSIONS = Set.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The file's shape: {@code clients: [ {id: …}, … ]}. */
    record File(List<ClientProfile> clients) {
    }

    private ClientProfiles() {
    }

    static Map<String, ClientProfile> load(Path file, Set<String> caIds) {
        YamlDoc doc = YamlDoc.read(file, ConfigDir.display(file));
        File f = doc.bind(File.class);
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
            out.put(p.id(), p);
        }
        return out;
    }

    private static void require(YamlDoc doc, String field, Object value) {
        if (value == null) {
            throw doc.fail(field, "missing (every client profile states it)");
        }
    }
}
