package pkilab.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;

/**
 * The E-mail Router's own API on a real .NET runtime: Mono's {@code HttpWebRequest} POSTs the
 * EWS GetFolder request, and a {@code ServicePointManager.ServerCertificateValidationCallback}
 * records the {@code SslPolicyErrors} flags and every {@code X509ChainStatus} the runtime
 * found, then returns the runtime's own decision ({@code errors == SslPolicyErrors.None}).
 *
 * <p>A .NET application does not pick its trusted roots: the runtime reads the machine's
 * stores. Mono keeps them as files under the user's configuration folder
 * ({@code ~/.config/.mono/certs/Trust} for its managed chain,
 * {@code ~/.config/.mono/new-certs/Trust/<hash>.0} for its BoringSSL-based TLS provider),
 * so each run gets a private {@code HOME} in which the program imports exactly the roots it
 * is given, as Mono's {@code cert-sync --user} would; the machine's and the user's real
 * stores are neither read nor changed (only {@code /usr/share/.mono}, which the package
 * {@code ca-certificates-mono} fills, would add public roots). The lab's names are mapped
 * to loopback by dialling the address and keeping the URL's host as
 * {@code HttpWebRequest.Host}, which Mono also uses as the SNI name and the name the
 * certificate is checked against.
 *
 * <p>It prints one fact per line ({@code sslPolicyErrors: RemoteCertificateChainErrors (4)},
 * {@code chainStatus: PartialChain: …}, {@code webExceptionStatus: TrustFailure}); the
 * outcome's message puts them on one line:
 * {@code SslPolicyErrors RemoteCertificateChainErrors; chain PartialChain; WebException TrustFailure: …}.
 */
final class DotNetClient extends ExternalClient {
    static final String INSTALL = "apt-get install --no-install-recommends mono-mcs";
    /** Where compiled programs and per-run folders go: {@code <lab home>/clients/dotnet}, or null for the temp folder. */
    private final Path home;
    private final String compiler;

    DotNetClient(String mono, String mcs, Path labHome) {
        super("dotnet", "mono", mono, INSTALL, ClientFamily.of(ClientProfile.Family.DOTNET));
        this.compiler = mcs;
        this.home = labHome == null ? null : labHome.toAbsolutePath().resolve("clients").resolve("dotnet");
    }

    @Override
    public Availability available() {
        Availability mono = super.available();
        if (!mono.installed()) {
            return mono;
        }
        // mcs is needed only until the program is compiled
        if (locate(compiler).isEmpty() && !compiledAlready()) {
            return Availability.missing(compiler, INSTALL);
        }
        return mono;
    }

    private boolean compiledAlready() {
        try {
            return home != null && Files.isRegularFile(MonoProgram.executable(home));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    Path workParent() throws IOException {
        if (home == null) {
            return null;
        }
        Path runs = home.resolve("runs");
        Files.createDirectories(runs);
        return runs;
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path mono, Duration timeout) throws IOException {
        Path exe;
        try {
            Optional<Path> mcs = locate(compiler);
            exe = home != null && Files.isRegularFile(MonoProgram.executable(home)) ? MonoProgram.executable(home)
                    : MonoProgram.compiled(home == null ? work : home, mcs.orElseThrow(() -> new IOException(compiler + " not found")), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling the .NET client", e);
        }
        List<String> c = command(mono, exe.toString(), t.url().toString(), t.connectAddress(), Integer.toString(t.connectPort()),
                Long.toString(Math.max(1, timeout.toSeconds())));
        for (Path root : t.trustedRoots()) {
            c.add(root.toAbsolutePath().toString());
        }
        Path userHome = work.resolve("home");
        Files.createDirectories(userHome);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", userHome.toString());
        env.put("XDG_CONFIG_HOME", userHome.resolve(".config").toString());
        env.put("XDG_DATA_HOME", userHome.resolve(".local/share").toString());
        if (t.clientCert() != null) {
            // a throwaway PKCS#12 for this run, as the certificate would be imported on Windows
            byte[] pw = new byte[12];
            new java.security.SecureRandom().nextBytes(pw);
            String password = java.util.HexFormat.of().formatHex(pw);
            Path p12 = work.resolve("client.p12");
            Files.write(p12, pkilab.pem.Pkcs12.legacyKeyStore("client", pkilab.pem.Pem.readPrivateKey(t.clientKey()),
                    pkilab.pem.Pem.readCertificates(t.clientCert()), password.toCharArray()));
            env.put("PKILAB_CLIENT_P12", p12.toString());
            env.put("PKILAB_CLIENT_P12_PASSWORD", password);
        }
        return new Invocation(c, "", env);
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        Map<String, List<String>> facts = facts(f.stdout());
        String message = switch (f.exit()) {
            case 0 -> join("SslPolicyErrors " + first(facts, "sslPolicyErrors", "None"), facts.containsKey("http") ? "HTTP " + first(facts, "http", "") : null);
            case 1 -> refusal(facts);
            default -> facts.containsKey("error") ? first(facts, "error", "") : lastLine(f.all());
        };
        return switch (f.exit()) {
            case 0 -> new Reading(Status.PASS, message);
            case 1 -> new Reading(Status.FAIL, message);
            default -> new Reading(Status.ERROR, message.isBlank() ? "mono exited " + f.exit() : message);
        };
    }

    @Override
    Optional<Reading> readStopped(Finished f, ClientTarget t) {
        Map<String, List<String>> facts = facts(f.stdout());
        String verdict = first(facts, "verdict", "");
        if (verdict.equals("pass") || verdict.equals("fail")) {
            Reading r = read(new Finished(verdict.equals("pass") ? 0 : 1, f.stdout(), f.stderr()), t);
            return Optional.of(new Reading(r.verdict(), r.message() + " (then mono did not exit and was stopped)"));
        }
        return Optional.empty();
    }

    /**
     * The refusal on one line: the flags the callback saw (or that it never ran, when Mono
     * gave up before calling it), the chain statuses, the WebException, and the innermost
     * cause when the callback did not run.
     */
    static String refusal(Map<String, List<String>> facts) {
        List<String> parts = new ArrayList<>();
        if (facts.containsKey("sslPolicyErrors")) {
            parts.add("SslPolicyErrors " + first(facts, "sslPolicyErrors", ""));
            List<String> status = facts.getOrDefault("chainStatus", List.of()).stream().map(s -> s.replaceFirst(":.*", "")).toList();
            parts.add("chain " + (status.isEmpty() ? "(no status)" : String.join(", ", status)));
        } else {
            parts.add("validation callback not called");
        }
        parts.add("WebException " + first(facts, "webExceptionStatus", "?") + ": " + first(facts, "webExceptionMessage", ""));
        List<String> inner = facts.getOrDefault("inner", List.of());
        if (!facts.containsKey("sslPolicyErrors") && !inner.isEmpty()) {
            parts.add("inner " + inner.get(inner.size() - 1));
        }
        return String.join("; ", parts);
    }

    /** The program's {@code key: value} lines, values in order per key. */
    static Map<String, List<String>> facts(String stdout) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z]+")) {
                m.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(line.substring(colon + 2).trim());
            }
        }
        return m;
    }

    private static String first(Map<String, List<String>> facts, String key, String dflt) {
        List<String> v = facts.get(key);
        return v == null || v.isEmpty() ? dflt : v.get(0);
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
