package pkilab.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A JSSE client for the tests: trusts the given roots (real PKIX validation and host name
 * check), sends SNI when asked, and records the certificate list the server sent even when
 * validation then fails.
 */
final class TlsClient {
    final List<X509Certificate> received = new ArrayList<>();
    private final List<X509Certificate> roots;
    private String[] protocols;
    private String[] suites;

    TlsClient(List<X509Certificate> roots) {
        this.roots = roots;
    }

    TlsClient protocols(String... p) {
        this.protocols = p;
        return this;
    }

    TlsClient suites(String... s) {
        this.suites = s;
        return this;
    }

    /** Connects to 127.0.0.1:port (or {@code address}), handshakes as a client of {@code host}; sni=false sends no server name. */
    SSLSocket connect(String address, int port, String host, boolean sni) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(address, port), 5000);
        plain.setSoTimeout(5000);
        SSLSocket s = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(sni ? List.of(new SNIHostName(host)) : List.of());
        if (protocols != null) {
            p.setProtocols(protocols);
        }
        if (suites != null) {
            p.setCipherSuites(suites);
        }
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    SSLSocket connect(int port, String host) throws Exception {
        return connect("127.0.0.1", port, host, true);
    }

    /** One HTTP/1.1 request over a fresh connection; returns the whole response (headers and body). */
    String request(int port, String host, String method, String path) throws Exception {
        try (SSLSocket s = connect(port, host)) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private SSLContext context() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < roots.size(); i++) {
            ks.setCertificateEntry("root" + i, roots.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        X509ExtendedTrustManager real = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new Recording(real)}, null);
        return ctx;
    }

    private final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager real;

        Recording(X509ExtendedTrustManager real) {
            this.real = real;
        }

        private void record(X509Certificate[] chain) {
            received.clear();
            received.addAll(List.of(chain));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            record(chain);
            real.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            record(chain);
            real.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain);
            real.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return real.getAcceptedIssuers();
        }
    }
}
