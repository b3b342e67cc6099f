package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.Lab;
import pkilab.testing.Repo;

/** What a later start keeps and what it makes again. */
class ScenarioReissueTest {
    /** A lab home with its CAs made once: every test starts from a copy (the RSA 4096 root is slow to make). */
    @TempDir
    static Path template;
    @TempDir
    Path home;
    @TempDir
    Path folder;

    @BeforeAll
    static void makeCas() {
        Lab.open(template, Repo.ca()).init(java.util.Set.of(), msg -> { });
    }

    @BeforeEach
    void copyCas() throws Exception {
        try (var files = Files.walk(template)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private ScenarioPki.Materials materialise() {
        return ScenarioPki.materialise(Lab.open(home, Repo.ca()), ScenarioCatalogue.load(folder, Repo.root()), msg -> { });
    }

    private void copy(String id) throws Exception {
        Files.copy(Repo.root().resolve("scenarios").resolve(id + ".yaml"), folder.resolve(id + ".yaml"));
    }

    /** Pretends the material was made {@code age} ago. */
    private void age(String id, Duration age) throws Exception {
        Path state = home.resolve("scenarios").resolve(id).resolve("material.json");
        String text = Files.readString(state);
        String issued = text.replaceAll("(?s).*\"issued\" : \"([^\"]+)\".*", "$1");
        Files.writeString(state, text.replace(issued, Instant.parse(issued).minus(age).toString()));
    }

    @Test
    void aChangedYamlReissuesOnlyThatScenario() throws Exception {
        copy("commercial");
        copy("wildcard");
        ScenarioPki.Materials first = materialise();
        assertFalse(first.get("commercial").reused());

        Path yaml = folder.resolve("commercial.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("dns: [commercial.contoso.test]", "dns: [commercial.contoso.test, owa.contoso.test]"));
        ScenarioPki.Materials second = materialise();

        assertFalse(second.get("commercial").reused());
        assertNotEquals(first.get("commercial").leaf(), second.get("commercial").leaf());
        assertTrue(second.get("commercial").leaf().getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("owa.contoso.test")));
        assertTrue(second.get("wildcard").reused());
        assertEquals(first.get("wildcard").leaf(), second.get("wildcard").leaf());
        // a renewal on the same server keeps its key
        assertEquals(first.get("commercial").leaf().getPublicKey(), second.get("commercial").leaf().getPublicKey());
        assertEquals(first.get("commercial").serverKey(), second.get("commercial").serverKey());
    }

    @Test
    void aChangedKeyTypeGetsANewKey() throws Exception {
        copy("commercial");
        ScenarioPki.Materials first = materialise();
        Path yaml = folder.resolve("commercial.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  sends: [leaf, intermediate]", "  key: ec-p256\n  sends: [leaf, intermediate]"));
        ScenarioPki.Materials second = materialise();
        assertEquals("EC", second.get("commercial").leaf().getPublicKey().getAlgorithm());
        assertEquals("EC", second.get("commercial").serverKey().getAlgorithm());
        assertNotEquals(first.get("commercial").leaf().getPublicKey(), second.get("commercial").leaf().getPublicKey());
    }

    @Test
    void aCommentOnlyChangeKeepsTheCertificate() throws Exception {
        copy("commercial");
        ScenarioPki.Materials first = materialise();
        Path yaml = folder.resolve("commercial.yaml");
        Files.writeString(yaml, "# a trainer's note\n" + Files.readString(yaml).replace("title: Commercial", "title: A commercial"));
        ScenarioPki.Materials second = materialise();
        assertTrue(second.get("commercial").reused());
        assertEquals(first.get("commercial").leaf(), second.get("commercial").leaf());
    }

    @Test
    void timeRelativeMaterialOlderThanADayIsMadeAgainOtherMaterialIsKept() throws Exception {
        copy("not-yet-valid");
        copy("commercial");
        ScenarioPki.Materials first = materialise();
        age("not-yet-valid", Duration.ofDays(2));
        age("commercial", Duration.ofDays(2));
        ScenarioPki.Materials second = materialise();
        assertFalse(second.get("not-yet-valid").reused());
        assertNotEquals(first.get("not-yet-valid").leaf(), second.get("not-yet-valid").leaf());
        assertTrue(second.get("commercial").reused());
    }

    @Test
    void aRevokedScenarioStaysRevokedWhenReused() throws Exception {
        copy("revoked-ocsp");
        Lab lab = Lab.open(home, Repo.ca());
        ScenarioPki.Materials first = materialise();
        ScenarioPki.Materials second = materialise();
        assertTrue(second.get("revoked-ocsp").reused());
        assertTrue(lab.crl("public", Instant.now()).isRevoked(second.get("revoked-ocsp").leaf()));
        assertEquals(List.of(first.get("revoked-ocsp").leaf()), List.of(second.get("revoked-ocsp").leaf()));
    }

    @Test
    void damagedMaterialIsMadeAgain() throws Exception {
        copy("commercial");
        ScenarioPki.Materials first = materialise();
        Files.writeString(home.resolve("scenarios/commercial/full-chain.pem"), "not a certificate");
        ScenarioPki.Materials second = materialise();
        assertFalse(second.get("commercial").reused());
        assertNotEquals(first.get("commercial").leaf(), second.get("commercial").leaf());
    }
}
