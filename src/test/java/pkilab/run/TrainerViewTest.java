package pkilab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;

/**
 * What a trainer projecting {@code pkilab run} to a class sees: the clients' own words, lines
 * that fit the screen, times to the second, the slow first start with its progress, and real
 * clients that run on the machine of the profile they stand beside.
 */
class TrainerViewTest {
    private static final String ROUTER_WORDS = "Could not establish trust relationship for the SSL/TLS secure channel";

    @TempDir
    static Path lab;

    @TempDir
    Path out;

    static Cli.Result first;

    @BeforeAll
    static void firstRunMakesTheLab() {
        first = Cli.run(lab, "run", "self-signed");
        assertEquals(0, first.exit(), first::toString);
    }

    @Test
    void theFirstStartShowsEachSlowStepWithItsTimeEvenWhenPiped() {
        // standard error is no terminal here: one line a step, written when it ends
        assertTrue(Pattern.compile("(?m)^making keys for the lab's CAs \\(.*rsa-4096.*\\) … \\d+\\.\\d s$").matcher(first.err()).find(),
                first::toString);
        int scenarios = pkilab.scenario.ScenarioCatalogue.load(pkilab.testing.Repo.root()).scenarios().size();
        assertTrue(Pattern.compile("(?m)^making certificates for " + scenarios + " scenario\\(s\\) … \\d+\\.\\d s$")
                .matcher(first.err()).find(), first::toString);
        assertFalse(first.err().contains("\r") || first.err().contains("\u001b"), "no spinner and no colour in a pipe: " + first.err());
    }

    @Test
    void oneScenarioShowsTheEmailRoutersOwnWordsUnderItsResult() {
        List<String> lines = first.out().lines().toList();
        assertTrue(lines.get(1).startsWith("self-signed  email-router"), first::toString);
        assertTrue(lines.get(2).startsWith("    email-router would print (emulated dotnet): Incoming Status: Failure - The underlying"),
                first::toString);
        assertTrue(first.out().replaceAll("\\s+", " ").contains(ROUTER_WORDS), first::toString);

        Cli.Result off = Cli.run(lab, "run", "self-signed", "--no-words");
        assertFalse(off.out().contains("The underlying connection was closed"), off::toString);
        Cli.Result two = Cli.run(lab, "run", "self-signed", "name-mismatch-netbios");
        assertFalse(two.out().contains("The underlying connection was closed"), "two scenarios: the table alone; " + two);
        Cli.Result asked = Cli.run(lab, "run", "self-signed", "name-mismatch-netbios", "--words");
        assertTrue(asked.out().replaceAll("\\s+", " ").contains(ROUTER_WORDS), asked::toString);
        Cli.Result java = Cli.run(lab, "run", "self-signed", "incomplete-chain", "--as", "java");
        assertTrue(java.out().contains("would print (emulated java): javax.net.ssl.SSLHandshakeException: PKIX path building failed"),
                "one profile: its words; " + java);
    }

