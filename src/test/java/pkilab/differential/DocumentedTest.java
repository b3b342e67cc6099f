package pkilab.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an entry of documented.yaml covers: its profile only, and the cases its glob names. */
class DocumentedTest {
    @Test
    void aGlobWithoutVariantCoversBothVariantsAndOneWithAVariantOnlyThatOne() {
        assertTrue(Documented.globMatches("host-*", "host-san-exact/pass"));
        assertTrue(Documented.globMatches("host-*", "host-san-exact/fail"));
        assertTrue(Documented.globMatches("host-*/fail", "host-san-exact/fail"));
        assertFalse(Documented.globMatches("host-*/fail", "host-san-exact/pass"));
        assertFalse(Documented.globMatches("host-*", "nc-dns-permitted/fail"));
        assertFalse(Documented.globMatches("leaf-expired", "leaf-expired-soon/fail"));
    }

    @Test
    void anEntryAppliesToItsOwnProfileOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("documented.yaml");
        Files.writeString(f, """
                documented:
                  - profile: nss
                    case: "host-*/fail"
                    why: vfychain checks no host name
                indistinct:
                  - twin: "serial-*"
                    why: nobody enforces it
                """);
        Documented d = Documented.load(f);
        assertNotNull(d.entryFor("nss", "host-cn-only/fail"));
        assertNull(d.entryFor("openssl", "host-cn-only/fail"));
        assertNotNull(d.indistinct("serial-zero"));
        assertNull(d.indistinct("leaf-expired"));
        assertEquals(List.of(), Documented.load(write(dir, "documented: []\n")).indistinct());
    }

    @Test
    void theProjectsFileLoadsAndEveryEntrySaysWhy() {
        Documented d = Documented.load(pkilab.testing.Repo.root().resolve("src/test/resources/pkilab/differential/documented.yaml"));
        d.documented().forEach(e -> assertFalse(e.why() == null || e.why().isBlank(), e.glob() + " has no why"));
        d.indistinct().forEach(t -> assertFalse(t.why() == null || t.why().isBlank(), t.twin() + " has no why"));
    }

    private static Path write(Path dir, String text) throws Exception {
        Path f = dir.resolve("other.yaml");
        Files.writeString(f, text);
        return f;
    }
}
