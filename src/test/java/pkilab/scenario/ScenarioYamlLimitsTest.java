package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/**
 * A scenario file that is not plain data of a sane size is refused with words of its own,
 * not "the file is empty", not ignored, not accepted: {@code pkilab scenarios validate FILE}.
 */
class ScenarioYamlLimitsTest {
    @TempDir
    Path lab;
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "20,000 levels deep | self-signed.yaml:16: nested deeper than 32 levels",
        "a !!javax tag      | self-signed.yaml:16: tag '!!javax.script.ScriptEngineManager' is not allowed",
        "a second document  | self-signed.yaml:33: a second YAML document ('---'): a file holds one document",
        "dns: [1, 2]        | self-signed.yaml:16: field 'server.dns[0]': expected text, found 1, which YAML reads as a number",
        "a 5 MB title       | self-signed.yaml is 5.0 MB, too big for a YAML file (at most 1 MB)",
    })
    void isRefusedQuicklyInOneLine(String change, String message) throws Exception {
        Path f = folder.resolve("self-signed.yaml");
        String text = Files.readString(Repo.root().resolve("scenarios/self-signed.yaml"));
        String dns = "  dns: [EXCH01, exch01.contoso.test]";
        assertTrue(text.contains(dns), "test set-up: the shipped file changed");
        text = switch (change) {
            case "20,000 levels deep" -> text.replace(dns, "  dns: " + "[".repeat(20_000) + "]".repeat(20_000));
            case "a !!javax tag" -> text.replace(dns, "  dns: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]");
            case "a second document" -> text + "---\n" + text;
            case "dns: [1, 2]" -> text.replace(dns, "  dns: [1, 2]");
            default -> text.replace("title: Exchange's default self-signed certificate", "title: " + "x".repeat(5 << 20));
        };
        Files.writeString(f, text);
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Cli.run(lab, "scenarios", "validate", f.toString()));
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(message), () -> "expected '" + message + "' in " + r);
        assertFalse(r.err().contains("the file is empty"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }
}