    @Test
    void linesFitTheWidthAndTimesAreToTheSecond() {
        Cli.Result r = Cli.run(lab, "run", "--as", "email-router", "--words", "--width", "80");
        assertEquals(0, r.exit(), r::toString);
        for (String line : r.out().lines().toList()) {
            assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
        }
        assertTrue(r.out().contains("…"), "the WHY column is cut, the JSON has it whole");
        assertFalse(r.out().contains("\u001b["), "no colour when standard output is no terminal");
        assertTrue(r.out().contains("certificate expired at "), r::toString);
        assertFalse(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d").matcher(r.out()).find(), "no fractions of a second: " + r.out());
        Cli.Result narrow = Cli.run(lab, "run", "self-signed", "--width", "10");
        assertEquals(2, narrow.exit(), narrow::toString);
        assertEquals("pkilab: --width 10 is too narrow for the table (expected 40 columns or more, e.g. 80)", narrow.err().strip());
    }

    @Test
    void realClientsRunWithTheRootsAndRevocationCheckingOfTheProfileTheyStandBeside() throws Exception {
        Path file = out.resolve("beside.json");
        Cli.Result r = Cli.run(lab, "run", "enterprise-workgroup", "revoked-crl", "revocation-unreachable", "--clients",
                "curl,openssl,java,chromium", "--format", "json", "--out", file.toString());
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        Map<String, JsonNode> runs = new HashMap<>();
        for (JsonNode s : report.get("scenarios")) {
            for (JsonNode c : s.get("clients")) {
                runs.put(s.get("id").asText() + "/" + c.get("name").asText(), c);
            }
        }
        assertEquals(0, r.exit(), () -> r + "\n" + report.toPrettyString());
        // the workgroup PC lacks the enterprise root: so do the real clients standing beside it
        for (String client : List.of("curl", "openssl", "java", "chromium")) {
            JsonNode c = runs.get("enterprise-workgroup/" + client);
            assertEquals("fail", c.get("actual").asText(), c.toString());
            assertEquals("workgroup-pc", c.get("beside").asText());
            assertEquals("[\"public-root\"]", c.get("trusts").toString());
        }
        assertTrue(runs.get("enterprise-workgroup/chromium").get("message").asText().contains("ERR_CERT_AUTHORITY_INVALID"));
        // strict checks revocation: openssl, curl and Java can too, Chromium cannot
        for (String scenario : List.of("revoked-crl", "revocation-unreachable")) {
            assertEquals("fail", runs.get(scenario + "/openssl").get("actual").asText(), scenario);
            assertEquals("fail", runs.get(scenario + "/java").get("actual").asText(), scenario);
            assertEquals("fail", runs.get(scenario + "/curl").get("actual").asText(), scenario);
            assertEquals("pass", runs.get(scenario + "/chromium").get("actual").asText(), scenario);
            assertTrue(runs.get(scenario + "/java").get("revocation").asText().contains("-Dcom.sun.net.ssl.checkRevocation=true"));
            assertTrue(runs.get(scenario + "/curl").get("revocation").asText().startsWith("--crlfile"));
            assertNull(runs.get(scenario + "/chromium").get("revocation"));
        }
        assertTrue(runs.get("revoked-crl/openssl").get("message").asText().contains("certificate revoked"));
        assertTrue(runs.get("revoked-crl/curl").get("message").asText().contains("certificate revoked"));
        assertTrue(runs.get("revocation-unreachable/curl").get("message").asText().contains("unable to get certificate CRL"));
        assertTrue(runs.get("revoked-crl/java").get("message").asText().contains("Certificate has been revoked"));
        assertTrue(runs.get("revocation-unreachable/java").get("message").asText().contains("revocation status"));
        assertEquals(12, report.get("summary").get("clientAgree").asInt());
    }

    @Test
    void theTableSaysWhichRootsTheRealClientsTrustedAndAnHttpAnswerIsNoTlsFailure() {
        Cli.Result r = Cli.run(lab, "run", "enterprise-workgroup", "commercial", "--clients", "curl", "--words");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("REAL CLIENTS          AS            curl"), r::toString);
        assertTrue(Pattern.compile("(?m)^enterprise-workgroup  workgroup-pc  fail").matcher(r.out()).find(), r::toString);
        assertTrue(r.out().replaceAll("\\s+", " ").contains("trusted only the roots of the AS profile (workgroup-pc: public-root; "
                + "email-router: public-root, enterprise)"), r::toString);
        assertTrue(r.out().contains("curl  certificate accepted; the endpoint then answered HTTP 405 (EWS wants a POST; not a TLS error)"),
                r::toString);
    }

    @Test
    void serveNamesEachScenarioBesideItsUrlAndAddress() {
        Cli.Result r = Cli.run(lab, "serve", "--https-port", "0", "--http-port", "0", "--stop-after", "0s");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Pattern.compile("(?m)^  self-signed +https://exch01\\.contoso\\.test/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.1:\\d+$")
                .matcher(r.out()).find(), r::toString);
        assertTrue(Pattern.compile("(?m)^  ip-san +https://127\\.0\\.0\\.3/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.3:\\d+$")
                .matcher(r.out()).find(), r::toString);
    }
}
