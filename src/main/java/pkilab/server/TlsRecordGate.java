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
final class TlsRecordGate extends RefusingGate {
    private static final byte HANDSHAKE = 0x16;
    // alert record: type 21, version TLS 1.0 (what servers send before a version is agreed),
    // length 2, level fatal, description unexpected_message (RFC 8446 6.2)
    private static final byte[] ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a};

    private boolean checked;

    private TlsRecordGate(SSLEngine delegate) {
        super(delegate, ALERT);
    }

    /** {@code ctx} whose engines refuse a first record that is not a TLS handshake. */
    static SSLContext around(SSLContext ctx) {
        return new EngineWrappingContext(ctx, TlsRecordGate::new);
    }

    @Override
    SSLEngineResult look(ByteBuffer src) throws SSLException {
        if (checked || refused()) {
            if (refused()) {
                throw new SSLException("not TLS: the first record is not a handshake");
            }
            return null;
        }
        int at = src.position();
        if (src.remaining() < 1) {
            return null;
        }
        byte first = src.get(at);
        if ((first & 0x80) != 0) {
            checked = true;   // an SSLv2-style hello: the engine decides
            return null;
        }
        if (first != HANDSHAKE || src.remaining() >= 2 && src.get(at + 1) != 0x03) {
            refuse();
            throw new SSLException("not TLS: the first record is not a handshake (first bytes 0x"
                    + Integer.toHexString(first & 0xff) + (src.remaining() >= 2 ? " 0x" + Integer.toHexString(src.get(at + 1) & 0xff) : "") + ")");
        }
        if (src.remaining() >= 2) {
            checked = true;
        }
        return null;
    }
}
