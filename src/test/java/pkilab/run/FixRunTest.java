package pkilab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.clients.ClientDrivers;
import pkilab.testing.Cli;

/**
 * {@code pkilab run --fix}: every scenario that fails for its own client profile passes once
 * its server has a certificate from a trusted CA naming the URL's host, and the lab home the
 * user made is left as it was.
 */
class FixRunTest {
    @TempDir
    Path lab;

    @Test
    void everyFailingScenarioPassesForItsOwnProfileAfterTheFix() throws Exception {
        Cli.Result r = Cli.run(lab, "run", "--fix");
        assertEquals(0, r.exit(), r::toString);
        List<String> failedBefore = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            if (line.contains("\u2192")) {
                String[] sides = line.split("\u2192");
                assertEquals("pass", sides[1].trim(), line);
                if (sides[0].contains(" fail ")) {
                    failedBefore.add(line.split("\\s+")[0]);
                }
            }
        }
        // the article's two causes and every other kind of failure the catalogue has
        assertTrue(failedBefore.containsAll(List.of("self-signed", "name-mismatch-netbios", "incomplete-chain", "expired",
                "untrusted-root-in-chain", "revoked-crl", "sha1-signature", "rsa-1024", "client-auth-only")), failedBefore::toString);
        long n = r.out().lines().filter(l -> l.contains("\u2192")).count(); // one line a scenario: the whole catalogue
        assertTrue(r.out().contains(n + " of " + n + " pass after the fix"), r::toString);
        // the scenarios' certificates in the user's lab are still the failing ones
        String selfSigned = Files.readString(lab.resolve("scenarios/self-signed/full-chain.pem"));
        Cli.Result again = Cli.run(lab, "run", "self-signed");
        assertTrue(again.out().contains("fail self-signed"), again::toString);
        assertEquals(selfSigned, Files.readString(lab.resolve("scenarios/self-signed/full-chain.pem")));
    }

    @Test
    void theRealDotNetRuntimeAcceptsTheArticlesTwoCausesOnceFixed() {
        assumeTrue(ClientDrivers.create("dotnet", null).available().installed(), "Mono is not installed (apt-get install --no-install-recommends mono-mcs)");
        Cli.Result r = Cli.run(lab, "run", "self-signed", "name-mismatch-netbios", "--as", "email-router", "--clients", "dotnet", "--fix");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("(?s).*self-signed\\s+email-router\\s+fail self-signed\\s+\u2192\\s+pass.*"), r::toString);
        assertTrue(r.out().matches("(?s).*self-signed\\s+dotnet\\s+fail\\s+\u2192\\s+pass.*"), r::toString);
        assertTrue(r.out().matches("(?s).*name-mismatch-netbios\\s+dotnet\\s+fail\\s+\u2192\\s+pass.*"), r::toString);
    }

    @Test
    void fixPrintsTextOnly() {
        Cli.Result r = Cli.run(lab, "run", "self-signed", "--fix", "--format", "json");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--fix prints a text table of before -> after; leave out --format and --out"), r::toString);
    }
}
