package pkilab.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import pkilab.BadInputException;
import pkilab.ca.CaProfile;
import pkilab.ca.CaProfiles;
import pkilab.ca.Lab;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;
import pkilab.verdict.ClientProfile;

/**
 * The scenario catalogue: every {@code scenarios/*.yaml} and the client profiles of
 * {@code scenarios/clients.yaml}, loaded strictly. A typo, an unknown diagnosis, two files
 * with the same id or two scenarios on the same host name stop the load with one line that
 * names file, line and field.
 *
 * <pre>
 *   ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir);
 *   for (Scenario s : catalogue.scenarios()) {
 *       Expectation v = s.expectFor("java");
 *   }
 * </pre>
 */
public final class ScenarioCatalogue {
    /** The client profiles' file inside the scenarios folder. */
    public static final String CLIENTS_FILE = "clients.yaml";
    /** The host name of the lab's PKI endpoints (AIA, CDP, OCSP), served by the lab server too. */
    public static final String PKI_HOST = "pki.lab.test";

    private final Map<String, Scenario> scenarios;
    private final Map<String, Path> files;
    private final Map<String, ClientProfile> clients;

    private ScenarioCatalogue(Map<String, Scenario> scenarios, Map<String, Path> files, Map<String, ClientProfile> clients) {
        this.scenarios = scenarios;
        this.files = files;
        this.clients = clients;
    }

    /**
     * The same catalogue with some scenarios replaced by others of the same id (a scenario
     * with its fix applied, say); the client profiles and the other scenarios stay.
     */
    public ScenarioCatalogue replacing(List<Scenario> replacements) {
        Map<String, Scenario> m = new LinkedHashMap<>(scenarios);
        for (Scenario s : replacements) {
            if (!m.containsKey(s.id())) {
                throw new IllegalArgumentException("no scenario '" + s.id() + "' to replace");
            }
            m.put(s.id(), s);
        }
        return new ScenarioCatalogue(m, files, clients);
    }

    /** Loads {@code CONFIG/scenarios/}, checking CA names against {@code CONFIG/ca/}. */
    public static ScenarioCatalogue load(Path configDir) {
        return load(configDir.resolve("scenarios"), configDir);
    }

    /**
     * Only the client profiles, {@code CONFIG/scenarios/clients.yaml}, checked as the catalogue
     * checks them: for commands that judge a server against a profile without any scenario.
     */
    public static Map<String, ClientProfile> loadClients(Path configDir) {
        return ClientProfiles.read(configDir.resolve("scenarios").resolve(CLIENTS_FILE), caIds(configDir.resolve("ca")));
    }

