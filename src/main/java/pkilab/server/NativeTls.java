package pkilab.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.SimpleKeyManagerFactory;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Server-side TLS by BoringSSL, through netty-tcnative's {@link SSLEngine}, for Undertow's
 * listeners. Each site gets a native context holding exactly its scenario's chain and key:
 * BoringSSL sends the list it is given and builds no chain of its own, so "the server omits
 * the intermediate" stays true. Only engines are offered; the lab never opens sockets through
 * these contexts.
 */
final class NativeTls {
    private NativeTls() {
    }

    /** True when the native library loaded (it is bundled for Linux, macOS and Windows on x86-64 and arm64). */
    static boolean available() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    static String whyUnavailable() {
        try {
            Throwable t = OpenSsl.unavailabilityCause();
            return t == null ? "no reason given" : String.valueOf(t.getMessage());
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    /** Whether BoringSSL has every cipher suite {@code site} names (it dropped 3DES, for one). */
    static boolean canServe(Site site) {
        return site.ciphers().isEmpty() || new SiteTls(site).ciphersMissingFrom(OpenSsl.availableJavaCipherSuites()).isEmpty();
    }

    /**
     * A context whose engines present {@code site}'s chain, limited to its TLS versions when it
     * names any. The native context is made on first use (or by {@link #prepare}): handing a
     * key and chain to BoringSSL costs milliseconds per site, which a start should not wait for.
     */
    static SSLContext of(Site site) {
        return new Context(new Spi(site));
    }

    /** Makes the native context of each {@code contexts} made here now, on a background thread. */
    static void prepare(List<SSLContext> contexts) {
        List<Spi> todo = contexts.stream().filter(Context.class::isInstance).map(c -> ((Context) c).spi).toList();
        if (todo.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            for (Spi spi : todo) {
                try {
                    spi.ctx();
                } catch (RuntimeException e) {
                    // the site's first handshake tries again and fails where it can be seen
                }
            }
        }, "pkilab-tls-prepare");
        t.setDaemon(true);
        t.start();
    }

    /**
     * For a site that asks for no client certificate. Without a trust manager of its own netty
     * would load the JDK's cacerts for every site and hand all its names to BoringSSL as
     * acceptable client-certificate issuers: 13 ms per site for nothing.
     */
    private static final TrustManagerFactory NO_CLIENTS = new SimpleTrustManagerFactory() {
        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters params) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("the lab does not accept client certificates");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("a server context checks no server");
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }};
        }
    };

    /**
     * The cipher suites the JDK's TLS enables by default, as far as BoringSSL has them:
     * netty's own default list is GCM and ChaCha20 only, which would refuse older clients
     * (Windows Server 2012 R2 before its 2015 update offers CBC suites only) that the JDK
     * engine accepts. The two engines should turn away the same clients.
     */
    private static final class JdkSuites {
        static final List<String> LIST = load();

        private static List<String> load() {
            try {
                // a context without managers: SSLContext.getDefault() would read cacerts (about
                // 100 ms) for the same list
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(new KeyManager[0], new TrustManager[0], null);
                return List.of(c.getDefaultSSLParameters().getCipherSuites());
            } catch (java.security.GeneralSecurityException e) {
                return null;   // netty's defaults
            }
        }
    }

    private static SslContext build(SiteTls tls) {
        try {
            // the site's own key manager, its key and chain converted for BoringSSL once and kept
            KeyManagerFactory kmf = new OpenSslCachingX509KeyManagerFactory(new SimpleKeyManagerFactory() {
                @Override
                protected void engineInit(KeyStore keyStore, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters params) {
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return new KeyManager[] {tls.presented()};
                }
            });
            TrustManagerFactory clientCheck = tls.clientCheck();
            SslContext made = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.OPENSSL)
                    .protocols(tls.versions())
                    .ciphers(tls.ciphers().isEmpty() ? JdkSuites.LIST : tls.ciphers(), SupportedCipherSuiteFilter.INSTANCE)
                    .trustManager(clientCheck == null ? NO_CLIENTS : clientCheck)
                    .clientAuth(switch (tls.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRE -> ClientAuth.REQUIRE;
                    })
                    .enableOcsp(tls.staple() != null)
                    .build();
            List<String> missing = tls.ciphersMissingFrom(made.cipherSuites());
            if (!missing.isEmpty()) {
                // netty drops the suites BoringSSL lacks without a word: the site would refuse what the scenario shows
                throw new IllegalStateException("site " + tls.siteId() + ": BoringSSL cannot serve " + String.join(", ", missing)
                        + " (serve with --tls-engine jdk)");
            }
            return made;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up BoringSSL for site " + tls.siteId() + ": " + e.getMessage(), e);
        }
    }

    private static final class Context extends SSLContext {
        private final Spi spi;

        Context(Spi spi) {
            super(spi, null, "TLS");
            this.spi = spi;
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SiteTls tls;
        private volatile SslContext made;

        Spi(Site site) {
            this.tls = new SiteTls(site);
        }

        SslContext ctx() {
            SslContext c = made;
            if (c == null) {
                synchronized (this) {
                    c = made;
                    if (c == null) {
                        made = c = build(tls);
                    }
                }
            }
            return c;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new AlertFlushingEngine(stapled(ctx().newEngine(ByteBufAllocator.DEFAULT)));
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new AlertFlushingEngine(stapled(ctx().newEngine(ByteBufAllocator.DEFAULT, host, port)));
        }

        /** The site's OCSP answer handed to the engine before its handshake: BoringSSL sends it when the client asks. */
        private SSLEngine stapled(SSLEngine e) {
            if (tls.staple() != null && e instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine ossl) {
                ossl.setOcspResponse(tls.staple().get());
            }
            return e;
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("the lab's native TLS contexts make engines only");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("the lab's native TLS contexts make engines only");
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return ctx().sessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return null;
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return parameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return parameters();
        }

        private SSLParameters parameters() {
            SSLEngine e = ctx().newEngine(ByteBufAllocator.DEFAULT);
            try {
                return e.getSSLParameters();
            } finally {
                e.closeOutbound();
                try {
                    e.closeInbound();
                } catch (SSLException ignored) {
                    // closing an engine that never handshook
                }
            }
        }
    }
}
