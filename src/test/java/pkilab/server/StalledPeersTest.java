package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pkilab.ca.IssuedCertificate;
import pkilab.testing.TestPki;

/**
 * {@code pkilab serve} sheds peers that hold a connection and say nothing, or say it a byte
 * at a time: TLS half-handshakes, slow request headers (over HTTP and over finished TLS),
 * garbage on the HTTPS port, and more connections from one address than its share. Each is
 * closed within its timeout (short here, configurable), while every site keeps answering a
 * normal handshake and request. Loopback only, a bounded number of sockets, and every wait
 * has a deadline.
 */
class StalledPeersTest {
    private static final Duration HANDSHAKE = Duration.ofMillis(800);
    private static final Duration HEADER = Duration.ofMillis(800);
    private static final Duration IDLE = Duration.ofMillis(1500);
    // scheduling on a busy 2-core machine: a close may come this much after its deadline
    private static final long SLACK_MS = 1500;

    /** One stalled peer: what kind it is, its socket, its timeout, and when the server closed it (watched by a thread of its own). */
    private record Stalled(String kind, Socket socket, long openedNanos, Duration timeout, CompletableFuture<Long> closedNanos) {
        static Stalled watch(String kind, Socket socket, Duration timeout) throws IOException {
            long opened = System.nanoTime();
            CompletableFuture<Long> closed = new CompletableFuture<>();
            InputStream in = socket.getInputStream();
            Thread t = new Thread(() -> {
                try {
                    readUntilClosed(in);
                    closed.complete(System.nanoTime());
                } catch (IOException e) {
                    closed.completeExceptionally(e);
                }
            }, "watch " + kind);
            t.setDaemon(true);
            t.start();
            return new Stalled(kind, socket, opened, timeout, closed);
        }

        long closedAfterMillis() throws Exception {
            return (closedNanos.get(timeout.toMillis() + SLACK_MS + 3000, TimeUnit.MILLISECONDS) - openedNanos) / 1_000_000;
        }
    }

    private static RunningServer start(TlsEngine engine, PeerLimits limits, IssuedCertificate mail, IssuedCertificate owa,
                                       IssuedCertificate exch01) {
        return LabServer.builder()
                .tlsEngine(engine)
                .limits(limits)
                .exchange(TestPki.content())
                .site(Site.builder("mail").host("mail.contoso.test").presenting(mail).build())
                .site(Site.builder("owa").host("owa.contoso.test").presenting(owa).build())
                .site(Site.builder("netbios").host("exch01").presenting(exch01).build())
                .start();
    }

