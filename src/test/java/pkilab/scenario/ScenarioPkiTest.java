package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.Lab;
import pkilab.pem.Pem;
import pkilab.testing.Repo;
import pkilab.testing.Tools;

/** Checks the certificates each scenario is made of: each would fail if the material did not show its scenario. */
class ScenarioPkiTest {
    static Lab lab;
    static ScenarioCatalogue catalogue;
    static ScenarioPki.Materials m;
    static long coldMillis;

    @BeforeAll
    static void materialiseOnce() {
        lab = SharedMaterial.LAB;
        catalogue = SharedMaterial.CATALOG;
        m = SharedMaterial.MATERIALS;
        coldMillis = SharedMaterial.COLD_MILLIS;
        System.out.println("cold materialise of " + m.all().size() + " scenarios (incl. CA init): " + coldMillis + " ms");
    }

    @Test
    void everyScenarioHasAKeyMatchingItsLeafStoredPrivately() throws Exception {
        assertEquals(catalogue.scenarios().size(), m.all().size());
        for (ScenarioMaterial s : m.all()) {
            assertEquals(s.leaf(), s.serverChain().get(0), s.id());
            assertEquals(s.leaf().getPublicKey().getAlgorithm(), s.serverKey().getAlgorithm(), s.id());
            if (s.leaf().getPublicKey() instanceof RSAPublicKey pub) {
                assertEquals(pub.getModulus(), ((java.security.interfaces.RSAPrivateCrtKey) s.serverKey()).getModulus(), s.id());
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.keyFile())), s.id());
            assertEquals(s.serverChain(), Pem.readCertificates(s.chainFile()), s.id());
        }
    }

    @Test
    void commercialValidatesToThePublicRootAndTheTwinWithoutIntermediateDoesNot() throws Exception {
        ScenarioMaterial commercial = m.get("commercial");
        assertEquals(2, commercial.serverChain().size());
        validate(commercial.serverChain(), m.labCas().get("public-root"));
        ScenarioMaterial incomplete = m.get("incomplete-chain");
        assertEquals(List.of(incomplete.leaf()), incomplete.serverChain());
        assertThrows(CertPathValidatorException.class, () -> validate(incomplete.serverChain(), m.labCas().get("public-root")));
    }

    @Test
    void expiredAndNotYetValidAreSoNow() {
        X509Certificate expired = m.get("expired").leaf();
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        X509Certificate future = m.get("not-yet-valid").leaf();
        assertThrows(CertificateNotYetValidException.class, future::checkValidity);
        ScenarioMaterial ei = m.get("expired-intermediate");
        assertTrue(isValidNow(ei.leaf()));
        assertThrows(CertificateExpiredException.class, () -> ei.serverChain().get(1).checkValidity());
        assertEquals(ei.serverChain().get(1).getIssuerX500Principal(), m.labCas().get("public-root").getSubjectX500Principal());
    }

    @Test
    void revokedLeavesAreInTheirCasCrlAndPointOnlyWhereTheScenarioSays() throws Exception {
        X509CRL crl = lab.crl("public", Instant.now());
        for (String id : List.of("revoked-crl", "revoked-ocsp")) {
            assertTrue(crl.isRevoked(m.get(id).leaf()), id + " is not on the public CA's CRL");
        }
        assertFalse(crl.isRevoked(m.get("commercial").leaf()));
        String crlLeaf = pkilab.ca.CertInfo.of(m.get("revoked-crl").leaf()).toText();
        assertTrue(crlLeaf.contains("http://pki.lab.test/pki/public.crl"), crlLeaf);
        assertFalse(crlLeaf.contains("/ocsp/"), crlLeaf);
        String ocspLeaf = pkilab.ca.CertInfo.of(m.get("revoked-ocsp").leaf()).toText();
        assertTrue(ocspLeaf.contains("http://pki.lab.test/ocsp/public"), ocspLeaf);
        assertFalse(ocspLeaf.contains(".crl"), ocspLeaf);
        String unreachable = pkilab.ca.CertInfo.of(m.get("revocation-unreachable").leaf()).toText();
        assertTrue(unreachable.contains("http://127.0.0.1:9/pki/public.crl") && unreachable.contains("http://127.0.0.1:9/ocsp/public"), unreachable);
        assertFalse(crl.isRevoked(m.get("revocation-unreachable").leaf()));
    }

    @Test
    void certificateContentsMatchTheirScenario() throws Exception {
        X509Certificate cnOnly = m.get("cn-only").leaf();
        assertNull(cnOnly.getSubjectAlternativeNames());
        assertEquals("CN=cn-only.contoso.test", cnOnly.getSubjectX500Principal().getName());
        assertEquals("SHA1withRSA", m.get("sha1-signature").leaf().getSigAlgName());
        assertEquals(1024, ((RSAPublicKey) m.get("rsa-1024").leaf().getPublicKey()).getModulus().bitLength());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), m.get("client-auth-only").leaf().getExtendedKeyUsage());
        X509Certificate self = m.get("self-signed").leaf();
        assertEquals(self.getSubjectX500Principal(), self.getIssuerX500Principal());
        self.verify(self.getPublicKey());
        assertTrue(m.get("self-signed").extraTrust().isEmpty());
        assertEquals(m.get("self-signed-trusted").leaf(), m.get("self-signed-trusted").extraTrust().get(0));
        assertTrue(m.get("ip-san").leaf().getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.3")));
    }

    @Test
    void notACaIssuerIsAnEndEntityAndValidationSaysSo() throws Exception {
        ScenarioMaterial s = m.get("not-a-ca");
        X509Certificate issuer = s.serverChain().get(1);
        assertEquals(s.leaf().getIssuerX500Principal(), issuer.getSubjectX500Principal());
        s.leaf().verify(issuer.getPublicKey());
        assertEquals(-1, issuer.getBasicConstraints());
        assertTrue(issuer.getCriticalExtensionOIDs().contains("2.5.29.19"), "CA:FALSE stated explicitly");
        // an ordinary server certificate: no keyCertSign either, which Java's PKIX reports first
        assertFalse(issuer.getKeyUsage()[5]);
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validate(s.serverChain(), m.labCas().get("enterprise")));
        assertTrue(Set.of(java.security.cert.PKIXReason.NOT_CA_CERT, java.security.cert.PKIXReason.INVALID_KEY_USAGE).contains(e.getReason()),
                () -> String.valueOf(e.getReason()));
    }

    @Test
    void nameConstrainedRootRejectsTheLeafOnceItsConstraintsApply(@TempDir Path tmp) throws Exception {
        ScenarioMaterial s = m.get("name-constraints");
        X509Certificate root = s.root();
        assertEquals(List.of(root), s.extraTrust());
        assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.30"), "root carries nameConstraints");
        // as Java builds anchors (constraints ignored) the chain is valid …
        validate(s.serverChain(), root);
        // … as OpenSSL does (constraints of the anchor applied) the name is outside them
        Assumptions.assumeTrue(Tools.available("openssl"), "openssl not installed");
        Path rootPem = tmp.resolve("root.pem");
        Path leafPem = tmp.resolve("leaf.pem");
        Files.write(rootPem, Pem.encodeBytes(root));
        Files.write(leafPem, Pem.encodeBytes(s.leaf()));
        Tools.Run r = Tools.run(List.of("openssl", "verify", "-CAfile", rootPem.toString(), leafPem.toString()));
        assertNotEquals(0, r.exit(), r.output());
        // error 47 and no other: the chain is sound, only the name lies outside the constraints
        assertTrue(r.output().contains("error 47 at 0 depth lookup: permitted subtree violation"), r.output());
        assertEquals(1, java.util.regex.Pattern.compile("error \\d+ at").matcher(r.output()).results().count(), r.output());
    }

    @Test
    void untrustedRootIsSentAndSignsTheLeaf() throws Exception {
        ScenarioMaterial s = m.get("untrusted-root-in-chain");
        assertEquals(2, s.serverChain().size());
        X509Certificate root = s.serverChain().get(1);
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        s.leaf().verify(root.getPublicKey());
        assertFalse(m.labCas().containsValue(root));
    }

    @Test
    void secondMaterialiseReusesEveryCertificate() {
        ScenarioPki.Materials again = ScenarioPki.materialise(lab, catalogue, msg -> { });
        for (ScenarioMaterial s : again.all()) {
            assertTrue(s.reused(), s.id());
            assertEquals(m.get(s.id()).leaf(), s.leaf(), s.id());
        }
    }

    @Test
    void trustAnchorsFollowTheProfileAndTheScenario() {
        List<X509Certificate> wg = m.trustAnchors("self-signed-trusted", catalogue.client("workgroup-pc"));
        assertEquals(List.of(m.labCas().get("public-root"), m.get("self-signed-trusted").leaf()), wg);
        assertEquals(2, m.trustAnchors("commercial", catalogue.client("email-router")).size());
    }

    static boolean isValidNow(X509Certificate c) {
        try {
            c.checkValidity();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** JDK PKIX validation, as Java clients do it: anchors without their name constraints. */
    static void validate(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(c -> c.equals(anchor));
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        p.setRevocationEnabled(false);
        p.setDate(new Date());
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), p);
    }
}
