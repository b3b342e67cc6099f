package pkilab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.ca.CertInfo;
import pkilab.ca.LabHome;
import pkilab.probe.ClientMessages;
import pkilab.probe.DiagnosisResult;
import pkilab.probe.Finding;
import pkilab.probe.Probe;
import pkilab.probe.Resolver;
import pkilab.report.HtmlReport;
import pkilab.report.JUnitReport;
import pkilab.report.JsonReport;
import pkilab.report.RunReport;
import pkilab.report.TextReport;
import pkilab.scenario.ClientProfile;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalog;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.scenario.Verdict;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.ScenarioServer;
import pkilab.server.ServedScenario;
import pkilab.server.ServerSettings;

/**
 * {@code pkilab run}: the catalogue, scenario by scenario and client by client. Makes the lab
 * if needed, serves every selected scenario in-process on free loopback ports, probes each
 * as its client profile(s) and prints what failed, why, and whether that is what the
 * scenario expects.
 */
@Command(name = "run",
        description = {"Serve the scenarios in-process, probe each as its client profile (or the --as profiles)",
            "and report expected vs actual verdicts with the diagnosis; exit 0 only if every result is as expected."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab run                                   the whole catalogue as each scenario's own client",
            "  pkilab run self-signed name-mismatch-netbios --as email-router --as java",
            "  pkilab run --format html --out report.html",
            ExitCodes.HELP_SECTION
        })
public final class RunCommand extends LabCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "Scenario ids (default: all; see pkilab scenarios list).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--as", paramLabel = "PROFILE", description = "Judge as these client profiles instead of each scenario's own (repeatable).")
    List<String> as = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!List.of("text", "json", "junit", "html").contains(format)) {
            throw new BadInputException("--format '" + format + "': expected text, json, junit or html");
        }
        Instant started = Instant.now();
        ScenarioCatalog catalog = ScenarioCatalog.load(configDir());
        List<Scenario> selected = ids.isEmpty() ? catalog.scenarios() : ids.stream().map(catalog::scenario).toList();
        as.forEach(catalog::client);
        var lab = lab();
        ScenarioPki.Materials materials = ScenarioPki.materialise(lab, catalog, this::progress);
        Map<String, String> labCas = new LinkedHashMap<>();
        materials.labCas().forEach((id, c) -> labCas.put(c.getSubjectX500Principal().getName(), id));
        List<ServedScenario> served = selected.stream().map(s -> ServedScenario.of(materials.get(s.id()))).toList();
        Path serverDir = configDir().resolve("server");
        ServerSettings settings = ServerSettings.load(serverDir);
        LabServer.Builder base = LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0)
                .pkiBaseUrl(settings.pkiBaseUrl).pki(lab);
        List<RunReport.Result> results = new ArrayList<>();
        try (RunningServer server = ScenarioServer.start(base, lab, served, catalog.clients(), serverDir)) {
            URI pki = URI.create(settings.pkiBaseUrl);
            Resolver resolver = Resolver.loopbackOnly().map(pki.getHost(), pki.getPort() < 0 ? 80 : pki.getPort(),
                    new InetSocketAddress(server.address(), server.httpPort()));
            for (Scenario s : selected) {
                for (String profileId : as.isEmpty() ? List.of(s.client().profile()) : as) {
                    results.add(judge(s, catalog.client(profileId), materials, labCas, server, resolver));
                }
            }
        }
        RunReport report = new RunReport(started.toString(), labHome().toString(), results, RunReport.summarise(results, false));
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            switch (format) {
                case "json" -> JsonReport.write(report, w);
                case "junit" -> JUnitReport.write(report, w);
                case "html" -> HtmlReport.write(report, w);
                default -> TextReport.write(report, w);
            }
        }
        if (out == null) {
            out().print(text);
        } else {
            LabHome.writeAtomic(out.toAbsolutePath(), text.toString().getBytes(StandardCharsets.UTF_8), false);
            out().println("Report: " + show(out) + " (" + report.summary().asExpected() + " of " + report.summary().total() + " as expected)");
        }
        return report.allAsExpected() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private RunReport.Result judge(Scenario s, ClientProfile p, ScenarioPki.Materials materials, Map<String, String> labCas,
                                   RunningServer server, Resolver resolver) {
        ScenarioMaterial m = materials.get(s.id());
        List<X509Certificate> trust = materials.trustAnchors(s.id(), p);
        InetSocketAddress at = new InetSocketAddress(server.addressOf(s.id()), server.portOf(s.id()));
        Probe.Result r = Probe.connect(URI.create(s.client().url()), at, p, trust, resolver);
        DiagnosisResult d = Probe.diagnose(r, p, trust, labCas, Instant.now(), resolver);
        Verdict expected = s.expectFor(p.id());
        String actual = d.failures().isEmpty() ? "pass" : "fail: " + d.failures().get(0).id();
        boolean asExpected = expected != null && actual.equals(expected.label());
        List<RunReport.Finding> findings = d.findings().stream().map(f -> new RunReport.Finding(f.id(), f.severity(),
                f.found() + " (expected " + f.expected() + ")", f.depth() < 0 ? null : f.depth(), f.subject(),
                f.cause() == 0 ? null : f.cause(), f.fix(), f.command())).toList();
        String why = d.failures().isEmpty() ? (expected != null && expected.why() != null ? expected.why() : "accepted")
                : d.failures().get(0).found();
        List<RunReport.ChainCert> chain = r.presented().stream().map(c -> new RunReport.ChainCert(
                c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getNotAfter().toInstant().toString(), CertInfo.keyDescription(c), null)).toList();
        return new RunReport.Result(s.id(), s.title(), s.cause() == null ? null : s.cause().id(), s.client().url(), p.id(),
                expected == null ? "(not recorded)" : expected.label(), actual, findings, asExpected, why, s.fix(),
                emulated(d, p), chain, null);
    }

    /** The line this client family would print. */
    private static String emulated(DiagnosisResult d, ClientProfile p) {
        Map<String, Object> all = ClientMessages.render(d);
        Object line = switch (p.family()) {
            case DOTNET -> ((Map<?, ?>) all.get("dotnet")).get("emailRouter");
            case JAVA -> all.get("java");
            case BROWSER, NSS -> all.get("browser");
            default -> ((Map<?, ?>) all.get("curl")).get("message");
        };
        return line == null ? null : line.toString();
    }
}
