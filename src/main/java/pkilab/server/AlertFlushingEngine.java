package pkilab.server;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * netty's engine, made to deliver the alert that ends a failed handshake. When BoringSSL
 * refuses a ClientHello (no common version: {@code protocol_version}; no common cipher suite:
 * {@code handshake_failure}) netty's engine returns the alert from one {@code wrap} and
 * throws from the next; Undertow asks for that next wrap before it writes anything, so the
 * alert was lost and the client saw the connection drop without a reason ("unexpected EOF",
 * {@code ERR_CONNECTION_CLOSED}) instead of the error it shows a user.
 *
 * <p>So after a handshake wrap that produced bytes and asks for more, this engine asks
 * netty for the next record at once. If that throws, the alert is all there is: it reports
 * "read next", which makes Undertow write the alert and wait for the client, who closes on
 * it; the failure is thrown on the next call. Otherwise the record is kept and handed out
 * by the next wrap.
 */
final class AlertFlushingEngine extends UndertowEngine {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SSLEngine d;
    private ByteBuffer kept;
    private SSLEngineResult keptResult;
    private SSLException failure;

    AlertFlushingEngine(SSLEngine delegate) {
        super(delegate);
        this.d = delegate;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (kept != null) {
            if (dst.remaining() < kept.remaining()) {
                return new SSLEngineResult(SSLEngineResult.Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
            }
            dst.put(kept);
            kept = null;
            SSLEngineResult r = keptResult;
            keptResult = null;
            return r;
        }
        if (failure != null) {
            throw failure;
        }
        SSLEngineResult r = super.wrap(srcs, offset, length, dst);
        if (r.bytesProduced() == 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
            return r;
        }
        ByteBuffer next = ByteBuffer.allocate(d.getSession().getPacketBufferSize());
        try {
            SSLEngineResult r2 = d.wrap(EMPTY, next);
            if (r2.bytesProduced() > 0 || r2.getStatus() != SSLEngineResult.Status.OK) {
                next.flip();
                kept = next;
                keptResult = r2;
            }
            return r;
        } catch (SSLException e) {
            failure = e;
            return new SSLEngineResult(r.getStatus(), HandshakeStatus.NEED_UNWRAP, r.bytesConsumed(), r.bytesProduced());
        }
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return wrap(new ByteBuffer[] {src}, 0, 1, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
        return wrap(srcs, 0, srcs.length, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (failure != null) {
            throw failure;
        }
        return super.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return unwrap(src, new ByteBuffer[] {dst}, 0, 1);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
        return unwrap(src, dsts, 0, dsts.length);
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        if (kept != null) {
            return HandshakeStatus.NEED_WRAP;
        }
        return failure != null ? HandshakeStatus.NEED_UNWRAP : super.getHandshakeStatus();
    }
}
