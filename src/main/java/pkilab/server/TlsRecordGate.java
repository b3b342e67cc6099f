package pkilab.server;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Refuses a peer that does not speak TLS at once, with a TLS alert. Every TLS connection
 * starts with a handshake record: content type 22, then version major 3 (or, from very old
 * clients, an SSLv2-style hello with the top bit set). The SNI port reads the ClientHello
 * before it picks a site, and takes the record's length from bytes 4 and 5 — for
 * {@code "GET / HTTP/1.1"} that is 8,239 bytes it would wait for. This engine looks at the
 * first two bytes instead, and answers anything else with a fatal {@code unexpected_message}
 * alert before the connection is closed.
 */
final class TlsRecordGate extends UndertowEngine {
    private static final byte HANDSHAKE = 0x16;
    // alert record: type 21, version TLS 1.0 (what servers send before a version is agreed),
    // length 2, level fatal, description unexpected_message (RFC 8446 6.2)
    private static final byte[] ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a};

    private boolean checked;
    private boolean refused;
    private boolean alertSent;

    private TlsRecordGate(SSLEngine delegate) {
        super(delegate);
    }

    /** {@code ctx} whose engines refuse a first record that is not a TLS handshake. */
    static SSLContext around(SSLContext ctx) {
        return new EngineWrappingContext(ctx, TlsRecordGate::new);
    }

    private void look(ByteBuffer src) throws SSLException {
        if (checked || refused) {
            if (refused) {
                throw new SSLException("not TLS: the first record is not a handshake");
            }
            return;
        }
        int at = src.position();
        if (src.remaining() < 1) {
            return;
        }
        byte first = src.get(at);
        if ((first & 0x80) != 0) {
            checked = true;   // an SSLv2-style hello: the engine decides
            return;
        }
        if (first != HANDSHAKE || src.remaining() >= 2 && src.get(at + 1) != 0x03) {
            refused = true;
            throw new SSLException("not TLS: the first record is not a handshake (first bytes 0x"
                    + Integer.toHexString(first & 0xff) + (src.remaining() >= 2 ? " 0x" + Integer.toHexString(src.get(at + 1) & 0xff) : "") + ")");
        }
        if (src.remaining() >= 2) {
            checked = true;
        }
    }

    private SSLEngineResult alert(ByteBuffer dst) {
        if (alertSent) {
            return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        if (dst.remaining() < ALERT.length) {
            return new SSLEngineResult(SSLEngineResult.Status.BUFFER_OVERFLOW, SSLEngineResult.HandshakeStatus.NEED_WRAP, 0, 0);
        }
        dst.put(ALERT);
        alertSent = true;
        return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, ALERT.length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        look(src);
        return super.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        look(src);
        return super.unwrap(src, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
        look(src);
        return super.unwrap(src, dsts);
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