    private static Socket raw(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** The first bytes of a ClientHello: a record header announcing 512 bytes, then only the start of them. */
    private static final byte[] HALF_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x00};

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void stalledPeersAreClosedWithinTheirTimeoutsWhileEverySiteAnswers(TlsEngine engine) throws Exception {
        if (engine == TlsEngine.BORINGSSL && !NativeTls.available()) {
            return;
        }
        IssuedCertificate mail = TestPki.leaf("public", "mail.contoso.test");
        IssuedCertificate owa = TestPki.leaf("enterprise", "owa.contoso.test");
        IssuedCertificate exch01 = TestPki.leaf("public", "exch01");
        ScheduledExecutorService dribble = Executors.newScheduledThreadPool(2);
        List<Stalled> stalled = new ArrayList<>();
        try (RunningServer server = start(engine, new PeerLimits(HANDSHAKE, HEADER, IDLE, 200), mail, owa, exch01)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                TlsClient client = new TlsClient(List.of(mail.root(), owa.root()));
                for (int i = 0; i < 20; i++) {
                    // connected, and not a byte sent
                    stalled.add(Stalled.watch("silent TLS", raw("127.0.0.1", server.httpsPort()), HANDSHAKE));
                    stalled.add(Stalled.watch("silent TLS, own port", raw("127.0.0.1", server.portFor("exch01")), HANDSHAKE));
                    // half a ClientHello, then nothing
                    Socket half = raw("127.0.0.1", server.httpsPort());
                    half.getOutputStream().write(HALF_HELLO);
                    stalled.add(Stalled.watch("half handshake", half, HANDSHAKE));
                    // request headers a byte at a time, for ever: only a deadline on the whole header stops this
                    Socket slow = raw("127.0.0.1", server.httpPort());
                    slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: pki.lab.test\r\n".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(Stalled.watch("slow headers", slow, HEADER));
                    dribble.scheduleAtFixedRate(() -> send(slow, "X"), 100, 100, TimeUnit.MILLISECONDS);
                    // an idle connection that never sends a request
                    stalled.add(Stalled.watch("idle HTTP", raw("127.0.0.1", server.httpPort()), IDLE));
                }
                for (int i = 0; i < 5; i++) {
                    // slow headers after a finished handshake
                    SSLSocket tls = client.connect(server.httpsPort(), "mail.contoso.test");
                    tls.getOutputStream().write("GET /owa/ HTTP/1.1\r\nHost: mail.contoso.test\r\n".getBytes(StandardCharsets.US_ASCII));
                    tls.getOutputStream().flush();
                    tls.setSoTimeout(0);
                    stalled.add(Stalled.watch("slow headers over TLS", tls, HEADER));
                    dribble.scheduleAtFixedRate(() -> send(tls, "X"), 100, 100, TimeUnit.MILLISECONDS);
                }

                // every site answers while all of these hold their connections
                assertTrue(client.request(server.httpsPort(), "mail.contoso.test", "GET", "/owa/").startsWith("HTTP/1.1 200"));
                assertTrue(client.request(server.httpsPort(), "owa.contoso.test", "GET", "/owa/").startsWith("HTTP/1.1 200"));
                assertTrue(client.request(server.portFor("exch01"), "exch01", "GET", "/owa/").startsWith("HTTP/1.1 200"));

                // garbage on an HTTPS port: a TLS alert at once, long before any timeout
                for (int port : new int[] {server.httpsPort(), server.portFor("exch01")}) {
                    try (Socket junk = raw("127.0.0.1", port)) {
                    long t0 = System.nanoTime();
                        junk.getOutputStream().write("GET / HTTP/1.1\r\nHost: mail.contoso.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        junk.setSoTimeout((int) (HANDSHAKE.toMillis() + SLACK_MS));
                        byte[] answer = readUntilClosed(junk.getInputStream());
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        assertTrue(ms < HANDSHAKE.toMillis(), "garbage refused at once, took " + ms + " ms");
                        // fatal unexpected_message (RFC 8446 6.2)
                        assertEquals("[21, 3, 1, 0, 2, 2, 10]", java.util.Arrays.toString(answer), "a TLS alert record");
                    }
                }

                for (Stalled s : stalled) {
                    long ms;
                    try {
                        ms = s.closedAfterMillis();
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new AssertionError(s.kind() + ": still open long after its " + s.timeout().toMillis() + " ms timeout");
                    }
                    // closed by its own timeout: not before it, and not much after
                    assertTrue(ms >= s.timeout().toMillis() - 100 && ms <= s.timeout().toMillis() + SLACK_MS,
                            s.kind() + " closed after " + ms + " ms (timeout " + s.timeout().toMillis() + " ms)");
                }
                // and the sites still answer afterwards
                assertTrue(client.request(server.httpsPort(), "mail.contoso.test", "GET", "/owa/").startsWith("HTTP/1.1 200"));
                assertTrue(client.request(server.portFor("exch01"), "exch01", "GET", "/owa/").startsWith("HTTP/1.1 200"));
            });
        } finally {
            dribble.shutdownNow();
            for (Stalled s : stalled) {
                s.socket().close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"JDK"})
    void oneAddressGetsItsShareAndAnotherAddressIsStillServed(TlsEngine engine) throws Exception {
        IssuedCertificate mail = TestPki.leaf("public", "mail.contoso.test");
        IssuedCertificate owa = TestPki.leaf("enterprise", "owa.contoso.test");
        IssuedCertificate exch01 = TestPki.leaf("public", "exch01");
        Duration long_ = Duration.ofSeconds(30);
        List<Socket> held = new ArrayList<>();
        try (RunningServer server = start(engine, new PeerLimits(long_, long_, long_, 8), mail, owa, exch01)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                // nine from one address, on both ports: the server's I/O threads accept in any order, so
                // whichever comes ninth is closed as soon as it is accepted, and the other eight stay
                List<Stalled> nine = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    Socket s = raw("127.0.0.1", i % 2 == 0 ? server.httpsPort() : server.httpPort());
                    held.add(s);
                    nine.add(Stalled.watch("connection " + i, s, Duration.ofSeconds(1)));
                }
                CompletableFuture.anyOf(nine.stream().map(Stalled::closedNanos).toArray(CompletableFuture[]::new))
                        .get(5, TimeUnit.SECONDS);
                assertEquals(1, nine.stream().filter(n -> n.closedNanos().isDone()).count(), "one closed, eight kept");
                held.removeIf(h -> nine.stream().anyMatch(n -> n.socket() == h && n.closedNanos().isDone()));
                // another loopback address has a share of its own
                try (Socket other = raw("127.0.0.2", server.httpPort())) {
                    other.setSoTimeout(5000);
                    other.getOutputStream().write("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
                }
                // once connections are given back, the address is served again
                held.remove(0).close();
                TlsClient client = new TlsClient(List.of(mail.root(), owa.root()));
                String ok = null;
                for (int attempt = 0; attempt < 50 && ok == null; attempt++) {
                    // the server sees the close on its I/O thread: a retry, not a sleep, covers that moment
                    try {
                        ok = client.request(server.httpsPort(), "mail.contoso.test", "GET", "/owa/");
                    } catch (IOException e) {
                        Thread.onSpinWait();
                    }
                }
                assertTrue(ok != null && ok.startsWith("HTTP/1.1 200"), String.valueOf(ok));
            });
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static void send(Socket s, String text) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("closed", e); // ends this repeating task
        }
    }

    /** Reads until the server closes (end of stream or reset); returns what came before. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            // a reset is a close too
        }
        return got.toByteArray();
    }
}
