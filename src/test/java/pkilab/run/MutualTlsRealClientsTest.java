package pkilab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.clients.ClientDrivers;
import pkilab.report.RunReport;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.testing.Repo;
import pkilab.testing.TestLabs;

/**
 * Every installed real client on the catalogue's mutual-TLS and stapling scenarios agrees
 * with the engine's prediction for the stack it stands for: curl, openssl, gnutls-cli,
 * python, node, java and Mono present the scenario's client certificate and meet the
 * server's refusal; gnutls-cli and Chromium read the stapled answer. Headless Chromium cannot
 * present a certificate and says so instead of counting as an agreement.
 */
class MutualTlsRealClientsTest {
    private static final List<String> CLIENTS = List.of("curl", "openssl", "gnutls", "python", "node", "java", "chromium", "dotnet");

    @Test
    void installedClientsAgreeAndChromiumSaysWhatItCannotDo() {
        List<String> installed = CLIENTS.stream().filter(c -> ClientDrivers.create(c, null).available().installed()).toList();
        assumeTrue(!installed.isEmpty(), "none of " + CLIENTS + " is installed");
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        List<String> ids = new ArrayList<>();
        for (Scenario s : catalogue.scenarios()) {
            if (s.server().clientAuth() != null || s.server().staples()
                    || s.server().extensions().stream().anyMatch(e -> "1.3.6.1.5.5.7.1.24".equals(e.id))) {
                ids.add(s.id());
            }
        }
        RunReport report = new CatalogueRun(TestLabs.shared(), catalogue, Repo.root().resolve("server"), m -> { })
                .run(new CatalogueRun.Options(ids, List.of(), installed, Duration.ofSeconds(30)));
        assertEquals(report.summary().total(), report.summary().asExpected(), () -> report.scenarios().toString());
        assertTrue(report.summary().clientRuns() > 0);
        List<String> disagreements = new ArrayList<>();
        for (RunReport.Result r : report.scenarios()) {
            Scenario s = catalogue.scenario(r.id());
            for (RunReport.ClientRun c : r.clients()) {
                boolean presents = s.client().presents() != null && s.client().presents() != pkilab.scenario.ClientSide.Presents.NONE;
                if (c.name().equals("chromium") && presents) {
                    assertEquals("skipped", c.actual(), r.id());
                    assertTrue(c.message().startsWith("not applicable: headless Chromium cannot present a client certificate"), c.message());
                } else if (!c.agree()) {
                    disagreements.add(r.id() + "/" + c.name() + ": predicted " + c.predicted() + ", got " + c.actual() + " — " + c.message());
                }
            }
        }
        assertEquals(List.of(), disagreements);
        assertEquals(report.summary().clientAgree(), report.summary().clientRuns());
    }
}
