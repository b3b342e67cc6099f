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
}
