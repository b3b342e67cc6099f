package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pkilab.BadInputException;

/**
 * The real clients pkilab can drive, by name, and a bounded pool to run them side by side.
 *
 * <pre>
 *   List&lt;ClientDriver&gt; drivers = ClientDrivers.byName("curl,openssl");   // or "all"
 *   List&lt;ClientOutcome&gt; outcomes = ClientDrivers.runAll(
 *           ClientDrivers.runs(drivers, List.of(target)), Duration.ofSeconds(20), ClientDrivers.defaultParallelism());
 * </pre>
 *
 * Every client works in its own temporary folder with its own trust files, so runs of
 * different clients and different targets do not share state and can overlap.
 */
public final class ClientDrivers {
    /** Every driver name, in the order results are shown. */
    public static final List<String> NAMES = List.of("curl", "openssl", "gnutls", "python", "node", "java", "chromium", "dotnet");

    private ClientDrivers() {
    }

    /** Every driver, with the programs looked up on PATH (java: the JVM pkilab runs in). */
    public static List<ClientDriver> all() {
        List<ClientDriver> out = new ArrayList<>();
        for (String n : NAMES) {
            out.add(create(n, null));
        }
        return out;
    }

    /**
     * Drivers named in a comma-separated list such as {@code curl,openssl}, or {@code all};
     * repeated names count once. An unknown name is bad input naming the known ones.
     */
    public static List<ClientDriver> byName(String list) {
        return byName(list, null);
    }

    /**
     * As {@link #byName(String)}, for a lab home: clients that build something before they
     * run (the .NET client compiles its C# program) keep it under {@code labHome/clients}.
     */
    public static List<ClientDriver> byName(String list, Path labHome) {
        if (list == null || list.isBlank()) {
            throw new BadInputException("--clients needs a list of clients, e.g. curl,openssl or all (known: " + String.join(", ", NAMES) + ")");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String n = part.trim().toLowerCase(Locale.ROOT);
            if (n.equals("all")) {
                names.addAll(NAMES);
            } else if (!n.isEmpty()) {
                names.add(n);
            }
        }
        List<ClientDriver> out = new ArrayList<>();
        for (String n : names) {
            out.add(create(n, null, labHome));
        }
        return out;
    }

    /**
     * One driver; {@code program} is the executable to run (a path, or a name looked up on
     * PATH), or null for the usual one ({@code gnutls-cli} for gnutls, {@code python3} for python…).
     */
    public static ClientDriver create(String name, String program) {
        return create(name, program, null);
    }

    /** One driver, for a lab home (see {@link #byName(String, Path)}); {@code labHome} may be null. */
    public static ClientDriver create(String name, String program, Path labHome) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "curl" -> new CurlClient(or(program, "curl"));
            case "openssl" -> new OpenSslClient(or(program, "openssl"));
            case "gnutls", "gnutls-cli" -> new GnuTlsClient(or(program, "gnutls-cli"));
            case "python", "python3" -> new PythonClient(or(program, "python3"));
            case "node", "nodejs" -> new NodeClient(or(program, "node"));
            case "java" -> new JavaClient(or(program, JavaClient.currentJava()));
            case "chromium" -> new ChromiumClient(or(program, "chromium"), "certutil");
            case "dotnet", "mono", ".net" -> new DotNetClient(or(program, "mono"), "mcs", labHome);
            default -> throw new BadInputException("unknown client '" + name + "' (known: " + String.join(", ", NAMES) + ", or all)");
        };
    }

    private static String or(String program, String dflt) {
        return program == null || program.isBlank() ? dflt : program;
    }

    /** One client against one target. */
    public record ClientRun(ClientDriver driver, ClientTarget target) {
    }

    /** Every driver against every target, target by target. */
    public static List<ClientRun> runs(List<ClientDriver> drivers, List<ClientTarget> targets) {
        List<ClientRun> out = new ArrayList<>();
        for (ClientTarget t : targets) {
            for (ClientDriver d : drivers) {
                out.add(new ClientRun(d, t));
            }
        }
        return out;
    }

    /** As many client processes at once as the machine has cores, at most 4. */
    public static int defaultParallelism() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs them all, at most {@code parallelism} at a time; the outcomes come back in the
     * order of {@code runs}. Each run has its own timeout.
     */
    public static List<ClientOutcome> runAll(List<ClientRun> runs, Duration timeout, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread th = new Thread(r, "pkilab-client");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<ClientOutcome>> futures = new ArrayList<>();
            for (ClientRun r : runs) {
                futures.add(pool.submit(() -> r.driver().run(r.target(), timeout)));
            }
            List<ClientOutcome> out = new ArrayList<>();
            for (Future<ClientOutcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running clients", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client driver failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
