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
        return d.wrap(srcs, offset, length, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return d.wrap(src, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
        return d.wrap(srcs, dst);
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

    @Override
    public Runnable getDelegatedTask() {
        return d.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        d.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return d.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        d.closeOutbound();
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
        d.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return d.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        d.setWantClientAuth(want);
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
