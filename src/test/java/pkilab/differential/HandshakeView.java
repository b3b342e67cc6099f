package pkilab.differential;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * What SunJSSE's trust manager reads from a client handshake in progress, and nothing more:
 * the peer host the client asked for (for the HTTPS host-name check), endpoint identification
 * {@code HTTPS}, TLS 1.3, and the signature algorithms a JDK 17 client offers for
 * certificates ({@code signature_algorithms_cert}, SHA-1 still in it, MD5 not). The trust
 * manager insists on a handshake session; a real handshake would need each case's private
 * key on a server and could not carry a malformed certificate, so this view stands in for the
 * engine while every check that decides a verdict is the JDK's own.
 */
final class HandshakeView extends SSLEngine {
    private static final String[] CERT_SIGNATURE_ALGORITHMS = {
        "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "Ed25519", "Ed448", "RSASSA-PSS",
        "SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "SHA256withDSA", "SHA224withECDSA", "SHA224withRSA",
        "SHA224withDSA", "SHA1withECDSA", "SHA1withRSA", "SHA1withDSA"};

    private final SSLParameters params = new SSLParameters();
    private final Session session;

    HandshakeView(String host) {
        super(host, 443);
        params.setEndpointIdentificationAlgorithm("HTTPS");
        session = new Session(host);
    }

    @Override
    public SSLSession getHandshakeSession() {
        return session;
    }

    @Override
    public SSLParameters getSSLParameters() {
        return params;
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public boolean getUseClientMode() {
        return true;
    }

    // the engine never moves bytes: everything below is inert
    @Override public SSLEngineResult wrap(ByteBuffer[] s, int o, int l, ByteBuffer d) { throw new UnsupportedOperationException(); }
    @Override public SSLEngineResult unwrap(ByteBuffer s, ByteBuffer[] d, int o, int l) { throw new UnsupportedOperationException(); }
    @Override public Runnable getDelegatedTask() { return null; }
    @Override public void closeInbound() { }
    @Override public boolean isInboundDone() { return false; }
    @Override public void closeOutbound() { }
    @Override public boolean isOutboundDone() { return false; }
    @Override public String[] getSupportedCipherSuites() { return new String[0]; }
    @Override public String[] getEnabledCipherSuites() { return new String[0]; }
    @Override public void setEnabledCipherSuites(String[] s) { }
    @Override public String[] getSupportedProtocols() { return new String[] {"TLSv1.3"}; }
    @Override public String[] getEnabledProtocols() { return new String[] {"TLSv1.3"}; }
    @Override public void setEnabledProtocols(String[] p) { }
    @Override public void beginHandshake() { }
    @Override public SSLEngineResult.HandshakeStatus getHandshakeStatus() { return SSLEngineResult.HandshakeStatus.NEED_UNWRAP; }
    @Override public void setUseClientMode(boolean mode) { }
    @Override public void setNeedClientAuth(boolean need) { }
    @Override public boolean getNeedClientAuth() { return false; }
    @Override public void setWantClientAuth(boolean want) { }
    @Override public boolean getWantClientAuth() { return false; }
    @Override public void setEnableSessionCreation(boolean flag) { }
    @Override public boolean getEnableSessionCreation() { return true; }

    /** The TLS 1.3 client session as far as the trust manager reads it. */
    private static final class Session extends ExtendedSSLSession {
        private final String host;

        Session(String host) {
            this.host = host;
        }

        @Override public String getPeerHost() { return host; }
        @Override public int getPeerPort() { return 443; }
        @Override public String getProtocol() { return "TLSv1.3"; }
        @Override public String[] getLocalSupportedSignatureAlgorithms() { return CERT_SIGNATURE_ALGORITHMS.clone(); }
        @Override public String[] getPeerSupportedSignatureAlgorithms() { return CERT_SIGNATURE_ALGORITHMS.clone(); }

        @Override
        public List<SNIServerName> getRequestedServerNames() {
            // a client sends SNI for a DNS name, never for an IP literal (RFC 6066 §3)
            return host.contains(":") || host.matches("[0-9.]+") ? List.of() : List.of(new SNIHostName(host));
        }

        /** No stapled OCSP response: revocation is off. */
        @Override public List<byte[]> getStatusResponses() { return List.of(); }
        @Override public byte[] getId() { return new byte[0]; }
        @Override public SSLSessionContext getSessionContext() { return null; }
        @Override public long getCreationTime() { return 0; }
        @Override public long getLastAccessedTime() { return 0; }
        @Override public void invalidate() { }
        @Override public boolean isValid() { return true; }
        @Override public void putValue(String name, Object value) { }
        @Override public Object getValue(String name) { return null; }
        @Override public void removeValue(String name) { }
        @Override public String[] getValueNames() { return new String[0]; }
        @Override public Certificate[] getPeerCertificates() { return new Certificate[0]; }
        @Override public Certificate[] getLocalCertificates() { return null; }
        @Override public Principal getPeerPrincipal() { return null; }
        @Override public Principal getLocalPrincipal() { return null; }
        @Override public String getCipherSuite() { return "TLS_AES_128_GCM_SHA256"; }
        @Override public int getPacketBufferSize() { return 16709; }
        @Override public int getApplicationBufferSize() { return 16384; }
    }
}
