package pkilab.server;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * One TLS handshake in memory — a client engine and a server engine passing records through
 * byte buffers — so the JDK's TLS 1.3 handshake code is loaded and initialised before the
 * first real client arrives. Without it the first handshakes after a start pay for hundreds
 * of classes; with it that cost overlaps reading the certificates from disk.
 */
final class TlsWarmUp {
    private TlsWarmUp() {
    }

    /** Handshakes with {@code site}'s certificate and key (the client trusts the first certificate directly); true when both sides finished. */
    static boolean handshake(Site site) throws GeneralSecurityException, SSLException, java.io.IOException {
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(new KeyManager[] {new PresentedChain(site.chain(), site.key())}, new TrustManager[0], null);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("anchor", site.chain().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        SSLEngine c = client.createSSLEngine(site.host(), 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        int net = Math.max(c.getSession().getPacketBufferSize(), s.getSession().getPacketBufferSize());
        int app = Math.max(c.getSession().getApplicationBufferSize(), s.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(net * 4);
        ByteBuffer toClient = ByteBuffer.allocate(net * 4);
        ByteBuffer appIn = ByteBuffer.allocate(app * 2);
        ByteBuffer none = ByteBuffer.allocate(0);
        c.beginHandshake();
        s.beginHandshake();
        for (int round = 0; round < 50 && !(finished(c) && finished(s)); round++) {
            c.wrap(none, toServer);
            tasks(c);
            s.wrap(none, toClient);
            tasks(s);
            toServer.flip();
            toClient.flip();
            c.unwrap(toClient, appIn);
            tasks(c);
            appIn.clear();
            s.unwrap(toServer, appIn);
            tasks(s);
            appIn.clear();
            toServer.compact();
            toClient.compact();
        }
        return finished(c) && finished(s) && c.getSession().getPeerCertificates().length == site.chain().size();
    }

    private static boolean finished(SSLEngine e) {
        HandshakeStatus h = e.getHandshakeStatus();
        return h == HandshakeStatus.NOT_HANDSHAKING || h == HandshakeStatus.FINISHED;
    }

    private static void tasks(SSLEngine e) {
        Runnable r;
        while ((r = e.getDelegatedTask()) != null) {
            r.run();
        }
    }

    static void quietly(Site site) {
        if (site == null) {
            return;
        }
        try {
            handshake(site);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            // a head start only; the real listeners report real problems
        }
    }

}
