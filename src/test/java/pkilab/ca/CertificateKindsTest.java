package pkilab.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.testing.TestLabs;

/** Field-by-field checks of the article's three certificate kinds, as the profiles in ca/ make them. */
class CertificateKindsTest {
    private static final String KU = "2.5.29.15";
    private static final String EKU = "2.5.29.37";
    private static final String BC = "2.5.29.19";
    private static final String SAN = "2.5.29.17";
    private static final String NC = "2.5.29.30";
    private static final String CDP = "2.5.29.31";
    private static final String AIA = "1.3.6.1.5.5.7.1.1";
    private static final String POLICIES = "2.5.29.32";
    private static final String MS_CA_VERSION = "1.3.6.1.4.1.311.21.1";
    private static final String MS_TEMPLATE_NAME = "1.3.6.1.4.1.311.20.2";

    static Lab lab;

    @BeforeAll
    static void lab() {
        lab = TestLabs.shared();
    }

    @Test
    void enterpriseRootLooksLikeAnAdCsRoot() {
        X509Certificate root = lab.ca("enterprise").certificate();
        // ASN.1 order is DC=test, DC=contoso, CN=contoso-DC01-CA (RFC 4514 prints it reversed)
        RDN[] rdns = X500Name.getInstance(root.getSubjectX500Principal().getEncoded()).getRDNs();
        assertEquals(3, rdns.length);
        assertEquals(BCStyle.DC, rdns[0].getFirst().getType());
        assertEquals("test", rdns[0].getFirst().getValue().toString());
        assertEquals("contoso", rdns[1].getFirst().getValue().toString());
        assertEquals(BCStyle.CN, rdns[2].getFirst().getType());
        assertEquals("contoso-DC01-CA", rdns[2].getFirst().getValue().toString());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());

