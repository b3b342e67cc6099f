package pkilab.server;

import io.undertow.UndertowOptions;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

/**
 * The server's listening sockets, opened the way Undertow's own builder opens them (one XNIO
 * worker, Undertow's HTTP/1.1 protocol on each accepted connection, its SSL conduit for
 * HTTPS), with one step added between accept and HTTP: the {@link PeerLimits} gate. It
 * closes a connection from an address that already holds its share, and gives a TLS
 * connection a deadline for its handshake. Undertow's own options do the rest: the header
 * deadline ({@code REQUEST_PARSE_TIMEOUT}), the wait for a request ({@code NO_REQUEST_TIMEOUT})
 * and the idle timeout ({@code IDLE_TIMEOUT}).
 */
final class Listeners implements AutoCloseable {
    // what a JSSE or BoringSSL engine reports as its cipher suite until a handshake is done
    private static final String NO_SUITE = "SSL_NULL_WITH_NULL_NULL";

    /** One listener to open: TLS when {@code tls} is given. */
    record Spec(String address, int port, SSLContext tls, HttpHandler handler) {
    }

    private final XnioWorker worker;
    private final List<AcceptingChannel<?>> channels;
    private final PeerLimits limits;
    private final Map<InetAddress, Deque<StreamConnection>> open = new HashMap<>();
    private long accepted;

    private Listeners(XnioWorker worker, List<AcceptingChannel<?>> channels, PeerLimits limits) {
        this.worker = worker;
        this.channels = channels;
        this.limits = limits;
    }

    /** Opens every listener, in order; on a failure closes those already open and rethrows. */
    static Listeners open(List<Spec> specs, PeerLimits limits, int ioThreads, int workerThreads, OptionMap serverOptions) throws IOException {
        Xnio xnio = Xnio.getInstance(io.undertow.Undertow.class.getClassLoader());
        XnioWorker worker = xnio.createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        OptionMap socket = OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, 1000)
                .getMap();
        OptionMap http = OptionMap.builder()
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.headerMillis())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, limits.idleMillis())
                .set(UndertowOptions.IDLE_TIMEOUT, limits.idleMillis())
                .addAll(serverOptions)
                .getMap();
        DefaultByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
        List<AcceptingChannel<?>> channels = new ArrayList<>();
        Listeners l = new Listeners(worker, channels, limits);
        try {
            for (Spec s : specs) {
                HttpOpenListener protocol = new HttpOpenListener(buffers, http);
                protocol.setRootHandler(s.handler());
                InetSocketAddress where = new InetSocketAddress(InetAddress.getByName(s.address()), s.port());
                AcceptingChannel<?> ch;
                if (s.tls() == null) {
                    ch = worker.createStreamConnectionServer(where, l.gate(protocol), socket);
                } else {
                    UndertowXnioSsl ssl = new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true),
                            TlsRecordGate.around(s.tls()));
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    ChannelListener<? super AcceptingChannel<SslConnection>> gate = (ChannelListener) l.gate(protocol);
                    ch = ssl.createSslConnectionServer(worker, where, gate, socket);
                }
                channels.add(ch);
                ch.resumeAccepts();
            }
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
        return l;
    }

    /** The bound address of each listener, in the order of the specs. */
    List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (AcceptingChannel<?> c : channels) {
            out.add((InetSocketAddress) c.getLocalAddress());
        }
        return out;
    }

    /** Accepts every waiting connection, admits it or closes it, and hands it to the protocol. */
    private ChannelListener<AcceptingChannel<StreamConnection>> gate(HttpOpenListener protocol) {
        return server -> {
            StreamConnection c;
            try {
                while ((c = server.accept()) != null) {
                    if (!admit(c)) {
                        IoUtils.safeClose(c);
                        continue;
                    }
                    if (c instanceof SslConnection tls) {
                        deadline(tls);
                    }
                    protocol.handleEvent(c);
                }
            } catch (IOException e) {
                // a connection reset before it was accepted: nothing to serve
            }
        };
    }

    /** Whether the peer's address holds fewer than its share of open connections; counts it if so. */
    private synchronized boolean admit(StreamConnection c) {
        InetAddress peer = c.getPeerAddress(InetSocketAddress.class).getAddress();
        if (++accepted % 1024 == 0) {
            // addresses that stopped connecting keep only closed connections: drop them now and then
            open.values().removeIf(q -> {
                q.removeIf(x -> !x.isOpen());
                return q.isEmpty();
            });
        }
        Deque<StreamConnection> mine = open.computeIfAbsent(peer, k -> new ArrayDeque<>());
        mine.removeIf(x -> !x.isOpen());
        if (mine.size() >= limits.perAddress()) {
            return false;
        }
        mine.add(c);
        return true;
    }

    /** Closes a TLS connection whose handshake is not done when its time is up. */
    private void deadline(SslConnection tls) {
        SSLEngine engine = UndertowXnioSsl.getSslEngine(tls);
        // the timer runs on the connection's own I/O thread, where its engine is driven
        tls.getIoThread().executeAfter(() -> {
            if (tls.isOpen() && !handshaken(engine)) {
                IoUtils.safeClose(tls);
            }
        }, limits.handshakeMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean handshaken(SSLEngine engine) {
        try {
            // the SNI engine has no session at all until a ClientHello has chosen the site
            javax.net.ssl.SSLSession s = engine == null ? null : engine.getSession();
            return s != null && !NO_SUITE.equals(s.getCipherSuite());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Connections open now from {@code peer} (for tests and the status line). */
    synchronized int openFrom(InetAddress peer) {
        Deque<StreamConnection> mine = open.get(peer);
        if (mine == null) {
            return 0;
        }
        mine.removeIf(x -> !x.isOpen());
        return mine.size();
    }

    /** Stops listening, closes every connection and the worker's threads. */
    @Override
    public void close() {
        for (AcceptingChannel<?> c : channels) {
            IoUtils.safeClose(c);
        }
        synchronized (this) {
            open.values().forEach(q -> q.forEach(IoUtils::safeClose));
            open.clear();
        }
        worker.shutdownNow();
    }
}
