package pkilab.probe;

import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSocket;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts whatever chain a server presents, so that the probe can capture it and let the
 * diagnosis engine judge it. Package-private on purpose: it is the probe's capture step and
 * never a way to switch validation off.
 */
final class ChainRecorder extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain;
    private volatile byte[] staple = new byte[0];

    private volatile String protocol;
    private volatile String cipher;

    /** The cipher suite of the handshake that delivered the chain, or null. */
    String cipher() {
        return cipher;
    }

    /** The protocol version of the handshake that delivered the chain, or null. */
    String protocol() {
        return protocol;
    }

    /** The chain the server sent, or null before its Certificate message. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** The OCSP answer the server stapled for its certificate (DER), or empty when it stapled none. */
    byte[] staple() {
        return staple;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // judged by the engine afterwards; kept here too, for a handshake the server ends later (mutual TLS)
        this.chain = List.of(chain);
        if (socket instanceof SSLSocket s && s.getHandshakeSession() instanceof ExtendedSSLSession e) {
            protocol = e.getProtocol();
            cipher = e.getCipherSuite();
            List<byte[]> answers = e.getStatusResponses();
            if (!answers.isEmpty() && answers.get(0) != null && answers.get(0).length > 0) {
                staple = answers.get(0);
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // as above
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // as above
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
