package pkilab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.BadInputException;

class YamlDocTest {
    record Server(String issuer, List<String> dns) {
    }

    record Doc(String id, Server server, Integer port) {
    }

    private static String error(String yaml) {
        return assertThrows(BadInputException.class, () -> YamlDoc.of("t.yaml", yaml).bind(Doc.class)).getMessage();
    }

    @Test
    void aGoodDocumentBinds() {
        Doc d = YamlDoc.of("t.yaml", "id: a\nserver:\n  issuer: public\n  dns: [mail.test]\nport: 8443\n").bind(Doc.class);
        assertEquals(new Doc("a", new Server("public", List.of("mail.test")), 8443), d);
    }

    @Test
    void anEmptyFileOrOneOfCommentsOnlySaysSo() {
        assertEquals("t.yaml: the file is empty", error(""));
        assertEquals("t.yaml: the file is empty", error("# nothing yet\n\n"));
    }

    @Test
    void aValueOfTheWrongShapeSaysWhatWasExpectedAndWhatWasFound() {
        assertEquals("t.yaml:1: expected a mapping of fields (name: value), found a list", error("- a\n- b\n"));
        assertEquals("t.yaml:2: field 'server.dns': expected a list, found 'mail.test' (a list of one is written [mail.test])",
                error("server:\n  dns: mail.test\n"));
        assertEquals("t.yaml:2: field 'server.dns': expected a list, found a mapping", error("server:\n  dns: {a: b}\n"));
        assertEquals("t.yaml:1: field 'server': expected a mapping of fields (name: value), found a list", error("server: [1, 2]\n"));
        assertEquals("t.yaml:1: field 'port': expected a number, found 'abc'", error("port: abc\n"));
    }

    @Test
    void aFieldGivenTwiceIsRefusedAtTheSecond() {
        assertEquals("t.yaml:2: field 'id' is given twice (which one is meant?)", error("id: a\nid: b\n"));
        assertEquals("t.yaml:3: field 'server.dns' is given twice (which one is meant?)", error("server:\n  dns: [a]\n  dns: [b]\n"));
    }

    @Test
    void brokenYamlSaysWhatTheParserFound() {
        String tab = error("server:\n\tissuer: public\n");
        assertTrue(tab.startsWith("t.yaml:2: not valid YAML: "), tab);
        assertTrue(tab.contains("found character 'tab' that cannot start any token"), tab);
        String indent = error("server:\n  issuer: public\n dns: [a]\n");
        assertTrue(indent.startsWith("t.yaml:3: not valid YAML: "), indent);
        assertTrue(indent.contains("expected <block end>"), indent);
        assertTrue(indent.lines().count() == 1, indent);
    }

    @Test
    void aDeeplyNestedValueIsRefusedForItsDepthNotCalledEmpty() {
        String deep = "id: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        long start = System.nanoTime();
        assertEquals("t.yaml:1: nested deeper than 32 levels (a scenario needs six; is a bracket left open?)", error(deep));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused quickly");
        String block = "a:\n" + java.util.stream.IntStream.range(1, 40).mapToObj(i -> "  ".repeat(i) + "k" + i + ":\n")
                .collect(java.util.stream.Collectors.joining()) + "  ".repeat(40) + "x: 1\n";
        assertTrue(error(block).contains("nested deeper than 32 levels"), error(block));
    }

    @Test
    void aTagIsRefusedByName() {
        assertEquals("t.yaml:1: tag '!!javax.script.ScriptEngineManager' is not allowed: the lab's YAML holds plain values"
                + " (text, numbers, lists, mappings); remove the tag",
                error("id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x.test/\"]]]]\n"));
        assertTrue(error("server:\n  issuer: !custom public\n").startsWith("t.yaml:2: tag '!custom' is not allowed"));
        assertTrue(error("id: !!str a\n").startsWith("t.yaml:1: tag '!!str' is not allowed"));
    }

    @Test
    void aSecondDocumentIsRefusedNotIgnored() {
        assertEquals("t.yaml:2: a second YAML document ('---'): a file holds one document; remove it, or move it to a file of its own",
                error("id: a\n---\nid: b\n"));
        assertEquals("a", YamlDoc.of("t.yaml", "---\nid: a\n...\n").bind(Doc.class).id(), "one document with its markers is fine");
    }

    @Test
    void numbersAndBooleansAreNotNames() {
        assertEquals("t.yaml:2: field 'server.dns[0]': expected text, found 1, which YAML reads as a number (write it in quotes: '1')",
                error("server:\n  dns: [1, 2]\n"));
        assertEquals("t.yaml:1: field 'id': expected text, found true, which YAML reads as a boolean (write it in quotes: 'true')",
                error("id: true\n"));
        assertEquals(List.of("1", "2"), YamlDoc.of("t.yaml", "server:\n  dns: ['1', \"2\"]\n").bind(Doc.class).server().dns());
    }

    @Test
    void aHugeDocumentIsRefusedAtOnce() {
        String title = "id: " + "x".repeat(5 << 20) + "\n";
        long start = System.nanoTime();
        assertEquals("t.yaml has 5242885 characters, too many for a YAML file of the lab (at most 1048576)", error(title));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused quickly");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("big.yaml");
        java.nio.file.Files.writeString(f, "title: " + "x".repeat(5 << 20) + "\n");
        String m = assertThrows(BadInputException.class, () -> YamlDoc.read(f, "scenarios/big.yaml")).getMessage();
        assertEquals("scenarios/big.yaml is 5.0 MB, too big for a YAML file (at most 1 MB)", m);
    }
}
