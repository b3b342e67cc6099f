package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.testing.TestPki;

/**
 * A BoringSSL connection's native state is freed when the connection closes both ways, also
 * when the client went away without close_notify (as {@code openssl s_time -new} does); netty
 * alone would leave it to its cleaner, and the server's memory climbed to about 340 MB under load.
 */
class NativeEngineFreeTest {
    private final IssuedCertificate mail = TestPki.leaf("public", "mail.contoso.test");

    @Test
    void aConnectionClosedWithoutCloseNotifyFreesItsNativeState() throws Exception {
        assumeTrue(NativeTls.available(), NativeTls::whyUnavailable);
        SSLEngine server = NativeTls.of(Site.builder("mail").host("mail.contoso.test").presenting(mail).build()).createSSLEngine();
        server.setUseClientMode(false);
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(null, new TrustManager[] {new AnyServer()}, null);
        SSLEngine client = jdk.createSSLEngine("mail.contoso.test", 443);
        client.setUseClientMode(true);
        handshake(client, server);
        UndertowEngine engine = assertInstanceOf(UndertowEngine.class, server);
        assertFalse(engine.nativeStateFreed(), "freed while the connection is open");
        // the client closes its socket without close_notify: the server sees the end of input, then closes
        try {
            server.closeInbound();
        } catch (SSLException expected) {
            // "Inbound closed before receiving peer's close_notify"
        }
        server.closeOutbound();
        assertTrue(engine.nativeStateFreed(), "BoringSSL's connection state outlives the closed connection");
    }

    /** Runs both engines' handshake in memory until each is done. */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200 && !(done(client) && done(server)); i++) {
            step(client, toClient, toServer, app);
            step(server, toServer, toClient, app);
        }
        assertTrue(done(client) && done(server), "the in-memory handshake did not finish");
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
        return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || s == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** One turn of an engine: read what the peer sent, run delegated tasks, write what it wants to send. */
    private static void step(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        in.flip();
        e.unwrap(in, app);
        in.compact();
        app.clear();
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        e.wrap(ByteBuffer.allocate(0), out);
    }

    /** The test is about the server's engine, not about trust. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