        boolean[] ku = root.getKeyUsage();
        assertTrue(ku[0] && ku[5] && ku[6], "digitalSignature, keyCertSign, cRLSign");
        assertFalse(ku[1] || ku[2] || ku[3] || ku[4], "no other key usage");
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "CA without path length");
        assertTrue(root.getCriticalExtensionOIDs().contains(BC));
        // Microsoft CA Version V0.0: non-critical INTEGER 0 (02 01 00)
        assertArrayEquals(HexFormat.of().parseHex("020100"), extValue(root, MS_CA_VERSION));
        assertTrue(root.getNonCriticalExtensionOIDs().contains(MS_CA_VERSION));
        assertEquals("SHA256withRSA", root.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        assertEquals(Duration.ofDays(5 * 365), validity(root));
        assertNotNull(root.getExtensionValue("2.5.29.14"), "SKI present");
        assertTrue(root.getCriticalExtensionOIDs().contains(NC), "lab roots are name-constrained");
    }

    @Test
    void enterpriseWebServerLeafCarriesTheTemplateAndAdDistributionPoints() throws Exception {
        IssuedCertificate leaf = lab.issue(new LeafRequest().ca("enterprise").dns("exch01.contoso.test", "mail.contoso.test"));
        X509Certificate c = leaf.certificate();
        // template name: BMPString "WebServer", non-critical
        assertArrayEquals(HexFormat.of().parseHex("1E12005700650062005300650072007600650072"), extValue(c, MS_TEMPLATE_NAME));
        assertTrue(c.getNonCriticalExtensionOIDs().contains(MS_TEMPLATE_NAME));
        assertTrue(c.getCriticalExtensionOIDs().contains(KU), "KU critical");
        boolean[] ku = c.getKeyUsage();
        assertTrue(ku[0] && ku[2], "digitalSignature + keyEncipherment (a0)");
        assertFalse(ku[1] || ku[3] || ku[4] || ku[5] || ku[6]);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertNull(c.getExtensionValue(BC), "AD CS writes no basicConstraints on WebServer leaves");
        String cdp = new String(c.getExtensionValue(CDP), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(cdp.contains("ldap:///CN=contoso-DC01-CA,CN=DC01,CN=CDP,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=test?certificateRevocationList?base?objectClass=cRLDistributionPoint"));
        assertTrue(cdp.contains("http://pki.lab.test/pki/enterprise.crl"));
        String aia = new String(c.getExtensionValue(AIA), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(aia.contains("ldap:///CN=contoso-DC01-CA,CN=AIA,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=test?cACertificate?base?objectClass=certificationAuthority"));
        assertTrue(aia.contains("http://pki.lab.test/pki/enterprise.crt"));
        assertAkiIsIssuerSki(c, lab.ca("enterprise").certificate());
        assertEquals(Duration.ofDays(2 * 365), validity(c));
        assertEquals(Set.of("exch01.contoso.test", "mail.contoso.test"), dnsNames(c));
    }

    @Test
    void publicChainFollowsTheBaselineRequirements() throws Exception {
        IssuingCa issuing = lab.ca("public");
        X509Certificate root = lab.ca("public-root").certificate();
        X509Certificate inter = issuing.certificate();
        assertEquals("CN=Lab Trust Global Root,O=Lab Trust,C=US", root.getSubjectX500Principal().getName());
        assertEquals(4096, ((RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        assertEquals(Duration.ofDays(25 * 365), validity(root));
        assertEquals("CN=Lab Trust TLS RSA CA 2026,O=Lab Trust,C=US", inter.getSubjectX500Principal().getName());
        assertEquals(0, inter.getBasicConstraints(), "pathLen 0");
        assertTrue(inter.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        assertAkiIsIssuerSki(inter, root);
        inter.verify(root.getPublicKey());

        IssuedCertificate leaf = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        X509Certificate c = leaf.certificate();
        c.verify(inter.getPublicKey());
        assertEquals(List.of(inter, root), leaf.issuers());
        assertEquals(List.of(c, inter), leaf.serverChain(), "the server sends leaf + intermediate, not the root");
        assertTrue(c.getCriticalExtensionOIDs().containsAll(Set.of(KU, BC)), "KU and CA:FALSE critical");
        assertEquals(-1, c.getBasicConstraints());
        assertNotNull(c.getExtensionValue(BC), "CA:FALSE written explicitly");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        String policies = HexFormat.of().formatHex(c.getExtensionValue(POLICIES));
        assertTrue(policies.contains("060667810c010201"), "DV policy 2.23.140.1.2.1");
        String aia = new String(c.getExtensionValue(AIA), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(aia.contains("http://pki.lab.test/ocsp/public") && aia.contains("http://pki.lab.test/pki/public.crt"));
        assertTrue(new String(c.getExtensionValue(CDP), java.nio.charset.StandardCharsets.ISO_8859_1).contains("http://pki.lab.test/pki/public.crl"));
        assertNotNull(c.getExtensionValue(SAN));
        assertTrue(c.getSerialNumber().bitLength() >= 64 && c.getSerialNumber().signum() > 0
                && c.getSerialNumber().bitLength() < 160, "64+ random bits, positive, < 2^159");
        assertTrue(validity(c).compareTo(Duration.ofDays(200)) <= 0, "at most 200 days");
        assertAkiIsIssuerSki(c, inter);
    }

    @Test
    void publicLeavesNeedASanAndAtMost200Days() {
        var noSan = org.junit.jupiter.api.Assertions.assertThrows(pkilab.BadInputException.class,
                () -> lab.issue(new LeafRequest().ca("public").commonName("mail.contoso.test").noSan(true)));
        assertTrue(noSan.getMessage().contains("subjectAltName"), noSan.getMessage());
        var tooLong = org.junit.jupiter.api.Assertions.assertThrows(pkilab.BadInputException.class,
                () -> lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test").lifetime(Duration.ofDays(398))));
        assertTrue(tooLong.getMessage().contains("200d"), tooLong.getMessage());
    }

    @Test
    void exchangeSelfSignedLooksLikeExchange2010s() {
        IssuedCertificate self = lab.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        X509Certificate c = self.certificate();
        assertEquals("CN=EXCH01", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals(List.of("EXCH01", "exch01.contoso.test"), dnsList(c));
        assertEquals(2048, ((RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
        assertEquals(Duration.ofDays(5 * 365), validity(c));
        assertNotNull(c.getExtensionValue(BC), "CA:FALSE is written explicitly");
        assertEquals(-1, c.getBasicConstraints());
        assertTrue(self.selfSigned());
        assertEquals(List.of(c), self.serverChain());
    }

    @Test
    void requestOverridesKeySignatureUsageAndTimes() {
        java.time.Instant nb = java.time.Instant.parse("2024-01-01T00:00:00Z");
        java.time.Instant na = java.time.Instant.parse("2024-02-01T00:00:00Z");
        X509Certificate c = lab.issue(new LeafRequest().ca("enterprise").dns("*.contoso.test").ip("127.0.0.5")
                .key(KeyType.EC_P256).signature(SignatureHash.SHA384).extKeyUsage(List.of("clientAuth"))
                .notBefore(nb).notAfter(na)).certificate();
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        assertEquals("SHA384withRSA", c.getSigAlgName(), "signed by the RSA CA key with SHA-384");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), List.copyOf(getEku(c)));
        assertEquals(nb, c.getNotBefore().toInstant());
        assertEquals(na, c.getNotAfter().toInstant());
        assertEquals(Set.of("*.contoso.test"), dnsNames(c));
    }

    @Test
    void cnOnlyCertificateHasNoSan() {
        X509Certificate c = lab.issue(new LeafRequest().ca("enterprise").commonName("legacy.contoso.test").noSan(true)).certificate();
        assertNull(c.getExtensionValue(SAN));
        assertEquals("CN=legacy.contoso.test", c.getSubjectX500Principal().getName());
    }

    @Test
    void anAddressOnlyCertificateHasAnEmptySubjectAndACriticalSan() {
        X509Certificate c = lab.issue(new LeafRequest().ca("public").ip("127.0.0.1")).certificate();
        assertEquals("", c.getSubjectX500Principal().getName());
        assertTrue(c.getCriticalExtensionOIDs().contains(SAN), "RFC 5280: SAN critical when the subject is empty");
    }

    private static List<String> getEku(X509Certificate c) {
        try {
            return c.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] extValue(X509Certificate c, String oid) {
        byte[] v = c.getExtensionValue(oid);
        assertNotNull(v, oid + " present");
        return ASN1OctetString.getInstance(v).getOctets();
    }

    static void assertAkiIsIssuerSki(X509Certificate c, X509Certificate issuer) {
        byte[] aki = AuthorityKeyIdentifier.getInstance(extValue(c, "2.5.29.35")).getKeyIdentifier();
        byte[] ski = SubjectKeyIdentifier.getInstance(extValue(issuer, "2.5.29.14")).getKeyIdentifier();
        assertArrayEquals(ski, aki, "AKI = issuer SKI");
    }

    static Duration validity(X509Certificate c) {
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    static List<String> dnsList(X509Certificate c) {
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans.stream().filter(l -> (Integer) l.get(0) == 2).map(l -> (String) l.get(1)).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    static Set<String> dnsNames(X509Certificate c) {
        return Set.copyOf(dnsList(c));
    }

    @Test
    void serialsAreRandomAndDistinct() {
        BigInteger a = Lab.serial(new CertTemplate());
        BigInteger b = Lab.serial(new CertTemplate());
        assertEquals(128, a.bitLength());
        assertFalse(a.equals(b));
    }
}
