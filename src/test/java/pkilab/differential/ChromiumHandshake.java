package pkilab.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pkilab.testing.Tools;

/**
 * Headless Chromium in a real TLS handshake: {@code openssl s_server} on 127.0.0.1 (port 0)
 * serves the case's chain exactly as sent with the leaf's key, and Chromium loads
 * {@code https://HOST:PORT/} with {@code --host-resolver-rules} mapping the host to loopback
 * and everything else to "not found", trusting only the case's roots (a fresh HOME whose NSS
 * database holds them as SSL CAs). Chromium's own verifier decides; its
 * {@code net::ERR_CERT_…} is the text.
 *
 * <p>Off by default: each case costs a Chromium start (seconds), which would take the
 * differential test far past its time budget; {@code -Ddifferential.browser=true} turns it
 * on. Chromium judges at the real current time, like certtool. Cases whose host is an IP
 * literal are not run: Chromium connects to an IP itself, no rule can send it to loopback.
 */
final class ChromiumHandshake implements Validator {
    private static final Pattern LOAD_FAILED = Pattern.compile("Page load failed: (net::ERR_[A-Z0-9_]+)");
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final Path root;
    private final Map<String, Path> homes = new ConcurrentHashMap<>();

    ChromiumHandshake(Path root) {
        this.root = root;
    }

    @Override
    public String profile() {
        return "browser";
    }

    @Override
    public String name() {
        return "Chromium (headless, real handshake)";
    }

    @Override
    public String unavailable() {
        if (!Boolean.getBoolean("differential.browser")) {
            return "off unless -Ddifferential.browser=true (a headless Chromium start takes seconds per case)";
        }
        return Validator.missing("chromium", "openssl", "certutil");
    }

    @Override
    public Outcome judge(CaseFiles f) {
        if (f.hostIsIp()) {
            return Outcome.notRun("an IP-literal host cannot be mapped to loopback");
        }
        Process server = null;
        try {
            Path key = f.file("leaf.key");
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(f.c.leafKey()) + "\n-----END PRIVATE KEY-----\n");
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0", "-www",
                    "-cert", f.file("leaf.pem").toString(), "-key", key.toString(), "-cipher", "ALL@SECLEVEL=0"));
            if (f.c.chain().size() > 1) {
                cmd.addAll(List.of("-cert_chain", f.file("untrusted.pem").toString()));
            }
            server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            int port = port(server);
            if (port < 0) {
                return Outcome.notRun("openssl s_server cannot serve this chain");
            }
            return chromium(f, port);
        } catch (IOException e) {
            return Outcome.notRun("cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.notRun("interrupted");
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
        }
    }

    /** The port s_server printed, or -1 when it stopped first (it could not load the chain or key). */
    private static int port(Process server) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            Matcher m = ACCEPT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private Outcome chromium(CaseFiles f, int port) throws IOException, InterruptedException {
        Path work = f.file("chromium");
        Files.createDirectories(work);
        Path home = home(f);
        List<String> cmd = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--no-proxy-server", "--user-data-dir=" + work.resolve("profile"),
                "--host-resolver-rules=MAP " + f.c.host() + " 127.0.0.1, MAP * ~NOTFOUND",
                "--dump-dom", "https://" + f.c.host() + ":" + port + "/");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        pb.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Outcome.notRun("chromium did not finish within 60 s");
        }
        String out = Files.readString(work.resolve("out"));
        String err = Files.readString(work.resolve("err"));
        Matcher m = LOAD_FAILED.matcher(err);
        if (m.find()) {
            return new Outcome(false, m.group(1));
        }
        return out.contains("s_server") ? new Outcome(true, "page loaded") : Outcome.notRun("chromium exited " + p.exitValue());
    }

    /** A HOME whose NSS database trusts exactly the case's roots, one per distinct set. */
    private Path home(CaseFiles f) {
        StringBuilder key = new StringBuilder();
        for (byte[] a : f.c.anchors()) {
            key.append(java.util.Arrays.hashCode(a)).append('-');
        }
        return homes.computeIfAbsent(key.toString(), k -> {
            Path home = root.resolve("home-" + homes.size() + "-" + Integer.toHexString(k.hashCode()));
            Path db = home.resolve(".pki").resolve("nssdb");
            try {
                Files.createDirectories(db);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Tools.run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password"));
            List<Path> anchors = f.anchorDer();
            for (int i = 0; i < anchors.size(); i++) {
                Tools.run(List.of("certutil", "-A", "-d", "sql:" + db, "-n", "anchor-" + i, "-t", "C,,", "-i", anchors.get(i).toString()));
            }
            return home;
        });
    }
}
