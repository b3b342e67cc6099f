package pkilab.ca;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.testing.TestLabs;

/** The JDK's own PKIX validator accepts each chain with its root and refuses it with another. */
class PkixValidationTest {
    static Lab lab;

    @BeforeAll
    static void setUp() {
        lab = TestLabs.shared();
    }

    static void validate(List<X509Certificate> path, X509Certificate anchor) throws Exception {
        CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cp, params);
    }

    @Test
    void enterpriseChainValidatesOnlyWithTheEnterpriseRoot() {
        IssuedCertificate leaf = lab.issue(new LeafRequest().ca("enterprise").dns("exch01.contoso.test"));
        assertDoesNotThrow(() -> validate(leaf.serverChain(), lab.ca("enterprise").certificate()));
        assertThrows(CertPathValidatorException.class, () -> validate(leaf.serverChain(), lab.ca("public-root").certificate()));
    }

    @Test
    void publicChainValidatesOnlyWithThePublicRoot() {
        IssuedCertificate leaf = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        assertDoesNotThrow(() -> validate(leaf.serverChain(), lab.ca("public-root").certificate()));
        assertThrows(CertPathValidatorException.class, () -> validate(leaf.serverChain(), lab.ca("enterprise").certificate()));
    }

    @Test
    void selfSignedValidatesOnlyAsItsOwnAnchor() {
        IssuedCertificate self = lab.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        IssuedCertificate other = lab.issue(new LeafRequest().ca("self").dns("exch02.contoso.test"));
        // a path of the lone certificate validates against itself as the anchor
        assertDoesNotThrow(() -> validate(List.of(), self.certificate()));
        assertThrows(CertPathValidatorException.class, () -> validate(self.serverChain(), other.certificate()));
    }

    @Test
    void theJdkIgnoresNameConstraintsInATrustAnchor() throws Exception {
        // a lab root vouches only for lab names, but Java's PKIX takes trust anchors as given:
        // a leaf for a real-looking name validates. OpenSSL and browsers refuse it (see
        // OpenSslInteropTest); the java client profile models this difference.
        IssuedCertificate outside = lab.issue(new LeafRequest().ca("enterprise").dns("www.example.com"));
        X509Certificate root = lab.ca("enterprise").certificate();
        assertDoesNotThrow(() -> validate(outside.serverChain(), root));
        byte[] nc = org.bouncycastle.asn1.ASN1OctetString.getInstance(root.getExtensionValue("2.5.29.30")).getOctets();
        Exception e = assertThrows(java.security.InvalidAlgorithmParameterException.class,
                () -> CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(outside.serverChain()),
                        new PKIXParameters(Set.of(new TrustAnchor(root, nc)))));
        assertTrue(e.getMessage().contains("name constraints in trust anchor not supported"), e.getMessage());
    }
}
