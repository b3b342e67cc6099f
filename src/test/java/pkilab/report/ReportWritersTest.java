package pkilab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import pkilab.verdict.Finding;

class ReportWritersTest {
    static RunReport sample() {
        RunReport.Finding f = new RunReport.Finding("self-signed", "fail", "CN=EXCH01 is its own issuer and not trusted",
                0, "CN=EXCH01", 1, "put a certificate from a trusted CA on Exchange", "pkilab cert issue --ca enterprise --dns exch01.contoso.test");
        RunReport.ChainCert c = new RunReport.ChainCert("CN=EXCH01", "CN=EXCH01", "2031-01-01T00:00:00Z", "RSA 2048", "self-signed");
        List<RunReport.Result> rs = List.of(
                new RunReport.Result("self-signed", "Exchange's own <certificate>", "1", "https://exch01.contoso.test/EWS/Exchange.asmx",
                        "email-router", "fail self-signed", "fail self-signed", List.of(f), true, "CN=EXCH01 is its own issuer", "import or replace",
                        "Incoming Status: Failure - …", List.of(c),
                        List.of(new RunReport.ClientRun("curl", "fail", "fail", true, "SSL certificate problem: self-signed certificate", 140L),
                                new RunReport.ClientRun("gnutls", "fail", "skipped", false, "apt-get install gnutls-bin", null))),
                new RunReport.Result("commercial", "A commercial certificate", "none", "https://mail.contoso.test/EWS/Exchange.asmx",
                        "email-router", "pass", "fail untrusted-root", List.of(), false, "unexpected", null, null, null, null));
        return new RunReport("2026-11-27T00:00:00Z", "/tmp/lab", rs, RunReport.summarise(rs, true));
    }

    static String render(BiConsumer<RunReport, PrintWriter> writer) {
        StringWriter sw = new StringWriter();
        writer.accept(sample(), new PrintWriter(sw, true));
        return sw.toString();
    }

    @Test
    void summaryCountsResultsAndClientRunsButNotSkippedClients() {
        RunReport.Summary s = sample().summary();
        assertEquals(2, s.total());
        assertEquals(1, s.asExpected());
        assertEquals(1, s.clientRuns());
        assertEquals(1, s.clientAgree());
        assertFalse(sample().allAsExpected());
    }

    @Test
    void realClientsOfOneScenarioCountOnceHoweverManyProfilesJudgeIt() {
        RunReport.Result a = sample().scenarios().get(0);
        RunReport.Result b = new RunReport.Result(a.id(), a.title(), a.cause(), a.url(), "java", a.expected(), a.actual(), a.findings(),
                true, a.why(), a.fix(), a.emulated(), a.chain(), a.clients());
        RunReport.Summary s = RunReport.summarise(List.of(a, b), true);
        assertEquals(2, s.total());
        assertEquals(1, s.clientRuns());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode n = new ObjectMapper().readTree(render(JsonReport::write));
        JsonNode first = n.get("scenarios").get(0);
        for (String field : List.of("id", "client", "expected", "actual", "findings", "asExpected", "clients")) {
            assertTrue(first.has(field), field);
        }
        assertEquals("self-signed", first.get("findings").get(0).get("diagnosis").asText());
        assertEquals("curl", first.get("clients").get(0).get("name").asText());
        assertEquals(2, n.get("summary").get("total").asInt());
        assertEquals(1, n.get("summary").get("clientAgree").asInt());
    }

    @Test
    void junitXmlIsWellFormedWithOneCasePerResultAndAFailureForTheDifference() throws Exception {
        String xml = render(JUnitReport::write);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, d.getElementsByTagName("testcase").getLength());
        assertEquals(1, d.getElementsByTagName("failure").getLength());
        assertEquals("1", d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void htmlIsSelfContainedAndEscapesText() {
        String html = render(HtmlReport::write);
        assertFalse(html.contains("http://") || html.contains("src=\"https"), "no external resources");
        assertTrue(html.contains("Exchange's own &lt;certificate&gt;") || html.contains("Exchange&#39;s own &lt;certificate&gt;"), html);
        assertTrue(html.contains("class=\"fail diff\""), "the unexpected result is framed");
        assertTrue(html.contains("class=\"cert bad\""), "the chain picture marks the problem certificate");
    }

    @Test
    void textTableHasAHeaderARowPerResultAndTheSummary() {
        String text = render(TextReport::write);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("SCENARIO"), text);
        assertTrue(lines.get(1).startsWith("self-signed") && lines.get(1).contains(" ok "), text);
        assertTrue(lines.get(2).contains("DIFF"), text);
        assertTrue(text.contains("1 of 2 results as expected"), text);
        assertTrue(text.contains("REAL CLIENTS"), text);
    }

    @Test
    void colourMarksVerdictsOnlyWhenTheStyleAsksAndWordsWrapWithinTheWidth() {
        StringWriter plain = new StringWriter();
        TextReport.write(sample(), new PrintWriter(plain, true), new TextReport.Style(true, 80, false));
        assertFalse(plain.toString().contains("\u001b"), plain.toString());
        assertTrue(plain.toString().contains("    curl    SSL certificate problem: self-signed certificate"), plain.toString());
        assertTrue(plain.toString().contains("    gnutls  not installed (apt-get install gnutls-bin)"), plain.toString());
        for (String line : plain.toString().lines().toList()) {
            assertTrue(line.length() <= 80, line);
        }
        StringWriter colour = new StringWriter();
        TextReport.write(sample(), new PrintWriter(colour, true), new TextReport.Style(true, 80, true));
        assertTrue(colour.toString().contains("\u001b[32mok\u001b[0m") || colour.toString().contains("\u001b[32mok "), colour.toString());
        assertTrue(colour.toString().contains("\u001b[1;31mDIFF"), colour.toString());
        assertTrue(colour.toString().contains("\u001b[31mfail"), "a refusal is red: " + colour);
    }
}
