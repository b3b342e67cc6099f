package pkilab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slow steps on standard error: one line each when piped, one line rewritten in place on a terminal. */
class ProgressTest {
    @Test
    void pipedEachStepIsOneLineWithItsTimeAndTheCasKeysAreOneStep() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw, true), false);
        p.accept("making a rsa-2048 key for CN=contoso-DC01-CA …");
        p.accept("making a rsa-4096 key for CN=Lab Trust Global Root …");
        assertEquals("", sw.toString(), "nothing until a step ends: no spinner in a pipe");
        p.accept("making certificates for 26 scenario(s) …");
        p.done();
        p.done();
        List<String> lines = sw.toString().lines().toList();
        assertEquals(2, lines.size(), sw.toString());
        assertTrue(lines.get(0).matches("making keys for the lab's CAs \\(rsa-2048, rsa-4096\\) … \\d+\\.\\d s"), lines.get(0));
        assertTrue(lines.get(1).matches("making certificates for 26 scenario\\(s\\) … \\d+\\.\\d s"), lines.get(1));
    }

    @Test
    void onATerminalTheStepsLineIsRewrittenAndEndsWithItsTime() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw, true), true);
        p.accept("making certificates for 26 scenario(s) …");
        assertEquals("\r\u001b[Kmaking certificates for 26 scenario(s) … 0 s", sw.toString());
        p.done();
        assertTrue(sw.toString().matches("(?s).*\r\u001b\\[Kmaking certificates for 26 scenario\\(s\\) … \\d+\\.\\d s\n"), sw.toString());
    }
}
