package pkilab.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a site that requires client certificates judges one: as IIS does with "Require client
 * certificates", by building a path from the client's certificate to the one root the site
 * accepts (its name goes into the CertificateRequest's list of acceptable CAs), checking the
 * validity dates and that the extKeyUsage allows clientAuth. Both engines use the JDK's PKIX
 * trust manager for it, so they refuse the same certificates; what differs is the alert each
 * sends (see scenarios/README.md "Mutual TLS").
 */
final class ClientCertificateCheck {
    private ClientCertificateCheck() {
    }

    /** A PKIX trust-manager factory holding only the site's accepted root. */
    static TrustManagerFactory factory(Site site) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("client-ca", site.clientCa());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the client-certificate check of site " + site.id() + ": " + e.getMessage(), e);
        }
    }
}
