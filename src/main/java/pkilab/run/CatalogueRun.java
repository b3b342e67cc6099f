package pkilab.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import pkilab.BadInputException;
import pkilab.ca.CertInfo;
import pkilab.ca.Lab;
import pkilab.clients.ClientDriver;
import pkilab.clients.ClientDrivers;
import pkilab.family.ClientFamily;
import pkilab.pem.Pem;
import pkilab.probe.Probe;
import pkilab.probe.Resolver;
import pkilab.report.RunReport;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.scenario.Expectation;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.ScenarioServer;
import pkilab.server.ServedScenario;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;

/**
 * The whole lab, end to end: make the CAs and every scenario's certificates (or reuse them),
 * start the "Exchange" in-process on free loopback ports, connect to every selected
 * scenario as each chosen client profile — a real TLS handshake, then the diagnosis engine
 * on the chain the server really sent — and, if asked, let real clients (curl, chromium…)
 * try the same URL. The result says, scenario by scenario and client by client, what was
 * expected, what happened, and why.
 */
public final class CatalogueRun {
    /** What to run: scenario ids (empty = all), profiles (empty = each scenario's own), real clients (empty = none). */
    public record Options(List<String> scenarioIds, List<String> profiles, List<String> clients, Duration clientTimeout) {
    }

    private final Lab lab;
    private final ScenarioCatalogue catalogue;
    private final Path serverDir;
    private final Consumer<String> progress;

    public CatalogueRun(Lab lab, ScenarioCatalogue catalogue, Path serverDir, Consumer<String> progress) {
        this.lab = lab;
        this.catalogue = catalogue;
        this.serverDir = serverDir;
        this.progress = progress;
    }

