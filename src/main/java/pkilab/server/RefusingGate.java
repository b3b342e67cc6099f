package pkilab.server;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * An engine that looks at what the client sends first and may refuse it before the TLS
 * engine sees it: it then answers with one fatal alert record of its own and closes. A
 * subclass says what to look for ({@link #look}) and which alert to send.
 */
abstract class RefusingGate extends UndertowEngine {
    private final byte[] alert;
    private boolean refused;
    private boolean alertSent;

    /** @param alert the whole alert record: type 21, version TLS 1.0, length 2, level fatal, description */
    RefusingGate(SSLEngine delegate, byte[] alert) {
        super(delegate);
        this.alert = alert.clone();
    }

    /**
     * Reads the client's first bytes in {@code src} without consuming them (unless refusing):
     * null to let the engine go on, a result to return instead (wait for more bytes), or an
     * {@link SSLException} after {@link #refuse()}.
     */
    abstract SSLEngineResult look(ByteBuffer src) throws SSLException;

    /** From now on the engine answers with the alert and nothing else. */
    final void refuse() {
        refused = true;
    }

    final boolean refused() {
        return refused;
    }

    private SSLEngineResult alert(ByteBuffer dst) {
        if (alertSent) {
            return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        if (dst.remaining() < alert.length) {
            return new SSLEngineResult(SSLEngineResult.Status.BUFFER_OVERFLOW, SSLEngineResult.HandshakeStatus.NEED_WRAP, 0, 0);
        }
        dst.put(alert);
        alertSent = true;
        return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, alert.length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        SSLEngineResult wait = look(src);
        return wait != null ? wait : super.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        SSLEngineResult wait = look(src);
        return wait != null ? wait : super.unwrap(src, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
        SSLEngineResult wait = look(src);
        return wait != null ? wait : super.unwrap(src, dsts);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return refused ? alert(dst) : super.wrap(srcs, offset, length, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return refused ? alert(dst) : super.wrap(src, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
        return refused ? alert(dst) : super.wrap(srcs, dst);
    }

    @Override
    public boolean isInboundDone() {
        return refused || super.isInboundDone();
    }

    @Override
    public boolean isOutboundDone() {
        return refused ? alertSent : super.isOutboundDone();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        if (refused) {
            return alertSent ? SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING : SSLEngineResult.HandshakeStatus.NEED_WRAP;
        }
        return super.getHandshakeStatus();
    }
}
