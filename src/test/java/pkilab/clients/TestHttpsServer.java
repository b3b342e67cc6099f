package pkilab.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1, port 0, presenting exactly the given chain (leaf first), and
 * an HTTP server for AIA answers ({@code /pki/<ca>.crt}). The JDK's own servers: real TLS,
 * nothing to mock.
 */
final class TestHttpsServer implements AutoCloseable {
    private final HttpServer server;

    private TestHttpsServer(HttpServer server) {
        this.server = server;
    }

    /** HTTPS presenting {@code chain} with {@code key}; every path answers 200 with a small page. */
    static TestHttpsServer https(PrivateKey key, List<X509Certificate> chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "server".toCharArray();
        ks.setKeyEntry("server", key, pw, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        s.createContext("/", ex -> answer(ex, 200, "text/html", "<html><body><h1>lab server</h1></body></html>".getBytes(StandardCharsets.US_ASCII)));
        return start(s);
    }

    /** Plain HTTP answering each path of {@code files} with its DER bytes, 404 otherwise. */
    static TestHttpsServer http(Map<String, byte[]> files) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath());
            answer(ex, body == null ? 404 : 200, "application/pkix-cert", body == null ? new byte[0] : body);
        });
        return start(s);
    }

    private static TestHttpsServer start(HttpServer s) {
        s.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-server");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return new TestHttpsServer(s);
    }

    private static void answer(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
