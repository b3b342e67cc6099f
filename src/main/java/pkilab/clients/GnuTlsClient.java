package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;

/**
 * {@code gnutls-cli}: dials the loopback address, sends the URL's host in SNI and checks the
 * certificate against it ({@code --verify-hostname}); {@code --x509cafile} replaces the
 * system trust. It prints {@code - Status: The certificate is NOT trusted. <reasons>}.
 */
final class GnuTlsClient extends ExternalClient {
    GnuTlsClient(String program) {
        super("gnutls", "gnutls", program, "apt-get install gnutls-bin", ClientFamily.of(ClientProfile.Family.GNUTLS));
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path gnutls, Duration timeout) throws java.io.IOException {
        List<String> c = command(gnutls, "--x509cafile", caBundle(t, work).toString(),
                "--verify-hostname", t.host());
        if (!t.hostIsIp()) {
            c.addAll(List.of("--sni-hostname", t.host()));
        }
        if (t.clientCert() != null) {
            c.addAll(List.of("--x509certfile", t.clientCert().toString(), "--x509keyfile", t.clientKey().toString()));
        }
        c.addAll(List.of("--port", Integer.toString(t.connectPort()), t.connectAddress()));
        return new Invocation(c, httpRequest(t), Map.of());
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        String status = lastLineWith(f.stdout(), "- Status:");
        if (t.clientAuth() && (status == null || !status.contains("NOT trusted")) && !f.stdout().contains("HTTP/")) {
            // the server refused the client's certificate (TLS 1.3: after the handshake completed)
            String alert = lastLineWith(f.all(), "Received alert");
            String fatal = alert != null ? alert : lastLineWith(f.all(), "***");
            return new Reading(fatal == null ? Status.ERROR : Status.FAIL,
                    fatal == null ? lastLine(f.all()) : fatal.replaceFirst("^\\*\\*\\* ", ""));
        }
        // the verdict is about the certificate: a connection reset after a completed handshake
        // (gnutls-cli half-closes at the end of its input, some servers then reset) is a pass
        if (f.stdout().contains("Handshake was completed") && status != null && !status.contains("NOT trusted")) {
            return new Reading(Status.PASS, status == null ? "Handshake was completed" : strip(status));
        }
        if (status != null && status.contains("NOT trusted")) {
            return new Reading(Status.FAIL, strip(status));
        }
        String fatal = lastLineWith(f.all(), "*** Fatal error:");
        if (fatal == null) {
            fatal = lastLineWith(f.all(), "***");
        }
        boolean noConnection = f.all().contains("Could not connect") || f.all().contains("Connection refused");
        return new Reading(noConnection || fatal == null ? Status.ERROR : Status.FAIL,
                fatal == null ? lastLine(f.all()) : fatal.replaceFirst("^\\*\\*\\* ", ""));
    }

    private static String strip(String statusLine) {
        return statusLine.replaceFirst("^- Status: ", "").trim();
    }
}
