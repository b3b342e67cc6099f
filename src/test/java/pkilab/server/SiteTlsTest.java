package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.testing.TestPki;

/** What a site's settings mean, decided once for the JDK and BoringSSL: defaults, client certificates, suite names. */
class SiteTlsTest {
    private final IssuedCertificate mail = TestPki.leaf("public", "mail.contoso.test");

    private Site.Builder site() {
        return Site.builder("mail").host("mail.contoso.test").presenting(mail);
    }

    @Test
    void aSiteThatNarrowsNothingOffersTheDefaultVersionsAndAsksForNoClientCertificate() {
        SiteTls tls = new SiteTls(site().build());
        assertEquals(Site.DEFAULT_TLS_VERSIONS, tls.versions());
        assertEquals(List.of(), tls.ciphers());
        assertEquals(SiteTls.ClientAuth.NONE, tls.clientAuth());
        assertNull(tls.clientCheck());
        assertNull(tls.staple());
    }

    @Test
    void aSiteKeepsItsOwnVersions() {
        assertEquals(List.of("TLSv1.2"), new SiteTls(site().tlsVersions(List.of("TLSv1.2")).build()).versions());
    }

    @Test
    void clientCertificatesAreAskedForOrRequired() {
        SiteTls optional = new SiteTls(site().clientCertificates(mail.root(), false).build());
        SiteTls required = new SiteTls(site().clientCertificates(mail.root(), true).build());
        assertEquals(SiteTls.ClientAuth.OPTIONAL, optional.clientAuth());
        assertEquals(SiteTls.ClientAuth.REQUIRE, required.clientAuth());
        assertNotNull(required.clientCheck());
    }

    @Test
    void theJdksSslNamesAndIanasTlsNamesAreOneSuite() {
        SiteTls tls = new SiteTls(site().ciphers(List.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).build());
        assertEquals(List.of(), tls.ciphersMissingFrom(List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
        assertEquals(List.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA"), tls.ciphersMissingFrom(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
    }
}