    /**
     * Loads scenarios from {@code path}: a folder of scenario files, or one scenario file. The
     * client profiles come from {@code clients.yaml} beside them, or else from
     * {@code CONFIG/scenarios/clients.yaml}.
     */
    public static ScenarioCatalogue load(Path path, Path configDir) {
        List<Path> scenarioFiles;
        Path folder;
        if (Files.isDirectory(path)) {
            folder = path;
            try (Stream<Path> s = Files.list(path)) {
                List<Path> all = s.toList();
                // a scenario saved as .yml would be left out without a word
                for (Path p : all) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".yml")) {
                        throw new BadInputException(ConfigDir.display(p) + ": scenario files end in .yaml (rename it: "
                                + n.substring(0, n.length() - 4) + ".yaml)");
                    }
                }
                scenarioFiles = all.stream().filter(p -> p.getFileName().toString().endsWith(".yaml"))
                        .filter(p -> !p.getFileName().toString().equals(CLIENTS_FILE))
                        .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString().replaceFirst("\\.yaml$", "")))
                        .toList();
            } catch (IOException e) {
                throw new BadInputException("cannot list " + ConfigDir.display(path) + ": " + BadInputException.why(e));
            }
        } else if (Files.isRegularFile(path)) {
            folder = path.toAbsolutePath().getParent();
            // clients.yaml named on its own: its profiles are what to check, not a scenario
            scenarioFiles = path.getFileName().toString().equals(CLIENTS_FILE) ? List.of() : List.of(path);
        } else {
            throw new BadInputException(ConfigDir.display(path) + ": no such scenario file or folder");
        }
        Path clientsFile = folder.resolve(CLIENTS_FILE);
        if (!Files.exists(clientsFile)) {
            clientsFile = configDir.resolve("scenarios").resolve(CLIENTS_FILE);
        }
        Set<String> caIds = caIds(configDir.resolve("ca"));
        Map<String, ClientProfile> clients = ClientProfiles.read(clientsFile, caIds);

        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> hostOwner = new LinkedHashMap<>();
        Instant now = Instant.now();
        // each file is read, bound and checked on its own, so on every core; what relates the
        // files to each other (ids, hosts) and which error is reported first go by file order
        List<Parsed> parsed = scenarioFiles.parallelStream().map(f -> Parsed.of(f, clients, now)).toList();
        for (Parsed p : parsed) {
            if (p.readError() != null) {
                throw p.readError();
            }
            Path f = p.file();
            YamlDoc doc = p.doc();
            Scenario s = p.scenario();
            if (s.id() != null && scenarios.containsKey(s.id())) {
                throw doc.fail("id", "scenario id '" + s.id() + "' is already used by " + ConfigDir.display(files.get(s.id())));
            }
            if (p.checkError() != null) {
                throw p.checkError();
            }
            String host = s.host().toLowerCase(Locale.ROOT);
            if (host.equals(PKI_HOST)) {
                throw doc.fail("client.url", "host '" + PKI_HOST + "' is the lab's PKI server, not a scenario host");
            }
            String owner = hostOwner.get(host);
            if (owner != null) {
                throw doc.fail("client.url", "host '" + s.host() + "' is already used by scenario '" + owner + "' ("
                        + ConfigDir.display(files.get(owner)) + "); the server tells scenarios apart by host name, so each needs its own");
            }
            hostOwner.put(host, s.id());
            scenarios.put(s.id(), s);
            files.put(s.id(), f);
        }
        return new ScenarioCatalogue(scenarios, files, clients);
    }

    /** One scenario file read, bound and checked, or the error that stopped it. */
    private record Parsed(Path file, YamlDoc doc, Scenario scenario, RuntimeException readError, RuntimeException checkError) {
        static Parsed of(Path f, Map<String, ClientProfile> clients, Instant now) {
            YamlDoc doc;
            Scenario s;
            try {
                doc = YamlDoc.read(f, ConfigDir.display(f));
                s = bind(doc, Scenario.class);
            } catch (RuntimeException e) {
                return new Parsed(f, null, null, e, null);
            }
            try {
                ScenarioChecks.check(doc, s, f.getFileName().toString().replaceFirst("\\.yaml$", ""), clients, now);
                return new Parsed(f, doc, s, null, null);
            } catch (RuntimeException e) {
                return new Parsed(f, doc, s, null, e);
            }
        }
    }

    /**
     * Binds a document, re-locating a binding error by its field path: Jackson reports fields of
     * records (bound through their constructor) at the end of the enclosing block, the YAML node
     * tree knows the field's own line.
     */
    static <T> T bind(YamlDoc doc, Class<T> type) {
        try {
            return doc.bind(type);
        } catch (BadInputException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?):(\\d+): field '([^']+)':(.*)$", java.util.regex.Pattern.DOTALL)
                    .matcher(e.getMessage());
            if (m.matches() && m.group(1).equals(doc.name())) {
                int line = doc.lineOf(m.group(3));
                if (line > 0 && line != Integer.parseInt(m.group(2))) {
                    throw new BadInputException(doc.name() + ":" + line + ": field '" + m.group(3) + "':" + m.group(4));
                }
            }
            throw e;
        }
    }

    private static Set<String> caIds(Path caFolder) {
        Set<String> ids = new LinkedHashSet<>();
        for (CaProfile p : CaProfiles.load(caFolder).all()) {
            ids.addAll(Lab.caIds(p));
        }
        return ids;
    }

    /** Every scenario, in order of id. */
    public List<Scenario> scenarios() {
        return new ArrayList<>(scenarios.values());
    }

    /** A scenario by id; an unknown id is bad input that lists the known ones. */
    public Scenario scenario(String id) {
        Scenario s = scenarios.get(id);
        if (s == null) {
            throw new BadInputException("unknown scenario '" + id + "' (see: pkilab scenarios list)");
        }
        return s;
    }

    /** The file a scenario was read from. */
    public Path file(String id) {
        scenario(id);
        return files.get(id);
    }

    /** The client profiles by id, in file order. */
    public Map<String, ClientProfile> clients() {
        return java.util.Collections.unmodifiableMap(clients);
    }

    public ClientProfile client(String id) {
        ClientProfile p = clients.get(id);
        if (p == null) {
            throw new BadInputException("unknown client profile '" + id + "' (known: " + String.join(", ", clients.keySet()) + ")");
        }
        return p;
    }

    /** The verdict every client profile is expected to reach on a scenario, in profile order. */
    public Map<String, Expectation> verdicts(Scenario s) {
        Map<String, Expectation> out = new LinkedHashMap<>();
        for (String p : clients.keySet()) {
            out.put(p, s.expectFor(p));
        }
        return out;
    }

    /** Every host name the lab answers for: the PKI host, then each scenario's URL host (IP literals left out). */
    public List<String> hostNames() {
        List<String> out = new ArrayList<>();
        out.add(PKI_HOST);
        for (Scenario s : scenarios.values()) {
            if (!s.hostIsIp() && !out.contains(s.host())) {
                out.add(s.host());
            }
        }
        return out;
    }
}
