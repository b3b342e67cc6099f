package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.ca.internal.OcspClient;
import pkilab.pem.Pem;

/**
 * The client certificates of the mutual-TLS scenarios: each is what its {@code presents:}
 * says (issuer, validity, clientAuth), kept privately in the scenario's folder and reused
 * on the next start; and the stapled answer of a stapling scenario is its CA's real one.
 */
class ClientCertificateMaterialTest {
    private final ScenarioPki.Materials m = SharedMaterial.MATERIALS;

    @Test
    void eachClientCertificateIsWhatItsScenarioSays() throws Exception {
        X509Certificate enterprise = SharedMaterial.LAB.ca("enterprise").certificate();
        Instant now = Instant.now();
        ScenarioMaterial.ClientAuth valid = m.get("client-cert-required-ok").clientAuth();
        assertEquals(enterprise, valid.acceptedRoot());
        X509Certificate leaf = valid.clientChain().get(0);
        assertEquals(enterprise.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        leaf.verify(enterprise.getPublicKey());
        leaf.checkValidity();
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(valid.keyFile())));
        assertEquals(valid.clientChain(), Pem.readCertificates(valid.chainFile()));

        X509Certificate other = m.get("client-cert-other-ca").clientAuth().clientChain().get(0);
        assertNotEquals(enterprise.getSubjectX500Principal(), other.getIssuerX500Principal());
        assertEquals(2, m.get("client-cert-other-ca").clientAuth().clientChain().size(), "the public CA's intermediate goes along");

        X509Certificate expired = m.get("client-cert-expired").clientAuth().clientChain().get(0);
        assertTrue(expired.getNotAfter().toInstant().isBefore(now));
        assertEquals(enterprise.getSubjectX500Principal(), expired.getIssuerX500Principal());

        ScenarioMaterial.ClientAuth none = m.get("client-cert-missing").clientAuth();
        assertFalse(none.presents());
        assertEquals(enterprise, none.acceptedRoot());
        assertNull(m.get("commercial").clientAuth());
    }

    @Test
    void aSecondStartReusesTheClientCertificate() {
        ScenarioPki.Materials again = ScenarioPki.materialise(SharedMaterial.LAB, SharedMaterial.CATALOG, msg -> { });
        for (String id : List.of("client-cert-required-ok", "client-cert-other-ca", "client-cert-expired")) {
            assertEquals(m.get(id).clientAuth().clientChain(), again.get(id).clientAuth().clientChain(), id);
        }
    }

    @Test
    void theStapleIsTheCasCurrentAnswer() throws Exception {
        for (String id : List.of("ocsp-stapled-good", "ocsp-stapled-revoked")) {
            ScenarioMaterial s = m.get(id);
            OcspClient.Answer a = OcspClient.read(s.staple().get(), s.leaf(), s.fullChain().get(1), Instant.now());
            assertEquals(id.endsWith("good") ? OcspClient.Status.GOOD : OcspClient.Status.REVOKED, a.status(), id);
        }
        assertNull(m.get("must-staple-missing").staple(), "the must-staple server staples nothing");
    }
}
