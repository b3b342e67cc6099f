package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.Lab;
import pkilab.pem.Pem;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioPki;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.ScenarioServer;
import pkilab.server.ServedScenario;
import pkilab.testing.Repo;
import pkilab.testing.TestLabs;
import pkilab.testing.Tools;

/**
 * The dashboard's "check from this browser" (an image loaded from each scenario's URL) run in
 * headless Chromium trusting the browser profile's roots, beside the chromium driver run
 * against the same scenarios with the same roots: both must say the same for every scenario.
 */
class DashboardCheckAgreementTest {
    /** This scenario's client imports the server's own certificate: one browser session cannot trust it for one URL only. */
    private static final String PER_SCENARIO_TRUST = "self-signed-trusted";

    @Test
    void theDashboardsInBrowserCheckAndTheChromiumDriverAgree(@TempDir Path work) throws Exception {
        ClientDriver chromium = ClientDrivers.create("chromium", null);
        assumeTrue(chromium.available().installed(), "chromium and certutil are not installed (apt-get install chromium libnss3-tools)");
        Lab lab = TestLabs.shared();
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        ScenarioPki.Materials materials = ScenarioPki.materialise(lab, catalogue, m -> { });
        ClientProfile browser = catalogue.client("browser");
        List<ServedScenario> served = materials.all().stream().map(ServedScenario::of).toList();
        try (RunningServer server = ScenarioServer.start(LabServer.builder().pki(lab), lab, served, catalogue.clients(),
                Repo.root().resolve("server"))) {
            List<X509Certificate> roots = new ArrayList<>();
            for (String id : browser.trusts()) {
                roots.add(lab.ca(id).certificate());
            }
            Path rootsPem = work.resolve("roots.pem");
            Files.writeString(rootsPem, Pem.encode(roots));
            InetSocketAddress pki = new InetSocketAddress(server.address(), server.httpPort());

            Map<String, String> page = dashboardVerdicts(server, roots, work);
            Map<String, String> driver = new LinkedHashMap<>();
            List<ClientDrivers.ClientRun> runs = new ArrayList<>();
            List<Scenario> scenarios = new ArrayList<>();
            for (Scenario s : catalogue.scenarios()) {
                if (s.id().equals(PER_SCENARIO_TRUST)) {
                    continue;
                }
                scenarios.add(s);
                ClientTarget t = ClientTarget.of(s.client().url(), new InetSocketAddress(server.addressOf(s.id()), server.portOf(s.id())),
                        List.of(rootsPem)).resolving(ScenarioCatalogue.PKI_HOST + ":80", pki);
                runs.add(new ClientDrivers.ClientRun(chromium, t));
            }
            List<ClientOutcome> outcomes = ClientDrivers.runAll(runs, Duration.ofSeconds(30), 2);
            for (int i = 0; i < scenarios.size(); i++) {
                driver.put(scenarios.get(i).id(), outcomes.get(i).verdict() == ClientOutcome.Status.PASS ? "ok" : "failed");
            }
            page.remove(PER_SCENARIO_TRUST);
            assertEquals(driver, page);
            assertTrue(driver.containsValue("ok") && driver.containsValue("failed"), "both outcomes occur: " + driver);
            assertEquals("ok", page.get("incomplete-chain"), "Chromium fetched the intermediate through the lab's AIA URL");
        }
    }

    /** Loads {@code /?check} in headless Chromium and reads each scenario's result from the page. */
    private static Map<String, String> dashboardVerdicts(RunningServer server, List<X509Certificate> roots, Path work) throws Exception {
        Path home = work.resolve("home");
        Path db = home.resolve(".pki/nssdb");
        Files.createDirectories(db);
        assertEquals(0, Tools.run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password")).exit());
        for (int i = 0; i < roots.size(); i++) {
            Path one = work.resolve("root-" + i + ".pem");
            Files.writeString(one, Pem.encode(roots.get(i)));
            assertEquals(0, Tools.run(List.of("certutil", "-A", "-d", "sql:" + db, "-n", "lab-" + i, "-t", "C,,", "-i", one.toString())).exit());
        }
        // the lab's names resolve to the server; the ports are in the dashboard's image URLs
        String rules = "MAP *.contoso.test " + server.address() + ", MAP exch01 " + server.address()
                + ", MAP " + ScenarioCatalogue.PKI_HOST + ":80 " + server.address() + ":" + server.httpPort() + ", MAP * ~NOTFOUND"
                + ", EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2, EXCLUDE 127.0.0.3";
        ProcessBuilder pb = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-proxy-server", "--user-data-dir=" + work.resolve("profile"), "--host-resolver-rules=" + rules,
                "--virtual-time-budget=30000", "--dump-dom", server.dashboardUrl() + "?check")
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
        assertTrue(dom.contains("data-checked=\"true\""), "every check finished: " + dom);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<section class=\"scenario\" id=\"([^\"]+)\".*?data-result=\"(ok|failed)\"", Pattern.DOTALL).matcher(dom);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
