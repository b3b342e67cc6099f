package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;

/**
 * curl (with OpenSSL on Debian): {@code --cacert} is the trust, {@code --connect-to} sends the
 * URL's host and port to the loopback server while SNI, the Host header and the name check
 * keep the URL's host. curl never fetches a missing intermediate from AIA.
 * Exit 60 is a refused certificate, 35 a failed handshake.
 */
final class CurlClient extends ExternalClient {
    /** curl exit codes that mean the TLS layer refused the server. */
    private static final Set<Integer> TLS_REFUSED = Set.of(35, 51, 53, 54, 58, 59, 60, 83, 90, 91);

    CurlClient(String program) {
        super("curl", "openssl", program, "apt-get install curl", ClientFamily.of(ClientProfile.Family.OPENSSL));
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path curl, Duration timeout) throws java.io.IOException {
        String to = t.connectAddress().contains(":") ? "[" + t.connectAddress() + "]" : t.connectAddress();
        List<String> c = command(curl, "-sS", "-o", "/dev/null", "-w", "HTTP %{http_code}\\n",
                "--noproxy", "*", "--max-time", Long.toString(Math.max(1, timeout.toSeconds())),
                "--connect-to", t.host() + ":" + t.port() + ":" + to + ":" + t.connectPort(),
                "--cacert", caBundle(t, work).toString());
        if (t.checkRevocation() && t.crls() != null) {
            // curl downloads no CRL; with --crlfile (OpenSSL: CRL_CHECK and CRL_CHECK_ALL) every
            // certificate of the chain needs its CRL in the file, or the handshake fails
            c.addAll(List.of("--crlfile", t.crls().toString()));
        }
        if (t.clientCert() != null) {
            c.addAll(List.of("--cert", t.clientCert().toString(), "--key", t.clientKey().toString()));
        }
        c.add(t.url().toString());
        return new Invocation(c);
    }

    @Override
    public boolean revocationNeedsCrls() {
        return true;
    }

    @Override
    public String revocationSettings() {
        return "--crlfile (the CRLs at the chain's distribution points)";
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        if (f.exit() == 0) {
            return new Reading(Status.PASS, lastLine(f.stdout()));
        }
        String line = lastLineWith(f.stderr(), "curl: (");
        String message = line == null ? lastLine(f.stderr()) : line.replaceFirst("^curl: \\(\\d+\\) ", "");
        // 56: the server's alert about the client's certificate, read after a TLS 1.3 handshake
        boolean refused = TLS_REFUSED.contains(f.exit()) || t.clientAuth() && f.exit() == 56;
        return new Reading(refused ? Status.FAIL : Status.ERROR, message);
    }
}
