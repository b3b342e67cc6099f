package pkilab.server;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS server contexts of the lab's sites. Each site has a context of its own, so the
 * certificate list, the session cache and the protocol versions of one site never leak into
 * another; the SNI listener picks one per connection from the name in the ClientHello.
 */
final class SiteContexts {
    private SiteContexts() {
    }

    /**
     * What {@code site} presents, by {@code engine} (BORINGSSL or JDK), limited to its TLS
     * versions and cipher suites when it names any. A site whose suites BoringSSL no longer has
     * (3DES) is served by the JDK whatever the engine: that is the only server here that can.
     */
    static SSLContext of(Site site, TlsEngine engine) {
        return engine == TlsEngine.BORINGSSL && NativeTls.canServe(site) ? NativeTls.of(site) : of(site);
    }

    /**
     * What {@code site} presents through the JDK, limited to its TLS versions and cipher suites when it names any.
     * The JDK fetches OCSP answers itself and takes none handed to it, so a site's staple is BoringSSL's alone.
     */
    static SSLContext of(Site site) {
        SiteTls tls = new SiteTls(site);
        TrustManagerFactory clientCheck = tls.clientCheck();
        SSLContext plain = context(tls.presented(), clientCheck == null ? new TrustManager[0] : clientCheck.getTrustManagers());
        SSLParameters p = plain.getDefaultSSLParameters();
        // versions the JDK's policy disables stay off unless pkilab.LegacyTls ran first
        p.setProtocols(tls.versions().toArray(new String[0]));
        if (!tls.ciphers().isEmpty()) {
            p.setCipherSuites(tls.ciphers().toArray(new String[0]));
        }
        switch (tls.clientAuth()) {
            case REQUIRE -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> { }
        }
        return withParameters(plain, p);
    }

    /**
     * The context for connections that name no site we serve. It has no certificate, and it
     * matches no server name, so a client that sent an unknown name gets the
     * {@code unrecognized_name} alert and one that sent none gets {@code handshake_failure} —
     * instead of some other site's certificate, which would look like a name mismatch that
     * is not in the scenario.
     */
    static SSLContext refusing() {
        SSLContext plain = context(PresentedChain.none());
        SSLParameters p = plain.getDefaultSSLParameters();
        // a pattern that matches nothing: any SNI name the client sends is "unrecognized"
        p.setSNIMatchers(List.<SNIMatcher>of(SNIHostName.createSNIMatcher("(?!)")));
        // TLS 1.2 only: there the missing certificate is found before the ServerHello and the
        // client gets a plain handshake_failure alert. In TLS 1.3 the ServerHello goes out first
        // and the alert that follows is encrypted, which Undertow drops when it closes: the
        // client would see the connection end with no reason at all.
        p.setProtocols(new String[] {"TLSv1.2"});
        return withParameters(plain, p);
    }

    /** {@code plain}, each engine of which is given {@code p}: a JDK context has no parameters of its own to set, its engines do. */
    private static SSLContext withParameters(SSLContext plain, SSLParameters p) {
        return new EngineWrappingContext(plain, e -> {
            e.setSSLParameters(p);
            return e;
        });
    }

    private static SSLContext context(KeyManager km) {
        return context(km, new TrustManager[0]);
    }

    private static SSLContext context(KeyManager km, TrustManager[] tm) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new KeyManager[] {km}, tm, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
