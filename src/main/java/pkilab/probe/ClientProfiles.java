package pkilab.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.ScenarioCatalog;

/**
 * The simulated client machines of {@code scenarios/clients.yaml}: how .NET, Java, OpenSSL,
 * GnuTLS, Node and Chromium differ (REFERENCE §6).
 */
public final class ClientProfiles {
    private final Map<String, ClientProfile> byId;

    private ClientProfiles(Map<String, ClientProfile> byId) {
        this.byId = byId;
    }

    /**
     * The profiles of {@code <configDir>/scenarios/clients.yaml}, loaded and checked as the
     * scenario catalogue does (the one place client policies are written down), without
     * reading the scenarios themselves.
     */
    public static ClientProfiles load(Path configDir) {
        Path file = configDir.resolve("scenarios").resolve(ScenarioCatalog.CLIENTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no client profiles: " + file + " is missing (run pkilab from its checkout, or set PKILAB_CONFIG)");
        }
        return new ClientProfiles(new LinkedHashMap<>(ScenarioCatalog.loadClients(configDir)));
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
