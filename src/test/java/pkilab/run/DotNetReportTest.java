package pkilab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.clients.ClientDrivers;
import pkilab.testing.Cli;

/**
 * The real .NET runtime on the catalogue, in the reports beside the emulated .NET Framework:
 * for the article's causes and the other chain faults, the SslPolicyErrors flags the real
 * runtime and the email-router emulation must share.
 */
class DotNetReportTest {
    private static final Pattern FLAGS = Pattern.compile("SslPolicyErrors ([A-Za-z, ]+ \\(\\d\\))");

    @TempDir
    Path lab;

    @Test
    void theRealFlagsStandBesideTheEmulatedOnesAndAgreeOnEachCause() throws Exception {
        assumeTrue(ClientDrivers.create("dotnet", null).available().installed(), "Mono is not installed (apt-get install --no-install-recommends mono-mcs)");
        Path json = lab.resolve("dotnet.json");
        Cli.Result r = Cli.run(lab, "run", "self-signed", "name-mismatch-netbios", "expired", "untrusted-root-in-chain", "commercial",
                "--as", "mono", "--clients", "dotnet", "--format", "json", "--out", json.toString());
        assertEquals(0, r.exit(), r::toString);
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        for (JsonNode s : new ObjectMapper().readTree(json.toFile()).get("scenarios")) {
            runs.put(s.get("id").asText(), s.get("clients").get(0));
        }
        Map<String, String> shared = Map.of(
                "self-signed", "RemoteCertificateChainErrors (4)",
                "name-mismatch-netbios", "RemoteCertificateNameMismatch (2)",
                "expired", "RemoteCertificateChainErrors (4)",
                "untrusted-root-in-chain", "RemoteCertificateChainErrors (4)",
                "commercial", "None (0)");
        for (Map.Entry<String, String> e : shared.entrySet()) {
            JsonNode run = runs.get(e.getKey());
            assertEquals("dotnet", run.get("name").asText());
            assertEquals(e.getValue(), flags(run.get("message").asText()), run::toString);
            String router = run.get("emulated").get(0).asText();
            assertTrue(router.startsWith("email-router: "), router);
            assertEquals(e.getValue(), flags(router), router);
        }
        assertTrue(runs.get("expired").get("message").asText().contains("; chain NotTimeValid;"), runs.get("expired")::toString);
        assertTrue(runs.get("expired").get("emulated").get(0).asText().contains("; chain NotTimeValid;"));
        assertTrue(runs.get("untrusted-root-in-chain").get("message").asText().contains("; chain UntrustedRoot;"));
        // Windows names the self-signed root; Mono's BoringSSL finds no issuer
        assertTrue(runs.get("self-signed").get("message").asText().contains("; chain PartialChain;"));
        assertTrue(runs.get("self-signed").get("emulated").get(0).asText().contains("; chain UntrustedRoot;"));
        long others = pkilab.scenario.ScenarioCatalogue.load(pkilab.testing.Repo.root()).clients().values().stream()
                .filter(p -> p.family() == pkilab.verdict.ClientProfile.Family.DOTNET && !p.id().equals("mono")).count();
        assertEquals(others, runs.get("commercial").get("emulated").size(), "every .NET profile (email-router, workgroup-pc…), not mono itself");

        Cli.Result text = Cli.run(lab, "run", "name-mismatch-netbios", "--clients", "dotnet");
        assertTrue(text.out().contains("REAL .NET RUNTIME BESIDE THE EMULATION\nname-mismatch-netbios  dotnet: fail — SslPolicyErrors RemoteCertificateNameMismatch (2)"), text::toString);
        assertTrue(text.out().contains("    emulated email-router: SslPolicyErrors RemoteCertificateNameMismatch (2); Incoming Status: Failure"), text::toString);
    }

    private static String flags(String line) {
        Matcher m = FLAGS.matcher(line);
        return m.find() ? m.group(1) : line;
    }
}
