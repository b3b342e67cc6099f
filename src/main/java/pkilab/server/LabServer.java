package pkilab.server;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.protocols.ssl.SNIContextMatcher;
import io.undertow.protocols.ssl.SNISSLContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import pkilab.BadInputException;
import pkilab.ca.Lab;

/**
 * The lab's stand-in for an Exchange server: many HTTPS sites at once on loopback, each
 * presenting exactly the certificate list it was given, plus the CAs' AIA, CRL and OCSP
 * endpoints over plain HTTP.
 *
 * <pre>
 *   try (RunningServer s = LabServer.builder()
 *           .site(Site.builder("commercial").host("mail.contoso.test").presenting(mail).build())
 *           .site(Site.builder("netbios").host("exch01").presenting(selfSigned).build())
 *           .pki(lab)
 *           .start()) {
 *       s.httpsPort();              // shared port: mail.contoso.test, chosen by SNI
 *       s.portFor("exch01");        // a port of its own: clients send no SNI for "exch01"
 *       s.httpPort();               // /pki/public.crt, /pki/public.crl, /ocsp/public
 *   }
 * </pre>
 *
 * <p>On the shared port a handshake naming no site we serve is refused — {@code unrecognized_name}
 * for an unknown SNI name, {@code handshake_failure} without one — rather than answered
 * with another site's certificate, which would show a name mismatch that belongs to no
 * scenario. Sites reached without SNI have ports of their own.
 */
