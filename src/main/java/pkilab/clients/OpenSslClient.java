package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;

/**
 * {@code openssl s_client} as an admin runs it to check a server: {@code -CAfile} with the
 * default locations switched off, {@code -verify_return_error} so a bad certificate ends
 * the handshake, and {@code -verify_hostname} (or {@code -verify_ip}) because s_client does
 * not check names unless told. It prints {@code verify error:num=N:TEXT} (REFERENCE §7).
 */
final class OpenSslClient extends ExternalClient {
    OpenSslClient(String program) {
        super("openssl", "openssl", program, "apt-get install openssl", ClientFamily.of(ClientProfile.Family.OPENSSL));
    }

    /** The host goes to OpenSSL's own check, which runs before the dates: see {@link ClientDriver#skipsOfProfile()}. */
    @Override
    public java.util.List<String> skipsOfProfile() {
        return java.util.List.of(pkilab.verdict.Rule.HOST_AFTER_PATH.id());
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path openssl, Duration timeout) throws java.io.IOException {
        String addr = t.connectAddress().contains(":") ? "[" + t.connectAddress() + "]" : t.connectAddress();
        List<String> c = command(openssl, "s_client", "-brief", "-connect", addr + ":" + t.connectPort());
        if (t.hostIsIp()) {
            c.addAll(List.of("-noservername", "-verify_ip", t.host()));
        } else {
            c.addAll(List.of("-servername", t.host(), "-verify_hostname", t.host()));
        }
        c.addAll(List.of("-verify_return_error", "-CAfile", caBundle(t, work).toString(), "-no-CApath", "-no-CAstore"));
        if (t.checkRevocation()) {
            // -crl_download would fetch the CRL itself, but OpenSSL 3.0 waits for ever on a CRL
            // URL that does not answer; the CRL comes from the same URL, fetched beforehand. None
            // found: openssl refuses with "unable to get certificate CRL", as a client that
            // insists on revocation does. (-CRL reads one CRL, the file's first: the leaf's
            // issuer's when it answered; so the leaf only, -crl_check)
            c.add("-crl_check");
            if (t.crls() != null) {
                c.addAll(List.of("-CRL", t.crls().toString()));
            }
        }
        if (t.clientCert() != null) {
            // -cert reads the first certificate of the file; -cert_chain sends the intermediates after it
            c.addAll(List.of("-cert", t.clientCert().toString(), "-key", t.clientKey().toString()));
            List<java.security.cert.X509Certificate> chain = pkilab.pem.Pem.readCertificates(t.clientCert());
            if (chain.size() > 1) {
                // -cert sends the file's first certificate only; -cert_chain adds its intermediates
                Path rest = work.resolve("client-chain.pem");
                java.nio.file.Files.writeString(rest, pkilab.pem.Pem.encode(chain.subList(1, chain.size()).toArray()));
                c.addAll(List.of("-cert_chain", rest.toString()));
            }
        }
        if (t.clientAuth()) {
            // wait for the answer (or the server's alert) instead of closing at the end of the request
            c.add("-ign_eof");
        }
        return new Invocation(c, httpRequest(t), java.util.Map.of());
    }

    @Override
    public String revocationSettings() {
        return "-crl_check -CRL (the CRL at the certificate's distribution point)";
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        String verify = firstLineWith(f.stderr(), "verify error:");
        if (verify != null) {
            return new Reading(Status.FAIL, verify);
        }
        if (t.clientAuth() && !f.stdout().contains("HTTP/")) {
            // the server refused the client after the handshake (TLS 1.3): the alert comes on the first read
            String alert = firstLineWith(f.stderr(), "alert");
            String err = alert != null ? alert : firstLineWith(f.stderr(), ":error:");
            return new Reading(err == null ? Status.ERROR : Status.FAIL, err == null ? lastLine(f.stderr()) : err);
        }
        if (f.stderr().contains("CONNECTION ESTABLISHED") && f.stderr().contains("Verification: OK")) {
            String protocol = firstLineWith(f.stderr(), "Protocol version:");
            return new Reading(Status.PASS, "Verification: OK" + (protocol == null ? "" : " (" + protocol + ")"));
        }
        String err = firstLineWith(f.stderr(), ":error:");
        if (err == null) {
            return new Reading(Status.ERROR, lastLine(f.stderr()));
        }
        // connect errors are not about the certificate
        boolean noConnection = f.stderr().contains("connect:errno") || f.stderr().contains("Connection refused");
        return new Reading(noConnection ? Status.ERROR : Status.FAIL, err);
    }
}
