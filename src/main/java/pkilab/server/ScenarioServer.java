package pkilab.server;

import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import pkilab.ca.Lab;
import pkilab.config.ConfigDir;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.Scenario;

/**
 * Every scenario of the catalogue served at once: one {@link Site} per scenario (named by the
 * host of its URL), the lab's PKI endpoints, {@code /api/scenarios} and the dashboard at
 * {@code /}. This is what {@code pkilab serve} runs, and what {@code pkilab run} starts
 * in-process on free ports:
 *
 * <pre>
 *   try (RunningServer s = ScenarioServer.start(LabServer.builder().pki(lab), lab, served, catalogue.clients(), serverDir)) {
 *       int port = s.portOf("self-signed");     // connect to s.addressOf("self-signed"):port, SNI = the scenario's host
 *   }
 * </pre>
 */
public final class ScenarioServer {
    private ScenarioServer() {
    }

    /** The site for a scenario: its URL's host, the certificates its server sends, its own port when no SNI arrives. */
    public static Site site(Scenario s, List<X509Certificate> serverChain, PrivateKey key) {
        return builder(s, serverChain, key).build();
    }

    /** As {@link #site(Scenario, List, PrivateKey)}, plus the client-certificate check and stapled OCSP answer the material holds. */
    public static Site site(pkilab.scenario.ScenarioMaterial m) {
        Site.Builder b = builder(m.scenario(), m.serverChain(), m.serverKey());
        if (m.clientAuth() != null) {
            b.clientCertificates(m.clientAuth().acceptedRoot(), m.scenario().server().clientAuth().require());
        }
        if (m.staple() != null) {
            b.staple(freshFor(m.staple(), java.time.Duration.ofMinutes(10)));
        }
        return b.build();
    }

    private static Site.Builder builder(Scenario s, List<X509Certificate> serverChain, PrivateKey key) {
        Site.Builder b = Site.builder(s.id()).host(s.host()).url(s.client().url()).chain(serverChain, key)
                .ownListener(s.needsOwnListener())
                .tlsVersions(s.server().tls().versions()).ciphers(s.server().tls().ciphers())
                .sniRequired(s.server().tls().sniRequired());
        if (s.listenAddress() != null) {
            b.listenAddress(s.listenAddress());
        }
        return b;
    }

    /**
     * The answer {@code make} gives, made again when older than {@code maxAge}: a server
     * refreshes its stapled OCSP answer well before the responder's nextUpdate (an hour here).
     */
    private static Supplier<byte[]> freshFor(Supplier<byte[]> make, java.time.Duration maxAge) {
        return new Supplier<>() {
            private byte[] value;
            private long madeAt;

            @Override
            public synchronized byte[] get() {
                long now = System.nanoTime();
                if (value == null || now - madeAt > maxAge.toNanos()) {
                    value = make.get();
                    madeAt = now;
                }
                return value;
            }
        };
    }

    /**
     * Adds every scenario's site and the HTTP pages to {@code base} and starts it.
     *
     * @param base      a builder with bind address, ports and {@link LabServer.Builder#pki} set as wanted
     * @param serverDir the {@code server/} folder: canned answers and the dashboard page
     */
    public static RunningServer start(LabServer.Builder base, Lab lab, List<ServedScenario> served,
                                      Map<String, ClientProfile> clients, Path serverDir) {
        byte[] page = read(serverDir.resolve("dashboard/index.html"));
        AtomicReference<Supplier<ScenarioApi>> api = new AtomicReference<>();
        List<Site> sites = new ArrayList<>();
        served.forEach(s -> sites.add(s.site()));
        ExchangeContent content = ExchangeContent.load(serverDir);
        RunningServer server = base.exchange(content)
                .sites(sites)
                // the dashboard's first check: does a lab name lead to this server at all (no TLS yet)
                .http("/pkilab/check.gif", ex -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/gif");
                    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                    ex.getResponseSender().send(ByteBuffer.wrap(content.checkImage()));
                })
                .httpPrefix(pkilab.scenario.ServerSide.ISSUING_CA_PATH, issuingCas(served))
                .http("/api/scenarios", whenReady(api, a -> a.list()))
                .httpPrefix("/api/scenarios/", whenReady(api, a -> a.perScenario()))
                .http("/", ex -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
                    ex.getResponseSender().send(ByteBuffer.wrap(page));
                })
                .start();
        // built on the first request, not before "ready": nobody waits for JSON they may never ask for
        api.set(memoized(() -> new ScenarioApi(served, clients, lab, server)));
        return server;
    }

    /**
     * {@code GET /aia/SCENARIO.crt}: the CA certificate that signed a scenario's leaf, DER, for
     * the scenarios whose issuing CA is not one of the lab's (its leaf's AIA points here), so a
     * client that fetches a missing intermediate finds it as it would on an AD CS web server.
     */
    private static HttpHandler issuingCas(List<ServedScenario> served) {
        Map<String, byte[]> byName = new java.util.HashMap<>();
        for (ServedScenario s : served) {
            if (s.scenario().server().issuer() == pkilab.scenario.ServerSide.Issuer.ENTERPRISE_TWO_TIER && s.fullChain().size() > 1) {
                try {
                    byName.put(s.scenario().id() + ".crt", s.fullChain().get(1).getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ex -> {
            byte[] der = byName.get(ex.getRelativePath().replaceFirst("^/", ""));
            if (der == null) {
                ExchangeEndpoints.status(ex, StatusCodes.NOT_FOUND, "not found: " + ex.getRequestPath() + "\n");
                return;
            }
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/pkix-cert");
            ex.getResponseSender().send(ByteBuffer.wrap(der));
        };
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    private static HttpHandler whenReady(AtomicReference<Supplier<ScenarioApi>> api, Function<ScenarioApi, HttpHandler> pick) {
        return ex -> {
            Supplier<ScenarioApi> a = api.get();
            if (a == null) {
                // the listeners accept before the ports are known; the JSON names the ports
                ExchangeEndpoints.status(ex, StatusCodes.SERVICE_UNAVAILABLE, "starting, try again\n");
                return;
            }
            if (ex.isInIoThread()) {
                ex.dispatch(exchange -> pick.apply(a.get()).handleRequest(exchange));
                return;
            }
            pick.apply(a.get()).handleRequest(ex);
        };
    }

    private static byte[] read(Path p) {
        return pkilab.InputFiles.read(p, pkilab.InputFiles.Kind.PAGE, ConfigDir.display(p));
    }
}
