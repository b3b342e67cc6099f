package pkilab.clients;

import java.time.Duration;

/**
 * One real TLS client (curl, openssl s_client, gnutls-cli, Python's ssl module, Node's https,
 * a separate Java VM, headless Chromium, .NET's HttpWebRequest on Mono) driven against an HTTPS
 * server on loopback.
 *
 * <p>A certificate is only "good" or "bad" for a given client: each TLS stack builds and
 * checks the chain by its own rules (REFERENCE §6). A driver runs the client exactly as a
 * user would, trusting only the roots it is given, and reports what the client said:
 *
 * <pre>
 *   ClientTarget target = ClientTarget.of("https://mail.contoso.test/EWS/Exchange.asmx",
 *           new InetSocketAddress("127.0.0.1", port), List.of(lab.certPath("public-root")));
 *   ClientOutcome o = ClientDrivers.byName("curl").get(0).run(target, Duration.ofSeconds(20));
 *   // o.verdict() FAIL, o.message() "SSL certificate problem: self-signed certificate",
 *   // o.diagnosis() self-signed, o.commandLine() "curl -sS … https://mail.contoso.test/EWS/Exchange.asmx"
 * </pre>
 *
 * Drivers never touch the machine's trust stores or {@code /etc/hosts}: trust lives in
 * temporary files (a PEM bundle, a PKCS#12 trust store, an NSS database) removed after the
 * run, and the lab's names are mapped to loopback by each client's own option.
 */
public interface ClientDriver {
    /** Short name used on the command line: {@code curl}, {@code openssl}, {@code chromium}… */
    String name();

    /**
     * The client profile of {@code scenarios/clients.yaml} whose policy predicts this client:
     * {@code openssl} for curl, openssl, python and node, {@code java}, {@code browser} for
     * chromium, {@code gnutls} for gnutls-cli, {@code mono} for the .NET client.
     */
    String profileId();

    /**
     * The options with which this client checks revocation when the target asks for it
     * ({@link ClientTarget#checkRevocation()}), as a user would type them, e.g.
     * {@code -crl_check_all -crl_download}; null when the client cannot fetch CRLs or OCSP
     * answers by itself, and then it runs without a revocation check.
     */
    default String revocationSettings() {
        return null;
    }

    /**
     * True when the client downloads no CRL itself and checks only against the CRLs it is
     * given ({@link ClientTarget#crls()}, curl {@code --crlfile}): without any it cannot check.
     */
    default boolean revocationNeedsCrls() {
        return false;
    }

    /**
     * Order rules of its profile this client does not follow ({@link pkilab.verdict.Rule}
     * ids). openssl s_client ({@code -verify_hostname}) hands the host name to OpenSSL, which
     * matches it inside its verification, before the dates; curl, under the same
     * {@code openssl} profile, matches it itself afterwards ({@code host-after-path}).
     */
    default java.util.List<String> skipsOfProfile() {
        return java.util.List.of();
    }

    /** Whether the client's program is installed here, and if not, how to install it. */
    Availability available();

    /**
     * Runs the client once against the target. Never throws for what the client does: a
     * missing program is {@link ClientOutcome.Status#SKIPPED}, a timeout or a client that
     * cannot connect is {@link ClientOutcome.Status#ERROR}.
     */
    ClientOutcome run(ClientTarget target, Duration timeout);
}
