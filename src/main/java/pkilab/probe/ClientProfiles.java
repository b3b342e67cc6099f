package pkilab.probe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.scenario.ClientProfile;
import pkilab.scenario.ClientProfile.Family;
import pkilab.scenario.ClientProfile.Revocation;

/**
 * The simulated client machines: {@code scenarios/clients.yaml} when the checkout has it,
 * else built-in profiles that follow REFERENCE §6 (how .NET, Java, OpenSSL and Chromium
 * differ). A profile in the YAML replaces the built-in one of the same id.
 */
public final class ClientProfiles {
    private static final List<String> TLS12_13 = List.of("TLSv1.2", "TLSv1.3");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, ClientProfile> byId;

    private ClientProfiles(Map<String, ClientProfile> byId) {
        this.byId = byId;
    }

    /** The built-in profiles, without any YAML. */
    public static ClientProfiles builtIn() {
        Map<String, ClientProfile> m = new LinkedHashMap<>();
        List<String> domain = List.of("public-root", "enterprise");
        List<String> pub = List.of("public-root");
        put(m, new ClientProfile("email-router", "Dynamics CRM E-mail Router on a domain-joined Windows server (.NET Framework)",
                Family.DOTNET, domain, true, Revocation.OFF, true, true, 1024, true, List.of("TLSv1.2")));
        put(m, new ClientProfile("domain-member", "a Windows machine in contoso.test (.NET, enterprise root by Group Policy)",
                Family.DOTNET, domain, true, Revocation.OFF, true, true, 1024, true, TLS12_13));
        put(m, new ClientProfile("workgroup-pc", "a Windows machine outside the domain: public roots only",
                Family.DOTNET, pub, true, Revocation.OFF, true, true, 1024, true, TLS12_13));
        put(m, new ClientProfile("java", "OpenJDK 17 defaults (no AIA fetching, no revocation, ignores root name constraints)",
                Family.JAVA, pub, false, Revocation.OFF, true, true, 1024, false, TLS12_13));
        put(m, new ClientProfile("openssl", "OpenSSL 3 / curl on Debian 12 (SECLEVEL 2: no SHA-1, RSA 2048+)",
                Family.OPENSSL, pub, false, Revocation.OFF, true, false, 2048, true, TLS12_13));
        put(m, new ClientProfile("browser", "Chromium on Linux (fetches AIA, no CN fallback, no SHA-1)",
                Family.BROWSER, pub, true, Revocation.OFF, false, false, 1024, true, TLS12_13));
        put(m, new ClientProfile("strict", "a hardened client: hard-fail revocation, SAN only, no SHA-1, RSA 2048+",
                Family.OPENSSL, pub, false, Revocation.HARD, false, false, 2048, true, TLS12_13));
        return new ClientProfiles(m);
    }

    private static void put(Map<String, ClientProfile> m, ClientProfile p) {
        m.put(p.id(), p);
    }

    /** Built-ins overlaid with {@code <configDir>/scenarios/clients.yaml}, if present. */
    public static ClientProfiles load(Path configDir) {
        ClientProfiles p = builtIn();
        Path file = configDir.resolve("scenarios").resolve("clients.yaml");
        if (Files.isRegularFile(file)) {
            p.byId.putAll(read(file));
        }
        return p;
    }

    public ClientProfile get(String id) {
        ClientProfile p = byId.get(id);
        if (p == null) {
            throw new BadInputException("unknown client profile '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        }
        return p;
    }

    public List<ClientProfile> all() {
        return List.copyOf(byId.values());
    }

    /** Reads a list of profiles, a {@code clients:}/{@code profiles:} list, or a map from id to profile. */
    static Map<String, ClientProfile> read(Path file) {
        Map<String, ClientProfile> out = new LinkedHashMap<>();
        try {
            JsonNode root = YAML.readTree(file.toFile());
            JsonNode items = root == null ? null : root.has("clients") ? root.get("clients") : root.has("profiles") ? root.get("profiles") : root;
            if (items == null || items.isNull()) {
                return out;
            }
            if (items.isArray()) {
                for (JsonNode n : items) {
                    ClientProfile p = YAML.treeToValue(n, ClientProfile.class);
                    out.put(p.id(), p);
                }
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    ObjectNode n = (ObjectNode) e.getValue().deepCopy();
                    if (!n.has("id")) {
                        n.put("id", e.getKey());
                    }
                    out.put(e.getKey(), YAML.treeToValue(n, ClientProfile.class));
                }
            }
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new BadInputException(file + ": cannot read the client profiles: " + m);
        }
        return out;
    }
}
