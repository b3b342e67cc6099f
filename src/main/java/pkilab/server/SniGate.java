package pkilab.server;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A site that will not answer a ClientHello without a server name. Load balancers and web
 * servers that host many sites on one address pick the certificate by the SNI name; set up
 * strictly (nginx's {@code ssl_reject_handshake}, HAProxy's {@code strict-sni}, IIS with
 * "Require Server Name Indication" on every binding) they have nothing to present to a
 * client that sent none — and clients send none when the URL names the server by IP address
 * (RFC 6066 §3). This engine reads the first ClientHello record and, when it carries no
 * server_name extension (or, against the RFC, an IP address in it), answers with a fatal
 * {@code unrecognized_name} alert, as nginx does.
 */
final class SniGate extends RefusingGate {
    private static final byte HANDSHAKE = 0x16;
    private static final byte CLIENT_HELLO = 0x01;
    // alert record: type 21, version TLS 1.0, length 2, level fatal, description unrecognized_name (112)
    private static final byte[] ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x70};

    private boolean checked;

    private SniGate(SSLEngine delegate) {
        super(delegate, ALERT);
    }

    /** {@code ctx} whose engines refuse a ClientHello without SNI. */
    static SSLContext around(SSLContext ctx) {
        return new EngineWrappingContext(ctx, SniGate::new);
    }

    /** Null while the first record is incomplete; else whether it is a ClientHello without a host name in server_name. */
    static Boolean lacksServerName(ByteBuffer src) {
        int at = src.position();
        int end = src.limit();
        if (end - at < 5) {
            return null;
        }
        if (src.get(at) != HANDSHAKE) {
            return false;   // not ours to judge: the engine answers what is not a ClientHello
        }
        int recordEnd = at + 5 + ((src.get(at + 3) & 0xff) << 8 | src.get(at + 4) & 0xff);
        if (end < recordEnd) {
            return null;
        }
        int p = at + 5;
        if (recordEnd - p < 4 || src.get(p) != CLIENT_HELLO) {
            return false;
        }
        int helloEnd = p + 4 + ((src.get(p + 1) & 0xff) << 16 | (src.get(p + 2) & 0xff) << 8 | src.get(p + 3) & 0xff);
        if (helloEnd > recordEnd) {
            return false;   // a hello spread over several records: let the engine read it
        }
        p += 4 + 2 + 32;                                           // type, length, version, random
        if (p >= helloEnd) {
            return false;
        }
        p += 1 + (src.get(p) & 0xff);                              // session id
        if (p + 2 > helloEnd) {
            return false;
        }
        p += 2 + ((src.get(p) & 0xff) << 8 | src.get(p + 1) & 0xff);   // cipher suites
        if (p >= helloEnd) {
            return false;
        }
        p += 1 + (src.get(p) & 0xff);                              // compression methods
        if (p + 2 > helloEnd) {
            return true;                                           // no extensions at all
        }
        int extEnd = Math.min(helloEnd, p + 2 + ((src.get(p) & 0xff) << 8 | src.get(p + 1) & 0xff));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = (src.get(p) & 0xff) << 8 | src.get(p + 1) & 0xff;
            if (type == 0) {
                return ipLiteral(src, p + 4, p + 4 + ((src.get(p + 2) & 0xff) << 8 | src.get(p + 3) & 0xff));
            }
            p += 4 + ((src.get(p + 2) & 0xff) << 8 | src.get(p + 3) & 0xff);
        }
        return true;
    }

    /**
     * Whether a server_name extension's first host name is an IP address. RFC 6066 forbids
     * those, but Mono's btls sends one for an IP-address URL: a load balancer finds no site by
     * that name either.
     */
    private static boolean ipLiteral(ByteBuffer src, int from, int to) {
        // ServerNameList: length (2), then name_type (1, 0 = host_name), length (2), name
        if (to - from < 5 || src.get(from + 2) != 0) {
            return false;
        }
        int len = (src.get(from + 3) & 0xff) << 8 | src.get(from + 4) & 0xff;
        if (from + 5 + len > to) {
            return false;
        }
        StringBuilder name = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            name.append((char) (src.get(from + 5 + i) & 0xff));
        }
        return pkilab.ca.Names.isIpLiteral(name.toString());
    }

    @Override
    SSLEngineResult look(ByteBuffer src) throws SSLException {
        if (refused()) {
            throw new SSLException("refused: the ClientHello named no server (SNI)");
        }
        if (checked) {
            return null;
        }
        Boolean lacks = lacksServerName(src);
        if (lacks == null) {
            return new SSLEngineResult(SSLEngineResult.Status.BUFFER_UNDERFLOW, SSLEngineResult.HandshakeStatus.NEED_UNWRAP, 0, 0);
        }
        checked = true;
        if (lacks) {
            refuse();
            src.position(src.limit());
            throw new SSLException("refused: the ClientHello named no server (SNI)");
        }
        return null;
    }
}
