package pkilab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/** {@code pkilab run}: the whole catalogue through the real server, probe, engine and real clients. */
class RunCommandTest {
    @TempDir
    static Path lab;

    @TempDir
    Path out;

    static JsonNode matrix;

    @BeforeAll
    static void runTheMatrix() throws Exception {
        Path file = lab.resolve("matrix.json");
        Cli.Result r = Cli.run(lab, "run", "--as", "all", "--format", "json", "--out", file.toString());
        assertEquals(0, r.exit(), r::toString);
        matrix = new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void everyScenarioIsAsExpectedForEveryProfileItsYamlRecords() {
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        int profiles = catalogue.clients().size();
        int scenarios = catalogue.scenarios().size();
        assertTrue(scenarios >= 26, "the catalogue has the 26 scenarios of the issue");
        assertEquals(scenarios * profiles, matrix.get("summary").get("total").asInt());
        List<String> wrong = new ArrayList<>();
        for (JsonNode r : matrix.get("scenarios")) {
            if (!r.get("asExpected").asBoolean()) {
                wrong.add(r.get("id").asText() + " as " + r.get("client").asText() + ": " + r.get("actual").asText());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(matrix.get("summary").get("total").asInt(), matrix.get("summary").get("asExpected").asInt());
    }

    @Test
    void theArticlesTwoCausesReadAsTheEmailRouterWouldPrintThem() {
        Map<String, JsonNode> router = new HashMap<>();
        for (JsonNode r : matrix.get("scenarios")) {
            if (r.get("client").asText().equals("email-router")) {
                router.put(r.get("id").asText(), r);
            }
        }
        JsonNode cause1 = router.get("self-signed");
        assertEquals("fail self-signed", cause1.get("actual").asText());
        assertEquals("1", cause1.get("cause").asText());
        assertTrue(cause1.get("emulated").asText().contains("Could not establish trust relationship for the SSL/TLS secure channel"),
                cause1.toString());
        JsonNode cause2 = router.get("name-mismatch-netbios");
        assertEquals("fail hostname-mismatch", cause2.get("actual").asText());
        assertTrue(cause2.get("why").asText().contains("not exch01"), cause2.toString());
        assertEquals("pass", router.get("enterprise-domain-member").get("actual").asText());
        assertEquals("pass", router.get("commercial").get("actual").asText());
    }

    @Test
    void aProfileThatDiffersShowsTheDifference() {
        Map<String, String> incomplete = new HashMap<>();
        for (JsonNode r : matrix.get("scenarios")) {
            if (r.get("id").asText().equals("incomplete-chain")) {
                incomplete.put(r.get("client").asText(), r.get("actual").asText());
            }
        }
        assertEquals("pass", incomplete.get("email-router"), "CryptoAPI fetches the intermediate via AIA");
        assertEquals("pass", incomplete.get("browser"));
        assertEquals("fail incomplete-chain", incomplete.get("java"));
        assertEquals("fail incomplete-chain", incomplete.get("openssl"));
    }

    @Test
    void realClientsAgreeWithThePredictionAndShowTheirKnownDifferences() throws Exception {
        Path file = out.resolve("clients.json");
        Cli.Result r = Cli.run(lab, "run", "--clients", "all", "--format", "json", "--out", file.toString());
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        Map<String, String> actual = new HashMap<>();
        List<String> disagree = new ArrayList<>();
        List<String> misnamed = new ArrayList<>();
        Map<String, String> fault = new HashMap<>();
        for (JsonNode s : report.get("scenarios")) {
            for (JsonNode c : s.get("clients")) {
                String key = s.get("id").asText() + "/" + c.get("name").asText();
                actual.put(key, c.get("actual").asText());
                fault.put(key, c.path("fault").asText());
                if (c.path("named").isBoolean() && !c.get("named").asBoolean()) {
                    misnamed.add(key + ": predicted " + c.get("fault").asText() + ", said " + c.get("message").asText());
                }
                if (!c.get("agree").asBoolean() && !c.get("actual").asText().equals("skipped")) {
                    disagree.add(key + ": predicted " + c.get("predicted").asText() + ", was " + c.get("actual").asText()
                            + " (" + c.get("message").asText() + ")");
                }
            }
        }
        assertEquals(List.of(), disagree);
        assertEquals(report.get("summary").get("clientRuns").asInt(), report.get("summary").get("clientAgree").asInt());
        // where both failed, each client's own words name the fault predicted for it
        assertEquals(List.of(), misnamed);
        assertTrue(report.get("summary").get("faultRuns").asInt() > 100, report.get("summary")::toString);
        // two faults at once: curl matches the name after OpenSSL's verify, openssl s_client inside it,
        // and node names the last error OpenSSL found
        if (!"skipped".equals(actual.get("expired-and-wrong-name/curl"))) {
            assertEquals("expired", fault.get("expired-and-wrong-name/curl"));
            assertEquals("hostname-mismatch", fault.get("expired-and-wrong-name/openssl"));
        }
        if (!"skipped".equals(actual.get("exchange-self-signed-expired/node"))) {
            assertEquals("expired", fault.get("exchange-self-signed-expired/node"));
            assertEquals("self-signed", fault.get("exchange-self-signed-expired/curl"));
        }
        assertEquals(0, r.exit(), r::toString);
        assertDifference(actual, "incomplete-chain", "chromium", "pass", "curl", "fail");
        assertDifference(actual, "cn-only", "curl", "pass", "chromium", "fail");
        assertDifference(actual, "sha1-signature", "java", "pass", "curl", "fail");
    }

    private static void assertDifference(Map<String, String> actual, String scenario, String a, String aVerdict, String b, String bVerdict) {
        String va = actual.get(scenario + "/" + a);
        String vb = actual.get(scenario + "/" + b);
        if ("skipped".equals(va) || "skipped".equals(vb)) {
            return; // the client is not installed here; CI installs both
        }
        assertEquals(aVerdict, va, scenario + " in " + a);
        assertEquals(bVerdict, vb, scenario + " in " + b);
    }

    @Test
    void junitAndHtmlReports() throws Exception {
        Path xml = out.resolve("r.xml");
        Cli.Result r = Cli.run(lab, "run", "self-signed", "commercial", "--format", "junit", "--out", xml.toString());
        assertEquals(0, r.exit(), r::toString);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals(2, doc.getElementsByTagName("testcase").getLength());
        assertEquals(0, doc.getElementsByTagName("failure").getLength());
        Path html = out.resolve("r.html");
        Cli.Result h = Cli.run(lab, "run", "self-signed", "--as", "email-router", "--as", "browser", "--format", "html", "--out", html.toString());
        assertEquals(0, h.exit(), h::toString);
        String page = Files.readString(html);
        assertTrue(page.contains("<td class=\"fail\""), "the matrix colours a refusal");
        assertTrue(page.contains("id=\"self-signed\""));
        assertFalse(page.contains("http://") && page.contains("<script src"), "self-contained");
    }

    @Test
    void textTableAndBadInput() throws Exception {
        Cli.Result t = Cli.run(lab, "run", "name-mismatch-netbios");
        assertEquals(0, t.exit(), t::toString);
        assertTrue(t.out().startsWith("SCENARIO"), t::toString);
        assertTrue(t.out().contains("1 of 1 results as expected"), t::toString);

        Cli.Result unknown = Cli.run(lab, "run", "no-such-scenario");
        assertEquals(2, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("no-such-scenario"), unknown::toString);
        Cli.Result badProfile = Cli.run(lab, "run", "--as", "mainframe");
        assertEquals(2, badProfile.exit(), badProfile::toString);
        assertTrue(badProfile.err().contains("mainframe"), badProfile::toString);
        Cli.Result badClient = Cli.run(lab, "run", "--clients", "lynx");
        assertEquals(2, badClient.exit(), badClient::toString);
        Path exists = out.resolve("exists.json");
        Files.writeString(exists, "mine");
        Cli.Result noForce = Cli.run(lab, "run", "self-signed", "--format", "json", "--out", exists.toString());
        assertEquals(2, noForce.exit(), noForce::toString);
        assertEquals("mine", Files.readString(exists), "the user's file is untouched");
        Cli.Result noTime = Cli.run(lab, "run", "self-signed", "--client-timeout", "0s");
        assertEquals(2, noTime.exit(), noTime::toString);
        assertTrue(noTime.err().contains("--client-timeout 0s must be more than 0s"), noTime::toString);
        Cli.Result folder = Cli.run(lab, "run", "self-signed", "--format", "json", "--out", out.toString(), "--force");
        assertEquals(2, folder.exit(), folder::toString);
        assertTrue(folder.err().contains("--out " + out + " is a folder; give the report's file name"), folder::toString);
    }
}
