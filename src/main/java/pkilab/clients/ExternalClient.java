package pkilab.clients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.Diagnosis;

/**
 * A driver that runs a client program as a child process, in a private temporary folder
 * that holds its trust files and is deleted afterwards. Subclasses say how to call the
 * program ({@link #prepare}) and how to read what it printed ({@link #read}).
 */
abstract class ExternalClient implements ClientDriver {
    /**
     * Variables that would make a client trust something else or go through a proxy instead of
     * straight to loopback; removed from every client's environment.
     */
    private static final List<String> SCRUBBED = List.of(
            "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
            "NODE_OPTIONS", "NODE_TLS_REJECT_UNAUTHORIZED", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
            "OPENSSL_CONF", "GNUTLS_SYSTEM_PRIORITY_FILE", "PYTHONHTTPSVERIFY", "MONO_TLS_PROVIDER", "MONO_ENV_OPTIONS",
            "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    private final String name;
    private final String program;
    private final String installHint;
    private final ClientFamily family;
    private final String profileId;

    /**
     * @param program     a name looked up on PATH, or a path to the executable
     * @param installHint shown when the program is missing, e.g. {@code apt-get install gnutls-bin}
     */
    ExternalClient(String name, String profileId, String program, String installHint, ClientFamily family) {
        this.name = name;
        this.profileId = profileId;
        this.program = program;
        this.installHint = installHint;
        this.family = family;
    }

    /** How to run the client: the command, what to feed its standard input, extra environment. */
    record Invocation(List<String> command, String stdin, Map<String, String> env) {
        Invocation(List<String> command) {
            this(command, "", Map.of());
        }
    }

    /** What the process did. {@code exit} is null when it was stopped at the timeout. */
    record Finished(Integer exit, String stdout, String stderr) {
        boolean timedOut() {
            return exit == null;
        }

        String all() {
            return stdout + "\n" + stderr;
        }
    }

    /** The driver's reading of the output: the verdict and the one line that says why. */
    record Reading(Status verdict, String message) {
    }

    abstract Invocation prepare(ClientTarget target, Path work, Path executable, Duration timeout) throws IOException;

    abstract Reading read(Finished finished, ClientTarget target);

    /**
     * What a client stopped at the timeout had already said, when that is a verdict (a
     * runtime that printed its result and then did not exit); empty for "no answer".
     */
    Optional<Reading> readStopped(Finished stopped, ClientTarget target) {
        return Optional.empty();
    }

    /** The folder the run's private work folder is made in; null for the system's temporary folder. */
    Path workParent() throws IOException {
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String profileId() {
        return profileId;
    }

    @Override
    public Availability available() {
        return locate(program).map(p -> Availability.found(p, installHint))
                .orElseGet(() -> Availability.missing(program, installHint));
    }

    @Override
    public ClientOutcome run(ClientTarget target, Duration timeout) {
        Availability a = available();
        if (!a.installed()) {
            return ClientOutcome.skipped(name, a);
        }
        long start = System.nanoTime();
        Path work = null;
        List<String> command = List.of();
        try {
            Path parent = workParent();
            work = parent == null ? Files.createTempDirectory("pkilab-" + name + "-") : Files.createTempDirectory(parent, name + "-");
            Invocation inv = prepare(target, work, Path.of(a.program()), timeout);
            command = inv.command();
            Finished f = execute(inv, work, timeout);
            Reading r = f.timedOut()
                    ? readStopped(f, target).orElseGet(() -> new Reading(Status.ERROR, "no answer within " + timeout.toSeconds() + " s (stopped)"))
                    : read(f, target);
            List<Diagnosis> d = r.verdict() == Status.FAIL ? diagnose(r.message(), f) : List.of();
            return new ClientOutcome(name, r.verdict(), f.exit(), r.message(), d, millisSince(start), command);
        } catch (IOException | UncheckedIOException e) {
            return new ClientOutcome(name, Status.ERROR, null, "cannot run " + name + ": " + e.getMessage(),
                    List.of(), millisSince(start), command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ClientOutcome(name, Status.ERROR, null, "interrupted", List.of(), millisSince(start), command);
        } finally {
            deleteTree(work);
        }
    }

    private List<Diagnosis> diagnose(String message, Finished f) {
        List<Diagnosis> d = family.read(message);
        return d.isEmpty() ? family.read(f.all()) : d;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Finished execute(Invocation inv, Path work, Duration timeout) throws IOException, InterruptedException {
        Path in = work.resolve("stdin");
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        Files.writeString(in, inv.stdin(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(inv.command()).directory(work.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        SCRUBBED.forEach(pb.environment()::remove);
        pb.environment().putAll(inv.env());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // browsers start helper processes; stop them all, not only the launcher
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return new Finished(null, read(out), read(err));
        }
        return new Finished(p.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return new String(pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.OUTPUT), StandardCharsets.UTF_8);
    }

    /** The executable: a path as given, or the first match on this process's PATH. */
    static Optional<Path> locate(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * One PEM file with every trusted root: the caller's own file when there is one (so the
     * printed command still works after the run), else a bundle in the work folder.
     */
    static Path caBundle(ClientTarget t, Path work) throws IOException {
        if (t.trustedRoots().size() == 1) {
            return t.trustedRoots().get(0).toAbsolutePath();
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : t.trustedRoots()) {
            String pem = new String(pkilab.InputFiles.read(p, pkilab.InputFiles.Kind.CERTIFICATES), StandardCharsets.US_ASCII);
            sb.append(pem.endsWith("\n") ? pem : pem + "\n");
        }
        Path bundle = work.resolve("trusted-roots.pem");
        Files.writeString(bundle, sb, StandardCharsets.US_ASCII);
        return bundle;
    }

    /** The HTTP/1.1 request clients that only speak TLS (openssl, gnutls-cli) send. */
    static String httpRequest(ClientTarget t) {
        return "GET " + t.pathAndQuery() + " HTTP/1.1\r\nHost: " + t.authority() + "\r\nConnection: close\r\n\r\n";
    }

    /** The last line containing {@code marker}, trimmed, or null. */
    static String lastLineWith(String text, String marker) {
        String found = null;
        for (String line : text.split("\\R")) {
            if (line.contains(marker)) {
                found = line.trim();
            }
        }
        return found;
    }

    /** The first line containing {@code marker}, trimmed, or null. */
    static String firstLineWith(String text, String marker) {
        for (String line : text.split("\\R")) {
            if (line.contains(marker)) {
                return line.trim();
            }
        }
        return null;
    }

    /** The last non-blank line, for errors no rule names. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].trim();
    }

    static List<String> command(Path executable, String... args) {
        List<String> c = new ArrayList<>();
        c.add(executable.toString());
        c.addAll(List.of(args));
        return c;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a browser helper may still be writing; the folder is in the temp dir and harmless
        }
    }
}
