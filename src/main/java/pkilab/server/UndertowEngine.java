package pkilab.server;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * netty's engine with the one difference Undertow trips over: it throws on
 * {@code setEnableSessionCreation(true)}, which Undertow calls on every accepted
 * connection, because it always creates sessions anyway. Everything else is passed on.
 */
class UndertowEngine extends SSLEngine {
    private final SSLEngine d;
    private volatile boolean inboundClosed;
    private volatile boolean outboundClosed;

    UndertowEngine(SSLEngine delegate) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.d = delegate;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        if (!flag) {
            d.setEnableSessionCreation(false);   // netty says plainly that it cannot
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return afterAlert(() -> d.wrap(srcs, offset, length, dst));
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return afterAlert(() -> d.wrap(src, dst));
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
        return afterAlert(() -> d.wrap(srcs, dst));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        return d.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return d.unwrap(src, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
        return d.unwrap(src, dsts);
    }

    /** One wrap of the delegate. */
    private interface Wrap {
        SSLEngineResult run() throws SSLException;
    }

    private boolean failed;

    /**
     * netty's engine hands out its fatal alert (a refused client certificate: certificate_required,
     * bad_certificate…) from one wrap and throws the handshake's error from the next, before
     * Undertow has written the alert: Undertow then closes the connection and the alert is lost,
     * so the client sees a bare reset. Here the error ends the engine as a closed one instead, and
     * Undertow writes what it holds (the alert) before it closes.
     */
    private SSLEngineResult afterAlert(Wrap w) throws SSLException {
        if (failed) {
            return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        try {
            return w.run();
        } catch (SSLException e) {
            if (!d.isOutboundDone()) {
                throw e;
            }
            failed = true;
            return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return d.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        inboundClosed = true;
        try {
            d.closeInbound();
        } finally {
            freeWhenClosed();
        }
    }

    @Override
    public boolean isInboundDone() {
        return d.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        d.closeOutbound();
        outboundClosed = true;
        freeWhenClosed();
    }

    /**
     * Once the connection is closed both ways, BoringSSL's connection state is freed at once.
     * netty frees it itself only when its engine is done both ways; a client that closes
     * without close_notify leaves the inbound side open, and the native memory would wait for
     * the engine's cleaner (measured: RSS near 340 MB under {@code openssl s_time -new}).
     */
    /** Whether BoringSSL's connection state behind this engine has been freed (false for a JDK engine). */
    boolean nativeStateFreed() {
        return d instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine boring && boring.sslPointer() == 0;
    }

    private void freeWhenClosed() {
        if (inboundClosed && outboundClosed && d instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine boring) {
            boring.shutdown();
        }
    }

    @Override
    public boolean isOutboundDone() {
        return d.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return d.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return d.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        d.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return d.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return d.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        d.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return d.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return d.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        d.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return d.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        d.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return d.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // the site's context decides whether client certificates are asked for; Undertow's
        // listener turns them off on every engine it is given
        if (need) {
            d.setNeedClientAuth(true);
        }
    }

    @Override
    public boolean getNeedClientAuth() {
        return d.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        if (want) {
            d.setWantClientAuth(true);
        }
    }

    @Override
    public boolean getWantClientAuth() {
        return d.getWantClientAuth();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return d.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        d.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return d.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return d.getHandshakeApplicationProtocol();
    }
}
