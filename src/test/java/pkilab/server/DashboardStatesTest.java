package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.Lab;
import pkilab.pem.Pem;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioPki;
import pkilab.testing.Repo;
import pkilab.testing.TestLabs;
import pkilab.testing.Tools;

/**
 * The dashboard's in-browser check in real headless Chromium, in the three states a trainer's
 * browser can be in: the lab's names do not resolve, they resolve but the lab's roots are not
 * trusted, and both. A failed image alone cannot tell these apart; the page must, and must
 * name the command that fixes each. Screenshots of the three go to target/.
 */
class DashboardStatesTest {
    static RunningServer server;
    static Lab lab;
    static ScenarioPki.Materials materials;

    @BeforeAll
    static void serveTheCatalogue() {
        assumeTrue(Tools.available("chromium") && Tools.available("certutil"), "chromium and certutil (apt-get install chromium libnss3-tools)");
        lab = TestLabs.shared();
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        materials = ScenarioPki.materialise(lab, catalogue, m -> { });
        server = ScenarioServer.start(LabServer.builder().pki(lab), lab, materials.all().stream().map(ServedScenario::of).toList(),
                catalogue.clients(), Repo.root().resolve("server"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void namesThatDoNotResolveAreToldApartFromAnUntrustedRoot(@TempDir Path work) throws Exception {
        String dom = dashboard(work, false, List.of(), "names");
        assertTrue(dom.contains("data-sanity=\"names\""), dom);
        assertTrue(dom.contains("This browser cannot reach the lab's names"), dom);
        assertTrue(dom.contains("./pkilab hosts | sudo tee -a /etc/hosts"), dom);
        assertFalse(dom.contains("data-result="), "no scenario is judged when the names do not lead to the lab");
        assertTrue(dom.contains("not checked: the lab's names do not resolve here"), dom);
    }

    @Test
    void namesWithoutTrustAskForTheRootsToBeInstalled(@TempDir Path work) throws Exception {
        String dom = dashboard(work, true, List.of(), "no-trust");
        assertTrue(dom.contains("data-sanity=\"trust\""), dom);
        assertTrue(dom.contains("does not trust its roots"), dom);
        assertTrue(dom.contains("./pkilab trust install --ca public-root --ca enterprise --into nss"), dom);
        assertFalse(dom.contains("data-result="), dom);
    }

    @Test
    void aTrustingBrowserComparesEveryScenarioWithTheBrowserProfile(@TempDir Path work) throws Exception {
        String dom = dashboard(work, true, List.of("public-root", "enterprise"), "trusted");
        assertTrue(dom.contains("data-sanity=\"ok\""), dom);
        Matcher m = Pattern.compile("data-compare=\"(match|differs|skipped)\"").matcher(dom);
        int match = 0;
        List<String> other = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals("match")) {
                match++;
            } else {
                other.add(m.group(1));
            }
        }
        // not compared: scenarios whose client imported a certificate of its own (self-signed-trusted, name-constraints)
        int total = materials.all().size();
        long ownTrust = materials.all().stream().filter(x -> !x.extraTrust().isEmpty()
                || (x.clientAuth() != null && x.clientAuth().presents())).count();
        assertTrue(ownTrust >= 2, "self-signed-trusted and name-constraints");
        assertEquals(java.util.Collections.nCopies((int) ownTrust, "skipped"), other, dom);
        assertTrue(dom.contains("not compared: its client imported this server's own certificate or root"), dom);
        assertTrue(dom.contains("not compared: its client presents a client certificate this browser does not hold"), dom);
        assertEquals(total - ownTrust, match, dom);
        assertTrue(dom.contains(match + " of " + match + " as the browser profile expects"), dom);
        // the article's scenarios come first, and the summary grid groups every scenario by set
        int article = dom.indexOf("<h3>Exchange (the article)</h3>");
        int names = dom.indexOf("<h3>Names</h3>");
        assertTrue(article > 0 && names > article, dom);
        // each card sits under the heading of its file's category, in the order the server lists the sets
        int chain = dom.indexOf("<h3>Chain</h3>");
        int revocation = dom.indexOf("<h3>Revocation</h3>");
        assertTrue(names < chain && chain < revocation, dom);
        int card = dom.indexOf("<section class=\"scenario\" id=\"incomplete-chain\"");
        assertTrue(chain < card && card < revocation, "incomplete-chain (category: chain) under Chain: " + dom);
        assertTrue(dom.indexOf("id=\"self-signed\"") < dom.indexOf("id=\"expired\""), dom);
        assertEquals(total, dom.split("id=\"tile-", -1).length - 1, dom);
        assertEquals(total, dom.split("<section class=\"scenario\"", -1).length - 1, dom);
        assertTrue(dom.contains("id=\"tile-revoked-crl\""), dom);
    }

    /**
     * Loads {@code /?check} in headless Chromium with a fresh NSS database holding the given
     * lab roots; the lab's names resolve to the server only when {@code names}. Returns the
     * page once every check ended, and leaves a screenshot in target/dashboard-STATE.png.
     */
    private static String dashboard(Path work, boolean names, List<String> roots, String state) throws Exception {
        Path home = work.resolve("home");
        Path db = home.resolve(".pki/nssdb");
        Files.createDirectories(db);
        assertEquals(0, Tools.run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password")).exit());
        for (String ca : roots) {
            Path one = work.resolve(ca + ".pem");
            Files.writeString(one, Pem.encode(lab.ca(ca).certificate()));
            assertEquals(0, Tools.run(List.of("certutil", "-A", "-d", "sql:" + db, "-n", ca, "-t", "C,,", "-i", one.toString())).exit());
        }
        String rules = (names ? "MAP *.contoso.test " + server.address() + ", MAP exch01 " + server.address()
                + ", MAP " + ScenarioCatalogue.PKI_HOST + ":80 " + server.address() + ":" + server.httpPort() + ", " : "")
                + "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2, EXCLUDE 127.0.0.3";
        List<String> base = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-proxy-server", "--user-data-dir=" + work.resolve("profile"), "--host-resolver-rules=" + rules,
                "--virtual-time-budget=30000");
        String dom = chromium(base, List.of("--dump-dom", server.dashboardUrl() + "?check"), home);
        assertTrue(dom.contains("data-checked=\"true\""), "every check ended: " + dom);
        Path shot = Repo.root().resolve("target/dashboard-" + state + ".png");
        Files.deleteIfExists(shot);
        chromium(base, List.of("--window-size=1600,1400", "--screenshot=" + shot, server.dashboardUrl() + "?check"), home);
        assertTrue(Files.size(shot) > 10_000, "screenshot written to " + shot);
        return dom;
    }

    private static String chromium(List<String> base, List<String> more, Path home) throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(more);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).directory(home.getParent().toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return out;
    }
}
