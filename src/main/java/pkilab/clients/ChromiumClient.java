package pkilab.clients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.pem.Pem;
import pkilab.verdict.ClientProfile;

/**
 * Headless Chromium loading the URL. On Linux Chromium trusts the roots in the user's NSS
 * database ({@code ~/.pki/nssdb}) besides its built-in store, so each run gets a fresh HOME
 * whose NSS database holds only the given roots ({@code certutil -A -t "C,,"}), and a fresh
 * profile. {@code --host-resolver-rules} maps the URL's host (and {@code pki.lab.test}, for
 * AIA fetching) to loopback and every other name to "not found", so nothing leaves the
 * machine. Unlike OpenSSL-based clients, Chromium fetches a missing intermediate from the
 * leaf's AIA URL and never falls back to the subject CN.
 *
 * <p>The outcome is read from headless mode's {@code Page load failed: net::ERR_…} line.
 */
final class ChromiumClient extends ExternalClient {
    private static final Pattern LOAD_FAILED = Pattern.compile("Page load failed: (net::ERR_[A-Z0-9_]+)");
    private final String certutil;

    ChromiumClient(String program, String certutil) {
        super("chromium", "browser", program, "apt-get install chromium libnss3-tools", ClientFamily.of(ClientProfile.Family.BROWSER));
        this.certutil = certutil;
    }

    @Override
    public Availability available() {
        Availability browser = super.available();
        if (browser.installed() && locate(certutil).isEmpty()) {
            return Availability.missing(certutil, browser.installHint());
        }
        return browser;
    }

    /**
     * Headless Chromium presents a client certificate only from an NSS database with its key
     * and a managed AutoSelectCertificateForUrls policy, which lives in /etc/chromium (a
     * machine-wide change the lab does not make). So with a certificate to present it does not
     * run, and says so; without one it runs, and meets the server's refusal as a browser would.
     */
    @Override
    public ClientOutcome run(ClientTarget target, Duration timeout) {
        if (target.clientCert() != null) {
            return new ClientOutcome(name(), ClientOutcome.Status.SKIPPED, null,
                    "not applicable: headless Chromium cannot present a client certificate without a machine-wide policy"
                            + " (AutoSelectCertificateForUrls in /etc/chromium/policies)", List.of(), 0, List.of());
        }
        return super.run(target, timeout);
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path chromium, Duration timeout) throws IOException {
        Path home = work.resolve("home");
        nssDatabase(t, home.resolve(".pki/nssdb"), work, timeout);
        List<String> rules = new ArrayList<>();
        rules.add("MAP " + hostPort(t.host(), t.port()) + " " + hostPort(t.connectAddress(), t.connectPort()));
        for (Map.Entry<String, InetSocketAddress> e : t.alsoResolve().entrySet()) {
            rules.add("MAP " + e.getKey() + " " + hostPort(e.getValue().getAddress().getHostAddress(), e.getValue().getPort()));
        }
        rules.add("MAP * ~NOTFOUND");
        List<String> c = command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-proxy-server",
                "--user-data-dir=" + work.resolve("profile"),
                "--host-resolver-rules=" + String.join(", ", rules),
                "--dump-dom", t.url().toString());
        return new Invocation(c, "", Map.of("HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(), "XDG_CACHE_HOME", home.resolve(".cache").toString()));
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A new NSS database trusting each given root for TLS servers ("C,,"), nothing else. A
     * trusted certificate that is no CA (a self-signed server certificate imported as is)
     * becomes a trusted peer ("P,,"), as Chromium's certificate manager imports one:
     * trusted as a CA, Chromium refuses it as an anchor with CA:FALSE (ERR_CERT_INVALID).
     */
    private void nssDatabase(ClientTarget t, Path db, Path work, Duration timeout) throws IOException {
        Files.createDirectories(db);
        String dir = "sql:" + db;
        certutil(timeout, work, "-N", "-d", dir, "--empty-password");
        int n = 0;
        for (Path p : t.trustedRoots()) {
            for (X509Certificate c : Pem.readCertificates(p)) {
                Path one = work.resolve("root-" + (++n) + ".pem");
                Files.write(one, Pem.encodeBytes(c));
                String trust = c.getBasicConstraints() < 0 ? "P,," : "C,,";
                certutil(timeout, work, "-A", "-d", dir, "-n", "pkilab-root-" + n, "-t", trust, "-i", one.toString());
            }
        }
    }

    private void certutil(Duration timeout, Path work, String... args) throws IOException {
        List<String> c = command(locate(certutil).orElseThrow(() -> new IOException(certutil + " not found")), args);
        Path log = work.resolve("certutil.log");
        Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("certutil did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("certutil " + String.join(" ", args) + " failed: "
                    + new String(pkilab.InputFiles.read(log, pkilab.InputFiles.Kind.OUTPUT), StandardCharsets.UTF_8).strip());
        }
    }

    private static final Pattern CLOSED_BY_SERVER = Pattern.compile("net::ERR_(SOCKET_NOT_CONNECTED|CONNECTION_RESET|CONNECTION_CLOSED)");

    @Override
    Reading read(Finished f, ClientTarget t) {
        Matcher m = LOAD_FAILED.matcher(f.stderr());
        if (m.find()) {
            String error = m.group(1);
            // ERR_BAD_SSL_CLIENT_AUTH_CERT: the server refused the client's certificate (or its absence)
            boolean tls = error.startsWith("net::ERR_CERT_") || error.startsWith("net::ERR_SSL_")
                    || error.equals("net::ERR_BAD_SSL_CLIENT_AUTH_CERT")
                    // a server that wants a certificate Chromium does not hold closes in TLS 1.3 after Chromium's
                    // Finished; on a busy machine Chromium meets the closed socket before it reads the alert (measured)
                    || t.clientAuth() && t.clientCert() == null && CLOSED_BY_SERVER.matcher(error).matches();
            return new Reading(tls ? Status.FAIL : Status.ERROR, error);
        }
        if (f.exit() == 0 && !f.stdout().isBlank()) {
            return new Reading(Status.PASS, "page loaded");
        }
        return new Reading(Status.ERROR, "chromium exited " + f.exit() + ": " + lastLine(f.stderr()));
    }
}