public final class LabServer {
    // Undertow and XNIO announce themselves at INFO on every start; the ready lines say what
    // matters. Held in a field: java.util.logging keeps loggers only weakly.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"),
            Logger.getLogger("org.jboss"));

    static {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
    }

    private LabServer() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and initialises the TLS and Undertow machinery on a background thread. A command
     * that reads certificates from disk before it starts the server calls this first, so the
     * two overlap instead of adding up: class loading is most of a warm start. Where the JDK's
     * TLS will answer ({@code engine} JDK, or AUTO without BoringSSL), it also rehearses one
     * in-memory handshake with the site {@code sample} gives (null: none); BoringSSL needs no
     * rehearsal, and skipping it keeps SunJSSE's handshake classes out of memory.
     */
    public static void preload(TlsEngine engine, Supplier<Site> sample) {
        Thread t = new Thread(() -> {
            try {
                boolean jdk = engine == TlsEngine.JDK || !NativeTls.available();   // loads BoringSSL's library
                SiteContexts.refusing().createSSLEngine();
                Handlers.routing();
                Undertow.builder();
                org.xnio.Xnio.getInstance(Undertow.class.getClassLoader());
                if (jdk) {
                    TlsWarmUp.quietly(sample.get());
                }
            } catch (RuntimeException e) {
                // only a head start: the real start reports any problem
            }
        }, "pkilab-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Collects sites and endpoints; every setter says what happens when it is not called. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int httpsPort;
        private int httpPort;
        private final List<Site> sites = new ArrayList<>();
        private Lab lab;
        private ExchangeContent content;
        private final Map<String, HttpHandler> httpPaths = new LinkedHashMap<>();
        private final Map<String, HttpHandler> httpPrefixes = new LinkedHashMap<>();
        private String pkiBaseUrl = Lab.DEFAULT_PKI_BASE;
        private TlsEngine tlsEngine = TlsEngine.AUTO;
        private PeerLimits limits = PeerLimits.DEFAULT;

        private Builder() {
        }

        /** How long peers may take and how many connections one address may hold. If unset: {@link PeerLimits#DEFAULT}. */
        public Builder limits(PeerLimits limits) {
            this.limits = limits;
            return this;
        }

        /** If unset: 127.0.0.1. */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /** The shared SNI port. If unset (or 0): a free port, see {@link RunningServer#httpsPort()}. */
        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        /** If unset (or 0): a free port, see {@link RunningServer#httpPort()}. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder site(Site site) {
            sites.add(site);
            return this;
        }

        public Builder sites(List<Site> all) {
            sites.addAll(all);
            return this;
        }

        /** Serves the lab's CAs at /pki/ and /ocsp/. If unset: those paths answer 404. */
        public Builder pki(Lab lab) {
            this.lab = lab;
            return this;
        }

        /** The base URL the certificates' AIA/CDP point at, reported by {@link RunningServer#pkiBaseUrl()}. If unset: {@link Lab#DEFAULT_PKI_BASE}. */
        public Builder pkiBaseUrl(String url) {
            this.pkiBaseUrl = url;
            return this;
        }

        /** Which TLS implementation the HTTPS listeners use. If unset: {@link TlsEngine#AUTO}. */
        public Builder tlsEngine(TlsEngine engine) {
            this.tlsEngine = engine;
            return this;
        }

        /** The sites' canned answers. If unset: read from {@code server/} of the configuration folder. */
        public Builder exchange(ExchangeContent content) {
            this.content = content;
            return this;
        }

        /** Adds a plain-HTTP handler for one exact path ({@code /api/scenarios}, {@code /}). */
        public Builder http(String path, HttpHandler handler) {
            httpPaths.put(path, handler);
            return this;
        }

        /** Adds a plain-HTTP handler for every path under a prefix ({@code /api/scenarios/}). */
        public Builder httpPrefix(String prefix, HttpHandler handler) {
            httpPrefixes.put(prefix, handler);
            return this;
        }

        /** Opens every listener; returns when all of them accept connections. */
        public RunningServer start() {
            checkHostNames();
            ExchangeContent c = content != null ? content
                    : ExchangeContent.load(pkilab.config.ConfigDir.resolve().resolve("server"));
            String address = resolve(bind);
            TlsEngine engine = tlsEngine.resolve();
            List<Listeners.Spec> listeners = new ArrayList<>();
            SNIContextMatcher.Builder sni = new SNIContextMatcher.Builder().setDefaultContext(SiteContexts.refusing());
            Map<Certificate, HttpHandler> byLeaf = new LinkedHashMap<>();
            List<Site> own = new ArrayList<>();
            List<SSLContext> contexts = new ArrayList<>();
            for (Site s : sites) {
                SSLContext ctx = s.sniRequired() ? SniGate.around(SiteContexts.of(s, engine)) : SiteContexts.of(s, engine);
                contexts.add(ctx);
                HttpHandler h = ExchangeEndpoints.forSite(s, c);
                if (s.ownListener()) {
                    own.add(s);
                    listeners.add(new Listeners.Spec(s.listenAddress() != null ? resolve(s.listenAddress()) : address, 0, ctx, h));
                } else {
                    for (String host : s.hostNames()) {
                        sni.addMatch(Pattern.quote(host), ctx);
                    }
                    byLeaf.put(s.chain().get(0), h);
                }
            }
            listeners.add(new Listeners.Spec(address, httpsPort, new SNISSLContext(sni.build()), ExchangeEndpoints.bySessionCertificate(byLeaf)));
            listeners.add(new Listeners.Spec(address, httpPort, null, httpRoot()));
            Listeners open;
            try {
                // handlers answer from memory on the I/O threads; only PKI requests block
                open = Listeners.open(listeners, limits, 2, 4, org.xnio.OptionMap.create(UndertowOptions.MAX_ENTITY_SIZE, 1024L * 1024));
            } catch (IOException | RuntimeException e) {
                throw new BadInputException(listenError(address, own, rootMessage(e)), e);
            }
            NativeTls.prepare(contexts);
            return new RunningServer(open, address, sites, own, pkiBaseUrl, engine);
        }

        private HttpHandler httpRoot() {
            PathHandler p = Handlers.path();
            if (lab != null) {
                p.addPrefixPath("/pki", PkiEndpoints.pki(lab));
                p.addPrefixPath("/ocsp", PkiEndpoints.ocsp(lab));
            }
            httpPrefixes.forEach(p::addPrefixPath);
            httpPaths.forEach(p::addExactPath);
            return p;
        }

        private void checkHostNames() {
            Map<String, String> owner = new LinkedHashMap<>();
            for (Site s : sites) {
                for (String h : s.hostNames()) {
                    String before = owner.putIfAbsent(h, s.id());
                    if (before != null) {
                        throw new BadInputException("host name '" + h + "' is used by both site '" + before + "' and site '" + s.id()
                                + "' (each name can lead to one certificate only)");
                    }
                }
            }
        }

        private static String resolve(String bind) {
            try {
                return InetAddress.getByName(bind).getHostAddress();
            } catch (UnknownHostException e) {
                throw new BadInputException("unknown bind address '" + bind + "' (expected an IP address such as 127.0.0.1)");
            }
        }

        private String listenError(String address, List<Site> own, String cause) {
            String what = "cannot listen on " + address + " (https " + httpsPort + ", http " + httpPort + ")";
            if (cause.contains("in use")) {
                return what + ": a port is taken by another program; choose other ports, or 0 for free ones (--https-port 0 --http-port 0)";
            }
            if (cause.contains("assign")) {
                List<String> all = new ArrayList<>();
                all.add(address);
                own.stream().map(Site::listenAddress).filter(a -> a != null).map(Builder::resolve).forEach(all::add);
                List<String> missing = all.stream().distinct().filter(a -> !assignable(a)).toList();
                if (missing.isEmpty()) {
                    return what + ": " + cause;
                }
                String which = String.join(", ", missing) + (missing.size() == 1 ? " is not an address" : " are not addresses")
                        + " of this machine";
                String loopback = missing.stream().filter(a -> a.startsWith("127.")).findFirst().orElse(null);
                return what + ": " + which + (loopback != null ? " (loopback 127.0.0.x needs no set-up on Linux; elsewhere add the"
                        + " alias, e.g. sudo ifconfig lo0 alias " + loopback + ")"
                        : "; give --bind one of its addresses, or 127.0.0.1");
            }
            return what + ": " + cause;
        }

        /** Whether a socket can be bound to {@code address} here: an address of one of this machine's interfaces. */
        private static boolean assignable(String address) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }
    }
}
