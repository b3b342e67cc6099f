package pkilab.server;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * What one site asks of every handshake, whichever engine runs it: the certificate list it
 * presents, the protocol versions and cipher suites it accepts, whether it asks the client for
 * a certificate and which root it accepts one from, and the OCSP answer it staples. A scenario
 * that narrows nothing gets what an Exchange left at its defaults offers (TLS 1.0 to 1.3, the
 * JDK's suites, no client certificate, nothing stapled).
 *
 * <p>The meaning of each {@link Site} setting — its default, when it is off — is decided here
 * once; the JDK ({@link SiteContexts#of(Site)}) and BoringSSL ({@link NativeTls}) each only say,
 * in one method, how their own API expresses it. A new per-site setting starts here.
 */
final class SiteTls {
    /** Whether the site sends a CertificateRequest, and whether a client without an acceptable certificate is refused. */
    enum ClientAuth {
        /** No CertificateRequest: the lab's default, as on a plain Exchange web site. */
        NONE,
        /** Asks, and lets a client that sends no certificate in ("Accept client certificates" in IIS). */
        OPTIONAL,
        /** Asks, and refuses a client without an acceptable certificate ("Require client certificates"). */
        REQUIRE
    }

    private final Site site;

    SiteTls(Site site) {
        this.site = site;
    }

    String siteId() {
        return site.id();
    }

    /** The site's certificate list and key, sent as they are, leaf first. */
    PresentedChain presented() {
        return new PresentedChain(site.chain(), site.key());
    }

    /** The protocol versions offered: the site's, or {@link Site#DEFAULT_TLS_VERSIONS} when it names none. */
    List<String> versions() {
        return site.tlsVersions().isEmpty() ? Site.DEFAULT_TLS_VERSIONS : site.tlsVersions();
    }

    /** The cipher suites the site accepts; empty: the ones the JDK enables by default. */
    List<String> ciphers() {
        return site.ciphers();
    }

    /**
     * The site's cipher suites that are not among {@code offered}. The JDK still calls the old
     * suites by their SSL 3.0 names ({@code SSL_RSA_WITH_3DES_EDE_CBC_SHA}) where IANA and
     * OpenSSL say {@code TLS_}: both spellings name one suite.
     */
    List<String> ciphersMissingFrom(Collection<String> offered) {
        Set<String> have = offered.stream().map(SiteTls::ianaName).collect(Collectors.toSet());
        return site.ciphers().stream().filter(c -> !have.contains(ianaName(c))).toList();
    }

    private static String ianaName(String suite) {
        return suite.replaceFirst("^SSL_", "TLS_");
    }

    ClientAuth clientAuth() {
        if (site.clientCa() == null) {
            return ClientAuth.NONE;
        }
        return site.clientCertRequired() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL;
    }

    /** How a client certificate is judged (see {@link ClientCertificateCheck}); null when {@link #clientAuth()} is NONE. */
    TrustManagerFactory clientCheck() {
        return clientAuth() == ClientAuth.NONE ? null : ClientCertificateCheck.factory(site);
    }

    /** Makes the DER OCSP answer stapled when a client asks (status_request), or null: nothing is stapled. */
    Supplier<byte[]> staple() {
        return site.staple();
    }
}
