package pkilab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.ca.IssuingCa;
import pkilab.ca.Lab;
import pkilab.ca.TimeSpec;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.ScenarioServer;
import pkilab.server.ServedScenario;
import pkilab.server.ServerSettings;
import pkilab.server.TlsEngine;
import pkilab.server.Site;

/**
 * {@code pkilab serve}: every scenario of the catalogue at once, on loopback, until Ctrl-C.
 * Certificates are made in the lab home on the first start and reused later.
 */
@Command(name = "serve", description = {
    "Serve every scenario at once on loopback, with the dashboard and the CAs' AIA, CRL and OCSP endpoints.",
    "Over HTTPS the lab's \"Exchange\": one site per scenario "
        + "chosen by SNI (URLs with an IP or a single-label name get ports of their own), and over HTTP the "
        + "dashboard (/), /api/scenarios and the CAs' AIA (/pki/<ca>.crt), CRL (/pki/<ca>.crl) and OCSP "
        + "(/ocsp/<ca>) endpoints.",
    "Settings come from server/server.yaml; the options override them. Stop with Ctrl-C."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab serve                                 ports of server.yaml: 8443, 8080",
            "  pkilab serve --https-port 0 --http-port 0    free ports, printed when ready",
            "  curl -so trust.pem http://127.0.0.1:8080/api/scenarios/commercial/trust.pem",
            "  curl --resolve commercial.contoso.test:8443:127.0.0.1 --cacert trust.pem \\",
            "       -X POST https://commercial.contoso.test:8443/EWS/Exchange.asmx",
            ExitCodes.HELP_SECTION})
public final class ServeCommand extends LabCommand implements Callable<Integer> {
    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: server.yaml's bind, 127.0.0.1).")
    String bind;
    @Option(names = "--https-port", paramLabel = "PORT", description = "Shared SNI port; 0 picks a free one (default: server.yaml, 8443).")
    Integer httpsPort;
    @Option(names = "--http-port", paramLabel = "PORT", description = "Dashboard and PKI port; 0 picks a free one (default: server.yaml, 8080).")
    Integer httpPort;
    @Option(names = "--tls-engine", paramLabel = "ENGINE",
            description = "TLS implementation: auto (BoringSSL where it loads, else the JDK), boringssl or jdk (default: server.yaml, auto).")
    String tlsEngine;
    @Option(names = "--stop-after", paramLabel = "PERIOD", description = "Stop by itself after PERIOD (e.g. 30s, 10m), for scripts; 0s stops once ready.")
    String stopAfter;

    @Override
    public Integer call() throws InterruptedException {
        Lab lab = lab();
        Path serverDir = configDir().resolve("server");
        ServerSettings settings = ServerSettings.load(serverDir);
        TlsEngine requested = tlsEngine != null ? TlsEngine.parse(tlsEngine, "--tls-engine") : settings.engine();
        LabServer.preload(requested, () -> warmUpSite(lab));
        Duration limit = stopAfter == null ? null : TimeSpec.period(stopAfter);
        if (limit != null && limit.isNegative()) {
            throw new BadInputException("--stop-after " + stopAfter + " is in the past (expected a period from now, e.g. 30s; 0s stops once ready)");
        }
        checkPort("--https-port", httpsPort);
        checkPort("--http-port", httpPort);
        int https = httpsPort != null ? httpsPort : settings.httpsPort;
        int http = httpPort != null ? httpPort : settings.httpPort;
        if (https == http && https != 0) {
            // otherwise the second listener fails and the message blames another program
            throw new BadInputException("the HTTPS and HTTP ports are both " + https + " ("
                    + (httpsPort != null && httpPort != null ? "--https-port and --http-port" : "options and server/server.yaml together")
                    + "); give them different ports, or 0 for free ones");
        }
        TlsEngine engine = requested.checked();
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir());
        ScenarioPki.Materials materials = ScenarioPki.materialise(lab, catalogue, this::progress);
        progressDone();
        List<ServedScenario> served = new ArrayList<>();
        int reused = 0;
        for (ScenarioMaterial m : materials.all()) {
            served.add(ServedScenario.of(m));
            reused += m.reused() ? 1 : 0;
        }
        LabServer.Builder base = LabServer.builder()
                .bind(bind != null ? bind : settings.bind)
                .httpsPort(httpsPort != null ? httpsPort : settings.httpsPort)
                .httpPort(httpPort != null ? httpPort : settings.httpPort)
                .pkiBaseUrl(settings.pkiBaseUrl)
                .tlsEngine(engine)
                .limits(settings.limits())
                .pki(lab);
        RunningServer server = ScenarioServer.start(base, lab, served, catalogue.clients(), serverDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pkilab-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        printReady(lab, server, served.size(), reused);
        if (limit == null) {
            stopped.await();
        } else {
            stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            out().println("Stopped after " + stopAfter + ".");
        }
        return ExitCodes.OK;
    }

    private void printReady(Lab lab, RunningServer server, int count, int reused) {
        out().println("Lab home: " + show(lab.home().root()));
        out().println("Serving " + count + " scenarios on " + server.address() + ": HTTPS " + server.httpsPort()
                + " chosen by SNI; IP and single-label URLs on ports of their own");
        for (String line : server.siteLines()) {
            out().println("  " + line);
        }
        out().println("TLS        " + server.tlsEngine().describe());
        List<String> unstapled = server.sites().stream().filter(s -> s.staple() != null).map(Site::id).toList();
        if (server.tlsEngine() == TlsEngine.JDK && !unstapled.isEmpty()) {
            // the JDK can staple only answers it fetches itself, not the lab's; the scenarios then show nothing stapled
            out().println("           no OCSP stapling with this engine: " + String.join(", ", unstapled)
                    + " need BoringSSL (pkilab serve --tls-engine boringssl)");
        }
        out().println("Dashboard  " + server.dashboardUrl());
        out().println("PKI        " + server.pkiUrl() + "/pki/<ca>.crt  /pki/<ca>.crl  /ocsp/<ca>   (the certificates say "
                + server.pkiBaseUrl() + ")");
        // the JVM's own start time: ProcessHandle's start instant is only accurate to a second
        double secs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        out().println(String.format(Locale.ROOT, "Ready%s; certificates: %d reused, %d made. Stop with Ctrl-C.",
                secs >= 0 ? String.format(Locale.ROOT, " %.2f s after start", secs) : "", reused, count - reused));
        out().flush();
    }

    /** A CA certificate and key already in the lab home, to rehearse a handshake with; null on a first start. */
    private static Site warmUpSite(Lab lab) {
        for (String id : lab.caIds()) {
            if (lab.isInitialised(id)) {
                IssuingCa ca = lab.ca(id);
                return Site.builder("warm-up").host("warm-up.lab.test").chain(List.of(ca.certificate()), ca.key()).build();
            }
        }
        return null;
    }

    private static void checkPort(String option, Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new pkilab.BadInputException(option + " " + port + " is out of range (0 picks a free port, else 1-65535)");
        }
    }
}
