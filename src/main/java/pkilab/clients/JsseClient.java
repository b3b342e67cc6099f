package pkilab.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The program the {@code java} driver starts in a separate JVM: a plain JSSE client with the
 * JDK's default settings, trusting only {@code -Djavax.net.ssl.trustStore}. JSSE cannot be
 * told to resolve a name to another address, so it dials the loopback address itself and
 * hands the URL's host to the TLS layer: SNI carries it and HTTPS endpoint identification
 * (what {@code HttpsURLConnection} switches on) checks the certificate against it.
 *
 * <p>Arguments: host, address, port, Host header, path, timeout in seconds, and {@code 1} when
 * the server asks for a client certificate (from {@code -Djavax.net.ssl.keyStore}): its refusal
 * then comes on the first read, after a TLS 1.3 handshake, and counts as TLS refusing. Exit 0: the
 * handshake passed (prints the status line); 1: TLS refused (prints the exception and its
 * causes, one per line); 2: no connection. Uses the JDK only, so it runs from any class path.
 */
public final class JsseClient {
    private JsseClient() {
    }

    public static void main(String[] args) {
        String host = args[0];
        int timeoutMillis = Integer.parseInt(args[5]) * 1000;
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            System.err.println("cannot connect: " + e);
            System.exit(2);
        }
        try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(raw, host, Integer.parseInt(args[2]), true)) {
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.contains(":") && !host.matches("[0-9.]+")) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(p);
            tls.startHandshake();
            try {
                OutputStream out = tls.getOutputStream();
                out.write(("GET " + args[4] + " HTTP/1.1\r\nHost: " + args[3] + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                System.out.println(statusLine(tls.getInputStream()));
            } catch (IOException afterHandshake) {
                if (args.length > 6 && "1".equals(args[6])) {
                    System.err.println(afterHandshake);
                    System.exit(1);
                }
                // the verdict is about the certificate, which the handshake already accepted
                System.out.println("handshake ok, then " + afterHandshake);
            }
            System.exit(0);
        } catch (SSLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                System.err.println(t == e ? t.toString() : "caused by: " + t);
            }
            System.exit(1);
        } catch (IOException e) {
            System.err.println(e);
            System.exit(2);
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r' && c != '\n') {
            sb.append((char) c);
        }
        return sb.length() == 0 ? "handshake ok" : sb.toString();
    }
}
