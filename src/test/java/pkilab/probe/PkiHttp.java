package pkilab.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import pkilab.ca.Lab;

/**
 * The lab's PKI endpoints for tests: {@code /pki/<ca>.crt} (AIA caIssuers) and
 * {@code /pki/<ca>.crl} (CDP) and the OCSP responder {@code /ocsp/<ca>}, served from the lab by the JDK's HTTP server on a free
 * loopback port, and the resolver that sends {@code pki.lab.test:80} there.
 */
final class PkiHttp implements AutoCloseable {
    private final HttpServer server;

    PkiHttp(Lab lab) throws IOException {
        this(lab, true);
    }

    /** @param ocsp whether to answer OCSP (without it, clients fall back to the CRL) */
    PkiHttp(Lab lab, boolean ocsp) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pki/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/pki/".length());
            byte[] body = null;
            try {
                if (name.endsWith(".crt")) {
                    body = lab.ca(name.substring(0, name.length() - 4)).certificate().getEncoded();
                } else if (name.endsWith(".crl")) {
                    body = lab.crl(name.substring(0, name.length() - 4), Instant.now()).getEncoded();
                }
            } catch (Exception e) {
                body = null;
            }
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.createContext("/ocsp/", ex -> {
            String ca = ex.getRequestURI().getPath().substring("/ocsp/".length());
            byte[] body;
            try {
                body = !ocsp ? null : lab.ocsp(ca, ex.getRequestBody().readAllBytes(), Instant.now());
            } catch (Exception e) {
                body = null;
            }
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    /** Answers GET {@code path} with {@code der}, as the lab server publishes a two-tier scenario's issuing CA at /aia/ID.crt. */
    void publish(String path, byte[] der) {
        server.createContext(path, ex -> {
            ex.sendResponseHeaders(200, der.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(der);
            }
            ex.close();
        });
    }

    Resolver resolver() {
        return Resolver.loopbackOnly().map("pki.lab.test", 80, server.getAddress());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
