package pkilab.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A JDK TLS server on a free loopback port that presents a given chain: real handshakes in milliseconds. */
final class TlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread acceptor;
    private volatile List<javax.net.ssl.SNIServerName> lastSni;
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

    TlsServer(PrivateKey key, List<X509Certificate> chain, String... protocols) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, "x".toCharArray(), chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            server.setEnabledProtocols(protocols);
        }
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    accepted.incrementAndGet();
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    lastSni = ((javax.net.ssl.ExtendedSSLSession) s.getSession()).getRequestedServerNames();
                    s.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                    // a client that refused the certificate, or the server closing: next one
                }
            }
        }, "tls-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The server names the last client asked for (SNI); empty when it sent none. */
    List<String> lastSni() {
        return lastSni == null ? null : lastSni.stream()
                .map(n -> ((javax.net.ssl.SNIHostName) n).getAsciiName()).toList();
    }

    /** How many connections the server has accepted. */
    int accepted() {
        return accepted.get();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    String connect() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5000);
    }
}