    public RunReport run(Options o) {
        List<Scenario> scenarios = select(o.scenarioIds());
        List<ClientDriver> drivers = o.clients().isEmpty() ? List.of() : ClientDrivers.byName(String.join(",", o.clients()), lab.home().root());
        for (ClientDriver d : drivers) {
            if (!catalogue.clients().containsKey(d.profileId())) {
                throw new BadInputException("client '" + d.name() + "' needs client profile '" + d.profileId()
                        + "' in scenarios/clients.yaml to predict its verdict");
            }
        }
        List<String> profileIds = profiles(o.profiles());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ScenarioPki.Materials materials = ScenarioPki.materialise(lab, catalogue, progress);
        List<ServedScenario> served = new ArrayList<>();
        for (Scenario s : scenarios) {
            served.add(ServedScenario.of(materials.get(s.id())));
        }
        Map<String, String> labCas = new LinkedHashMap<>();
        for (String id : lab.caIds()) {
            labCas.put(lab.ca(id).certificate().getSubjectX500Principal().getName(), id);
        }
        LabServer.Builder base = LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0).pki(lab);
        progress.accept("starting the lab's server");
        try (RunningServer server = ScenarioServer.start(base, lab, served, catalogue.clients(), serverDir);
             TempFiles temp = new TempFiles()) {
            InetSocketAddress pki = new InetSocketAddress(server.address(), server.httpPort());
            Resolver resolver = Resolver.loopbackOnly().map(ScenarioCatalogue.PKI_HOST, 80, pki);
            List<Job> jobs = new ArrayList<>();
            for (Scenario s : scenarios) {
                for (String p : profileIds.isEmpty() ? List.of(s.client().profile()) : profileIds) {
                    jobs.add(new Job(s, catalogue.client(p)));
                }
            }
            progress.accept("probing " + jobs.size() + " scenario × client combinations");
            List<RunReport.Result> results = parallel(jobs, j -> probe(j, server, materials, labCas, resolver));
            if (!drivers.isEmpty()) {
                RealClientColumns columns = new RealClientColumns(catalogue::client,
                        (s, p) -> diagnose(s, p, server, materials, labCas, resolver),
                        (s, p) -> temp.pem(s.id() + "-" + String.join("+", p.trusts()), materials.trustAnchors(s.id(), p)),
                        s -> connectAddress(server, s),
                        Map.entry(ScenarioCatalogue.PKI_HOST + ":80", pki), s -> temp.crls(s.id(), materials.get(s.id()), resolver),
                        (s, d) -> DotNetEmulation.besides(catalogue, d.profileId(), p -> diagnose(s, p, server, materials, labCas, resolver)),
                        progress).clientSide(s -> {
                            ScenarioMaterial.ClientAuth a = materials.get(s.id()).clientAuth();
                            return a == null ? t -> t : t -> t.presenting(a.chainFile(), a.keyFile());
                        });
                results = columns.add(results, scenarios, profileIds, drivers, o.clientTimeout());
            }
            return new RunReport(started.toString(), lab.home().root().toString(), results,
                    RunReport.summarise(results, !drivers.isEmpty()));
        }
    }

    private record Job(Scenario scenario, ClientProfile profile) {
    }

    private List<Scenario> select(List<String> ids) {
        if (ids.isEmpty()) {
            return catalogue.scenarios();
        }
        List<Scenario> out = new ArrayList<>();
        for (String id : ids) {
            out.add(catalogue.scenario(id));
        }
        return out;
    }

    private List<String> profiles(List<String> asked) {
        if (asked.size() == 1 && asked.get(0).equals("all")) {
            return new ArrayList<>(catalogue.clients().keySet());
        }
        for (String p : asked) {
            catalogue.client(p);
        }
        return asked;
    }

    private InetSocketAddress connectAddress(RunningServer server, Scenario s) {
        return new InetSocketAddress(server.addressOf(s.id()), server.portOf(s.id()));
    }

    private DiagnosisResult diagnose(Scenario s, ClientProfile profile, RunningServer server, ScenarioPki.Materials materials,
                                     Map<String, String> labCas, Resolver resolver) {
        List<X509Certificate> trust = materials.trustAnchors(s.id(), profile);
        ScenarioMaterial.ClientAuth auth = materials.get(s.id()).clientAuth();
        Probe.ClientCertificate cert = auth == null || !auth.presents() ? null : new Probe.ClientCertificate(auth.clientKey(), auth.clientChain());
        // the run judges by the engine alone: the native JSSE handshake that probe prints is not needed
        Probe.Result wire = Probe.connectForEngine(URI.create(s.client().url()), connectAddress(server, s), profile, trust, resolver, cert);
        // to the second: "it is now …" in a table a class reads needs no nanoseconds
        return Probe.diagnose(wire, profile, trust, labCas, Instant.now().truncatedTo(ChronoUnit.SECONDS), resolver);
    }

    private RunReport.Result probe(Job j, RunningServer server, ScenarioPki.Materials materials,
                                   Map<String, String> labCas, Resolver resolver) {
        Scenario s = j.scenario();
        Expectation wanted = s.expectFor(j.profile().id());
        if (s.server().staples() && server.tlsEngine() == pkilab.server.TlsEngine.JDK) {
            // the JDK engine staples nothing: the scenario cannot be shown, and is said to be not run
            return new RunReport.Result(s.id(), s.title(), s.cause().id(), s.client().url(), j.profile().id(),
                    wanted.pass() ? "pass" : "fail " + wanted.diagnosis().id(), "skipped", List.of(), true,
                    "not run: the server staples OCSP answers only with the BoringSSL TLS engine, and it runs on "
                            + server.tlsEngine().describe(), s.fix(), null, chain(materials.get(s.id()), null), null);
        }
        DiagnosisResult r = diagnose(s, j.profile(), server, materials, labCas, resolver);
        Expectation want = s.expectFor(j.profile().id());
        String actual = label(r);
        String expected = want.pass() ? "pass" : "fail " + want.diagnosis().id();
        List<RunReport.Finding> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(new RunReport.Finding(f.id(), f.severity(), message(f), f.depth() < 0 ? null : f.depth(),
                    f.subject(), f.cause() == 0 ? null : f.cause(), f.fix(), f.command()));
        }
        ScenarioMaterial m = materials.get(s.id());
        return new RunReport.Result(s.id(), s.title(), s.cause().id(), s.client().url(), j.profile().id(), expected, actual,
                findings, expected.equals(actual), why(r), s.fix(), emulated(r, j.profile()), chain(m, r), null);
    }

    /** "pass", or "fail" and the leading diagnosis: what a client meets first. */
    static String label(DiagnosisResult r) {
        return r.failures().isEmpty() ? "pass" : "fail " + r.failures().get(0).id();
    }

    private static String message(Finding f) {
        if (f.expected() == null || f.expected().isBlank()) {
            return f.found();
        }
        return f.found() + " (expected " + f.expected() + ")";
    }

    private static String why(DiagnosisResult r) {
        if (!r.failures().isEmpty()) {
            return message(r.failures().get(0));
        }
        // the notable leniency first (CN fallback, AIA fetch, SHA-1…); "revocation not checked"
        // holds for most clients and most scenarios, so it is said last
        for (Finding w : r.warnings()) {
            if (w.notice() != Notice.REVOCATION_NOT_CHECKED) {
                return "accepted, but " + w.notice().id() + ": " + message(w);
            }
        }
        return "accepted: trusted path, name matches"
                + (r.has(Notice.REVOCATION_NOT_CHECKED) ? " (revocation not checked)" : "");
    }

    private static String emulated(DiagnosisResult r, ClientProfile p) {
        if (r.failures().isEmpty()) {
            return null;
        }
        String text = ClientFamily.of(p.family()).line(r);
        return text == null ? null : "emulated " + p.family().id() + ": " + text;
    }

    private static List<RunReport.ChainCert> chain(ScenarioMaterial m, DiagnosisResult r) {
        List<RunReport.ChainCert> out = new ArrayList<>();
        List<X509Certificate> shown = r == null || r.path().isEmpty() ? m.serverChain() : r.path();
        for (int i = 0; i < shown.size(); i++) {
            X509Certificate c = shown.get(i);
            int depth = i;
            String note = r == null ? null : r.failures().stream().filter(f -> f.depth() == depth).map(Finding::id).findFirst().orElse(null);
            out.add(new RunReport.ChainCert(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    c.getNotAfter().toInstant().toString(), CertInfo.keyDescription(c), note));
        }
        return out;
    }

    private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, items.size())), r -> {
            Thread t = new Thread(r, "pkilab-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (T item : items) {
                fs.add(pool.submit(() -> work.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trust files for the real clients, in one temporary folder removed at the end. */
    private static final class TempFiles implements AutoCloseable {
        private final Path dir;

        TempFiles() {
            try {
                dir = Files.createTempDirectory("pkilab-run");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a temporary folder: " + e.getMessage(), e);
            }
        }

        Path pem(String name, List<X509Certificate> certs) {
            Path p = dir.resolve(name + ".pem");
            try {
                if (!Files.exists(p)) {
                    Files.writeString(p, Pem.encode(certs));
                }
                return p;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + p + ": " + e.getMessage(), e);
            }
        }

        /**
         * The CRLs at the distribution points of the chain a scenario's server sends, the
         * leaf's first, fetched once through the lab's map (as a client that downloads CRLs
         * would), as one PEM file; null when none answered.
         */
        synchronized Path crls(String id, ScenarioMaterial m, Resolver resolver) {
            Path p = dir.resolve(id + "-crls.pem");
            if (Files.exists(p)) {
                return p;
            }
            List<Object> found = new ArrayList<>();
            for (X509Certificate c : m.serverChain()) {
                for (String url : pkilab.ca.internal.AiaReader.crlDistributionPoints(c)) {
                    try {
                        found.add(Pem.parseCrl(resolver.get(URI.create(url))));
                        break;
                    } catch (IOException | RuntimeException e) {
                        // not reachable or not a CRL: the client would not have it either
                    }
                }
            }
            if (found.isEmpty()) {
                return null;
            }
            try {
                Files.writeString(p, Pem.encode(found));
                return p;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + p + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is not worth failing the run for
            }
        }
    }
}
