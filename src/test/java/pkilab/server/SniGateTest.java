package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** The ClientHello reader of {@link SniGate}, on hellos the JDK's own client writes. */
class SniGateTest {
    private static ByteBuffer hello(String sni, String version) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, null, null);
        SSLEngine e = c.createSSLEngine("ignored.test", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        p.setProtocols(new String[] {version});
        e.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return out;
    }

    @Test
    void aHelloWithAHostNameIsLetThroughOneWithoutIsRefused() throws Exception {
        for (String v : List.of("TLSv1.2", "TLSv1.3")) {
            assertEquals(false, SniGate.lacksServerName(hello("mail.contoso.test", v)), v);
            assertEquals(true, SniGate.lacksServerName(hello(null, v)), v);
        }
    }

    @Test
    void anIpAddressInSniCountsAsNoName() throws Exception {
        // the JDK will not write one (Mono does): the bytes are patched from a hello for a name of the same length
        ByteBuffer h = hello("127.0.0.9.test", "TLSv1.2");
        byte[] b = new byte[h.remaining()];
        h.get(b);
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("127.0.0.9.test");
        byte[] ip = "127.0.0.19.100".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(ip, 0, b, at, ip.length);
        assertEquals(false, SniGate.lacksServerName(ByteBuffer.wrap(b)), "127.0.0.19.100 is no IP address");
        System.arraycopy("192.168.100.20".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, at, 14);
        assertEquals(true, SniGate.lacksServerName(ByteBuffer.wrap(b)), "192.168.100.20 is an IP address");
    }

    @Test
    void anIncompleteRecordAsksForMore() throws Exception {
        ByteBuffer h = hello(null, "TLSv1.2");
        h.limit(h.limit() - 10);
        assertNull(SniGate.lacksServerName(h));
        assertNull(SniGate.lacksServerName(ByteBuffer.wrap(new byte[] {0x16, 0x03})));
        assertEquals(false, SniGate.lacksServerName(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
}
