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

class ScenarioCatalogTest {
    private static final List<String> REQUIRED = List.of("self-signed", "self-signed-trusted", "enterprise-domain-member",
            "enterprise-workgroup", "commercial", "name-mismatch-netbios", "name-mismatch-internal", "san-many-names",
            "wildcard", "wildcard-two-levels", "ip-url-dns-cert", "ip-san", "cn-only", "expired", "not-yet-valid",
            "expired-intermediate", "incomplete-chain", "untrusted-root-in-chain", "revoked-crl", "revoked-ocsp",
            "revocation-unreachable", "sha1-signature", "rsa-1024", "client-auth-only", "not-a-ca", "name-constraints");

    private final ScenarioCatalog catalog = ScenarioCatalog.load(Repo.root());

    @Test
    void theRealCatalogueHoldsEveryRequiredScenarioNamedAfterItsFile() {
        Set<String> ids = catalog.scenarios().stream().map(Scenario::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(REQUIRED), () -> "missing: " + REQUIRED.stream().filter(r -> !ids.contains(r)).toList());
        assertTrue(catalog.scenarios().size() >= 26);
        for (Scenario s : catalog.scenarios()) {
            assertEquals(s.id() + ".yaml", catalog.file(s.id()).getFileName().toString());
            assertNotNull(s.expected(), s.id() + " has no verdict for its own profile " + s.client().profile());
            for (String profile : catalog.clients().keySet()) {
                assertNotNull(s.expectFor(profile), s.id() + " has no verdict for " + profile);
            }
        }
    }

    @Test
    void clientProfilesFollowTheReference() {
        assertTrue(catalog.clients().keySet().containsAll(List.of("email-router", "workgroup-pc", "java", "openssl", "browser", "strict")));
        ClientProfile router = catalog.client("email-router");
        assertEquals(List.of("public-root", "enterprise"), router.trusts());
        assertTrue(router.aiaFetch());
        assertEquals(ClientProfile.Revocation.OFF, router.revocation());
        assertEquals(List.of("public-root"), catalog.client("workgroup-pc").trusts());
        assertFalse(catalog.client("java").aiaFetch());
        assertFalse(catalog.client("java").anchorNameConstraints());
        assertFalse(catalog.client("openssl").sha1());
        assertEquals(2048, catalog.client("openssl").minRsaBits());
        assertFalse(catalog.client("browser").cnFallback());
        assertEquals(ClientProfile.Revocation.HARD, catalog.client("strict").revocation());
    }

    @Test
    void theArticleScenariosSayWhatTheArticleSays() {
        Scenario selfSigned = catalog.scenario("self-signed");
        assertEquals(Scenario.Cause.ONE, selfSigned.cause());
        assertEquals(Diagnosis.SELF_SIGNED, selfSigned.expectFor("email-router").diagnosis());
        Scenario netbios = catalog.scenario("name-mismatch-netbios");
        assertEquals(Scenario.Cause.TWO, netbios.cause());
        assertEquals("exch01", netbios.host());
        assertEquals(Diagnosis.HOSTNAME_MISMATCH, netbios.expected().diagnosis());
        Scenario chain = catalog.scenario("incomplete-chain");
        assertTrue(chain.expectFor("email-router").pass());
        assertTrue(chain.expectFor("browser").pass());
        assertEquals(Diagnosis.INCOMPLETE_CHAIN, chain.expectFor("java").diagnosis());
        assertEquals(Diagnosis.INCOMPLETE_CHAIN, chain.expectFor("openssl").diagnosis());
        Scenario cnOnly = catalog.scenario("cn-only");
        assertTrue(cnOnly.expectFor("java").pass());
        assertEquals(Diagnosis.NO_SAN, cnOnly.expectFor("browser").diagnosis());
        for (String id : List.of("revoked-crl", "revoked-ocsp", "revocation-unreachable")) {
            Scenario s = catalog.scenario(id);
            assertFalse(s.expectFor("strict").pass(), id);
            assertTrue(s.expectFor("email-router").pass(), id);
        }
    }

    @Test
    void ipLiteralAndSingleLabelUrlsNeedTheirOwnListener() {
        assertTrue(catalog.scenario("ip-san").needsOwnListener());
        assertEquals("127.0.0.3", catalog.scenario("ip-san").listenAddress());
        assertTrue(catalog.scenario("name-mismatch-netbios").needsOwnListener());
        assertEquals(null, catalog.scenario("name-mismatch-netbios").listenAddress());
        assertFalse(catalog.scenario("commercial").needsOwnListener());
        assertEquals("https://commercial.contoso.test:8443/EWS/Exchange.asmx", catalog.scenario("commercial").url(8443));
        assertTrue(catalog.hostNames().contains("pki.lab.test"));
        assertFalse(catalog.hostNames().contains("127.0.0.3"));
    }

    static Path repo() {
        return Repo.root();
    }
}
