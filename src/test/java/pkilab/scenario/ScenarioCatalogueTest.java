package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pkilab.verdict.Diagnosis;
import pkilab.testing.Repo;
import pkilab.verdict.ClientProfile;

class ScenarioCatalogueTest {
    private static final List<String> REQUIRED = List.of("self-signed", "self-signed-trusted", "enterprise-domain-member",
            "enterprise-workgroup", "commercial", "name-mismatch-netbios", "name-mismatch-internal", "san-many-names",
            "wildcard", "wildcard-two-levels", "ip-url-dns-cert", "ip-san", "cn-only", "expired", "not-yet-valid",
            "expired-intermediate", "incomplete-chain", "untrusted-root-in-chain", "revoked-crl", "revoked-ocsp",
            "revocation-unreachable", "sha1-signature", "rsa-1024", "client-auth-only", "not-a-ca", "name-constraints");

    private final ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());

    @Test
    void theRealCatalogueHoldsEveryRequiredScenarioNamedAfterItsFile() {
        Set<String> ids = catalogue.scenarios().stream().map(Scenario::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(REQUIRED), () -> "missing: " + REQUIRED.stream().filter(r -> !ids.contains(r)).toList());
        assertTrue(catalogue.scenarios().size() >= 26);
        for (Scenario s : catalogue.scenarios()) {
            assertEquals(s.id() + ".yaml", catalogue.file(s.id()).getFileName().toString());
            assertNotNull(s.expected(), s.id() + " has no verdict for its own profile " + s.client().profile());
            for (String profile : catalogue.clients().keySet()) {
                assertNotNull(s.expectFor(profile), s.id() + " has no verdict for " + profile);
            }
        }
    }

    @Test
    void clientProfilesFollowTheReference() {
        assertTrue(catalogue.clients().keySet().containsAll(List.of("email-router", "workgroup-pc", "java", "openssl", "browser", "strict")));
        ClientProfile router = catalogue.client("email-router");
        assertEquals(List.of("public-root", "enterprise"), router.trusts());
        assertTrue(router.aiaFetch());
        assertEquals(ClientProfile.Revocation.OFF, router.revocation());
        assertEquals(List.of("public-root"), catalogue.client("workgroup-pc").trusts());
        assertFalse(catalogue.client("java").aiaFetch());
        assertFalse(catalogue.client("java").anchorNameConstraints());
        assertFalse(catalogue.client("openssl").sha1());
        assertEquals(2048, catalogue.client("openssl").minRsaBits());
        assertFalse(catalogue.client("browser").cnFallback());
        assertEquals(ClientProfile.Revocation.HARD, catalogue.client("strict").revocation());
    }

    @Test
    void theArticleScenariosSayWhatTheArticleSays() {
        Scenario selfSigned = catalogue.scenario("self-signed");
        assertEquals(Scenario.Cause.ONE, selfSigned.cause());
        assertEquals(Diagnosis.SELF_SIGNED, selfSigned.expectFor("email-router").diagnosis());
        Scenario netbios = catalogue.scenario("name-mismatch-netbios");
        assertEquals(Scenario.Cause.TWO, netbios.cause());
        assertEquals("exch01", netbios.host());
        assertEquals(Diagnosis.HOSTNAME_MISMATCH, netbios.expected().diagnosis());
        Scenario chain = catalogue.scenario("incomplete-chain");
        assertTrue(chain.expectFor("email-router").pass());
        assertTrue(chain.expectFor("browser").pass());
        assertEquals(Diagnosis.INCOMPLETE_CHAIN, chain.expectFor("java").diagnosis());
        assertEquals(Diagnosis.INCOMPLETE_CHAIN, chain.expectFor("openssl").diagnosis());
        Scenario cnOnly = catalogue.scenario("cn-only");
        assertTrue(cnOnly.expectFor("java").pass());
        assertEquals(Diagnosis.NO_SAN, cnOnly.expectFor("browser").diagnosis());
        for (String id : List.of("revoked-crl", "revoked-ocsp", "revocation-unreachable")) {
            Scenario s = catalogue.scenario(id);
            assertFalse(s.expectFor("strict").pass(), id);
            assertTrue(s.expectFor("email-router").pass(), id);
        }
    }

    @Test
    void ipLiteralAndSingleLabelUrlsNeedTheirOwnListener() {
        assertTrue(catalogue.scenario("ip-san").needsOwnListener());
        assertEquals("127.0.0.3", catalogue.scenario("ip-san").listenAddress());
        assertTrue(catalogue.scenario("name-mismatch-netbios").needsOwnListener());
        assertEquals(null, catalogue.scenario("name-mismatch-netbios").listenAddress());
        assertFalse(catalogue.scenario("commercial").needsOwnListener());
        assertEquals("https://commercial.contoso.test:8443/EWS/Exchange.asmx", catalogue.scenario("commercial").url(8443));
        assertTrue(catalogue.hostNames().contains("pki.lab.test"));
        assertFalse(catalogue.hostNames().contains("127.0.0.3"));
    }

    static Path repo() {
        return Repo.root();
    }
}
