package pkilab.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.scenario.ClientProfile;
import pkilab.scenario.ScenarioCatalog;
import pkilab.scenario.ClientProfile.Family;
import pkilab.scenario.ClientProfile.Revocation;

/**
 * The simulated client machines: {@code scenarios/clients.yaml} when the checkout has it,
 * else built-in profiles that follow REFERENCE §6 (how .NET, Java, OpenSSL and Chromium
 * differ), so that the probe works from any folder.
 */
public final class ClientProfiles {
    private static final List<String> TLS12_13 = List.of("TLSv1.2", "TLSv1.3");

    private final Map<String, ClientProfile> byId;

    private ClientProfiles(Map<String, ClientProfile> byId) {
        this.byId = byId;
    }

    /** The built-in profiles, without any YAML. */
    public static ClientProfiles builtIn() {
        Map<String, ClientProfile> m = new LinkedHashMap<>();
        List<String> both = List.of("public-root", "enterprise");
        List<String> pub = List.of("public-root");
        List<String> tls12 = List.of("TLSv1.2");
        put(m, new ClientProfile("email-router", "Dynamics CRM E-mail Router (.NET Framework HttpWebRequest) on a domain-joined Windows server",
                Family.DOTNET, both, true, Revocation.OFF, true, true, 1024, true, tls12));
        put(m, new ClientProfile("workgroup-pc", "the same .NET Framework stack on a Windows machine outside the domain (public roots only)",
                Family.DOTNET, pub, true, Revocation.OFF, true, true, 1024, true, tls12));
        put(m, new ClientProfile("java", "Java 17 HttpClient with JSSE defaults (OpenJDK 17)",
                Family.JAVA, both, false, Revocation.OFF, true, true, 1024, false, TLS12_13));
        put(m, new ClientProfile("openssl", "curl / python / node on Debian 12 (OpenSSL 3.0, SECLEVEL 2)",
                Family.OPENSSL, both, false, Revocation.OFF, true, false, 2048, true, TLS12_13));
        put(m, new ClientProfile("browser", "Chromium on Linux (built-in certificate verifier)",
                Family.BROWSER, both, true, Revocation.OFF, false, false, 1024, true, TLS12_13));
        put(m, new ClientProfile("strict", "Java 17 with revocation checking on, hard-fail (checkRevocation + enableCRLDP, OCSP)",
                Family.JAVA, both, false, Revocation.HARD, true, true, 1024, false, TLS12_13));
        return new ClientProfiles(m);
    }

    private static void put(Map<String, ClientProfile> m, ClientProfile p) {
        m.put(p.id(), p);
    }

    /**
     * The profiles of {@code <configDir>/scenarios/clients.yaml}, loaded and checked by the
     * scenario catalogue; the built-in ones when the checkout has no such file.
     */
    public static ClientProfiles load(Path configDir) {
        Path file = configDir.resolve("scenarios").resolve(ScenarioCatalog.CLIENTS_FILE);
        if (!Files.isRegularFile(file)) {
            return builtIn();
        }
        return new ClientProfiles(new LinkedHashMap<>(ScenarioCatalog.load(configDir).clients()));
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
}
