package pkilab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;
import pkilab.verdict.ClientProfile;

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
        requireEveryField(file, doc);
        File f = ScenarioCatalog.bind(doc, File.class);
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
    private static void requireEveryField(Path file, YamlDoc doc) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(doc.text());
        } catch (IOException e) {
            return; // binding reports what is wrong with the file, with its line
        }
        for (int i = 0; tree != null && i < tree.path("clients").size(); i++) {
            JsonNode entry = tree.path("clients").path(i);
            if (!entry.isObject()) {
                continue;
            }
            for (RecordComponent c : ClientProfile.class.getRecordComponents()) {
                if (!entry.has(c.getName())) {
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
