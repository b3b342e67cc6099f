package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.LeafRequest;
import pkilab.ca.SignatureHash;
import pkilab.family.JavaFamily;
import pkilab.testing.TestPki;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;
import pkilab.verdict.Verdict;

/**
 * Each diagnosis of the closed list: a chain that produces it and a twin that changes one
 * thing and passes (or fails for another reason), with the exact finding.
 */
class DiagnosisEngineTest {
    private static Instant NOW;

    @org.junit.jupiter.api.BeforeAll
    static void lab() {
        TestPki.lab();
        NOW = Instant.now().plusSeconds(1);
    }

    static DiagnosisResult diagnose(List<X509Certificate> presented, List<X509Certificate> trusted, String host, ClientProfile p) {
        return DiagnosisEngine.diagnose(TestPki.input(presented, trusted, host), p, NOW, null);
    }

    static List<String> ids(DiagnosisResult r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toList());
    }

    static X509Certificate publicRoot() {
        return TestPki.root("public-root");
    }

    static X509Certificate enterprise() {
        return TestPki.root("enterprise");
    }

    @Test
    void theEngineRanksEveryDiagnosisOnce() {
        // a diagnosis missing from the importance list would sort wherever it happened to fall
        assertEquals(java.util.EnumSet.allOf(Diagnosis.class), java.util.EnumSet.copyOf(DiagnosisEngine.IMPORTANCE));
        assertEquals(Diagnosis.values().length, DiagnosisEngine.IMPORTANCE.size());
    }

    @Test
    void selfSignedExchangeCertificateIsCauseOne() {
        IssuedCertificate self = TestPki.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        DiagnosisResult r = diagnose(self.serverChain(), List.of(publicRoot(), enterprise()), "exch01.contoso.test", TestPki.profile("email-router"));
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(List.of("self-signed"), ids(r));
        Finding f = r.findings().get(0);
        assertEquals(0, f.depth());
        assertEquals("CN=EXCH01", f.subject());
        assertEquals(1, f.cause());
        assertEquals("certificate is self-signed (issuer = subject = CN=EXCH01) and not in this client's trusted roots", f.found());
        assertEquals("a certificate issued by a CA the client trusts (trusted roots: Lab Trust Global Root, contoso-DC01-CA)", f.expected());
        assertEquals("pkilab cert issue --ca enterprise --dns exch01.contoso.test --dns EXCH01", f.command());

        DiagnosisResult twin = diagnose(self.serverChain(), List.of(self.certificate()), "exch01.contoso.test", TestPki.profile("email-router"));
        assertEquals(Verdict.PASS, twin.verdict(), twin.findings().toString());
    }

    @Test
    void enterpriseRootIsUntrustedOnAWorkgroupPc() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("enterprise").dns("mail.contoso.test"));
        List<X509Certificate> sent = List.of(leaf.certificate(), enterprise());
        DiagnosisResult r = diagnose(sent, List.of(publicRoot()), "mail.contoso.test", TestPki.profile("workgroup-pc"));
        assertEquals(List.of("untrusted-root", "revocation-not-checked"), ids(r));
        Finding f = r.findings().get(0);
        assertEquals(1, f.depth());
        assertEquals("CN=contoso-DC01-CA,DC=contoso,DC=test", f.subject());
        assertEquals("the chain ends in CN=contoso-DC01-CA,DC=contoso,DC=test, which is not in this client's trusted roots", f.found());
        assertEquals("pkilab trust script --os windows --ca enterprise --out to-windows/", f.command());

        DiagnosisResult twin = diagnose(sent, List.of(publicRoot(), enterprise()), "mail.contoso.test", TestPki.profile("email-router"));
        assertEquals(Verdict.PASS, twin.verdict());
        assertTrue(twin.has(Notice.ROOT_SENT));
    }

    @Test
    void missingIntermediateIsAnIncompleteChainForJava() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        DiagnosisResult r = diagnose(List.of(leaf.certificate()), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("incomplete-chain"), ids(r).subList(0, 1));
        Finding f = r.findings().get(0);
        assertEquals(0, f.depth());
        assertTrue(f.found().startsWith("the issuer CN=Lab Trust TLS RSA CA 2026,O=Lab Trust,C=US was not sent by the server (it sent 1 certificate)"), f.found());

        DiagnosisResult twin = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(Verdict.PASS, twin.verdict(), twin.findings().toString());
    }

    @Test
    void aiaFetchingClientGetsTheIntermediateFromTheLabServer() throws Exception {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        try (PkiHttp http = new PkiHttp(TestPki.lab())) {
            ChainInput in = TestPki.input(List.of(leaf.certificate()), List.of(publicRoot()), "mail.contoso.test");
            DiagnosisResult browser = DiagnosisEngine.diagnose(in, TestPki.profile("browser"), NOW, http.resolver());
            assertEquals(Verdict.PASS, browser.verdict(), browser.findings().toString());
            Finding f = browser.finding(Notice.AIA_FETCHED);
            assertEquals(1, f.depth());
            assertEquals("the server did not send it; this client fetched it from http://pki.lab.test/pki/public.crt", f.found());

            // the same chain for a client that does not fetch: the engine fetches to explain, the client fails
            DiagnosisResult java = DiagnosisEngine.diagnose(in, TestPki.profile("java"), NOW, http.resolver());
            Finding g = java.finding(Diagnosis.INCOMPLETE_CHAIN);
            assertEquals("the server sent 1 certificate without the issuer CN=Lab Trust TLS RSA CA 2026,O=Lab Trust,C=US;"
                    + " this client does not fetch it from http://pki.lab.test/pki/public.crt", g.found());
        }
        DiagnosisResult offline = DiagnosisEngine.diagnose(TestPki.input(List.of(leaf.certificate()), List.of(publicRoot()), "mail.contoso.test"),
                TestPki.profile("browser"), NOW, Resolver.loopbackOnly());
        assertTrue(offline.finding(Diagnosis.INCOMPLETE_CHAIN).found().contains("fetching it failed: http://pki.lab.test/pki/public.crt: pki.lab.test:80 is not reachable"),
                offline.finding(Diagnosis.INCOMPLETE_CHAIN).found());
    }

    @Test
    void urlNotOnTheCertificateIsCauseTwo() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test", "autodiscover.contoso.test"));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "exch01", TestPki.profile("email-router"));
        assertEquals("hostname-mismatch", ids(r).get(0));
        Finding f = r.findings().get(0);
        assertEquals(2, f.cause());
        assertEquals(0, f.depth());
        assertEquals("certificate is valid for mail.contoso.test, autodiscover.contoso.test, not exch01", f.found());
        assertEquals("exch01 among the subjectAltName DNS names", f.expected());
        assertEquals("pkilab cert issue --ca enterprise --dns exch01 --dns exch01.contoso.test --dns mail.contoso.test"
                + " --dns autodiscover.contoso.test", f.command());

        DiagnosisResult twin = diagnose(leaf.serverChain(), List.of(publicRoot()), "autodiscover.contoso.test", TestPki.profile("email-router"));
        assertEquals(Verdict.PASS, twin.verdict());
    }

    @Test
    void wildcardCoversOneLeftMostLabelAndIpNeedsAnIpEntry() {
        IssuedCertificate wild = TestPki.issue(new LeafRequest().ca("public").dns("*.contoso.test").ip("127.0.0.1"));
        ClientProfile java = TestPki.profile("java");
        assertEquals(Verdict.PASS, diagnose(wild.serverChain(), List.of(publicRoot()), "mail.contoso.test", java).verdict());
        assertEquals(Verdict.PASS, diagnose(wild.serverChain(), List.of(publicRoot()), "127.0.0.1", java).verdict());
        Finding deep = diagnose(wild.serverChain(), List.of(publicRoot()), "a.mail.contoso.test", java).finding(Diagnosis.HOSTNAME_MISMATCH);
        assertEquals("certificate is valid for *.contoso.test, 127.0.0.1, not a.mail.contoso.test"
                + " (possibly because a wildcard covers exactly one left-most label)", deep.found());
        assertNotNull(diagnose(wild.serverChain(), List.of(publicRoot()), "contoso.test", java).finding(Diagnosis.HOSTNAME_MISMATCH));
        Finding ip = diagnose(wild.serverChain(), List.of(publicRoot()), "127.0.0.2", java).finding(Diagnosis.HOSTNAME_MISMATCH);
        assertEquals("127.0.0.2 as an iPAddress subjectAltName entry", ip.expected());
    }

    @Test
    void expiredAndWrongNameAreBothReported() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .notBefore(NOW.minus(Duration.ofDays(30))).notAfter(NOW.minus(Duration.ofDays(1))));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "exch01.contoso.test", TestPki.profile("java"));
        // JSSE matches the host only after PKIX validation: "validity check failed" is what it names
        assertEquals(List.of("expired", "hostname-mismatch"), ids(r).subList(0, 2));
        assertTrue(JavaFamily.INSTANCE.say(r).endsWith("validity check failed"), JavaFamily.INSTANCE.say(r));
        // Chromium ranks the name above the date: ERR_CERT_COMMON_NAME_INVALID
        DiagnosisResult chromium = diagnose(leaf.serverChain(), List.of(publicRoot()), "exch01.contoso.test", TestPki.profile("browser"));
        assertEquals(List.of("hostname-mismatch", "expired"), ids(chromium).subList(0, 2));
        // a protocol finding the probe adds goes first, and the profile's order of the rest stays
        DiagnosisResult wire = DiagnosisEngine.with(r, new Finding(Diagnosis.PROTOCOL, null, -1, null, "TLSv1", "TLSv1.2", 0, "", null));
        assertEquals(List.of("protocol", "expired", "hostname-mismatch"), ids(wire).subList(0, 3));
        Finding f = r.finding(Diagnosis.EXPIRED);
        assertEquals(0, f.depth());
        assertTrue(f.found().startsWith("certificate expired at " + leaf.certificate().getNotAfter().toInstant()), f.found());

        IssuedCertificate renewed = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .notBefore(NOW.minus(Duration.ofDays(30))).notAfter(NOW.plus(Duration.ofDays(1))));
        DiagnosisResult twin = diagnose(renewed.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(Verdict.PASS, twin.verdict(), twin.findings().toString());
    }

    @Test
    void notYetValid() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .notBefore(NOW.plus(Duration.ofDays(1))).notAfter(NOW.plus(Duration.ofDays(30))));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("not-yet-valid"), ids(r).subList(0, 1));
        DiagnosisResult later = DiagnosisEngine.diagnose(TestPki.input(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test"),
                TestPki.profile("java"), NOW.plus(Duration.ofDays(2)), null);
        assertEquals(Verdict.PASS, later.verdict());
    }

    @Test
    void sha1IsAWeakSignatureForOpenSslButAcceptedByJava() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test").signature(SignatureHash.SHA1));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("openssl"));
        assertEquals(List.of("weak-signature"), ids(r).subList(0, 1));
        assertEquals("signed with SHA1withRSA", r.findings().get(0).found());
        DiagnosisResult java = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(Verdict.PASS, java.verdict());
        assertTrue(java.has(Notice.SHA1_ACCEPTED));
    }

    @Test
    void rsa1024IsAWeakKeyForOpenSslButNotForJava() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test").key(KeyType.RSA_1024));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("openssl"));
        assertEquals(List.of("weak-key"), ids(r).subList(0, 1));
        assertEquals("RSA key of 1024 bits", r.findings().get(0).found());
        assertEquals("RSA 2048 bits or more", r.findings().get(0).expected());
        assertEquals(Verdict.PASS, diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java")).verdict());
    }

    @Test
    void clientAuthOnlyCertificateIsWrongUsage() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test").extKeyUsage(List.of("clientAuth")));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("wrong-usage"), ids(r).subList(0, 1));
        assertEquals("extendedKeyUsage clientAuth", r.findings().get(0).found());
        IssuedCertificate twin = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test").extKeyUsage(List.of("serverAuth", "clientAuth")));
        assertEquals(Verdict.PASS, diagnose(twin.serverChain(), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java")).verdict());
    }

    @Test
    void serverCertificateUsedAsIssuerIsNotACa() {
        TestPki.Signed notCa = TestPki.caBelow(TestPki.ca("enterprise"), "CN=exch01-as-ca, DC=contoso, DC=test", false);
        X509Certificate leaf = TestPki.leafBelow(notCa.certificate(), notCa.keys().getPrivate(), "mail.contoso.test");
        DiagnosisResult r = diagnose(List.of(leaf, notCa.certificate()), List.of(enterprise()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("not-a-ca"), ids(r));
        assertEquals(1, r.findings().get(0).depth());
        assertEquals("it signed CN=mail.contoso.test but its basicConstraints say CA:FALSE", r.findings().get(0).found());

        TestPki.Signed realCa = TestPki.caBelow(TestPki.ca("enterprise"), "CN=contoso-Issuing-CA, DC=contoso, DC=test", true);
        X509Certificate leaf2 = TestPki.leafBelow(realCa.certificate(), realCa.keys().getPrivate(), "mail.contoso.test");
        assertEquals(List.of(), ids(diagnose(List.of(leaf2, realCa.certificate()), List.of(enterprise()), "mail.contoso.test", TestPki.profile("java"))));
    }

    @Test
    void subCaBelowAPathLenZeroIntermediateBreaksThePathLength() {
        TestPki.Signed sub = TestPki.caBelow(TestPki.ca("public"), "CN=Lab Trust Sub CA, O=Lab Trust, C=US", true);
        X509Certificate leaf = TestPki.leafBelow(sub.certificate(), sub.keys().getPrivate(), "mail.contoso.test");
        List<X509Certificate> sent = List.of(leaf, sub.certificate(), TestPki.root("public"));
        DiagnosisResult r = diagnose(sent, List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("path-length"), ids(r));
        Finding f = r.findings().get(0);
        assertEquals(2, f.depth());
        assertEquals("1 CA certificate(s) below it", f.found());
        assertEquals("at most pathLenConstraint 0", f.expected());

        TestPki.Signed sub2 = TestPki.caBelow(TestPki.ca("enterprise"), "CN=contoso-Sub-CA, DC=contoso, DC=test", true);
        X509Certificate leaf2 = TestPki.leafBelow(sub2.certificate(), sub2.keys().getPrivate(), "mail.contoso.test");
        assertEquals(List.of(), ids(diagnose(List.of(leaf2, sub2.certificate()), List.of(enterprise()), "mail.contoso.test", TestPki.profile("java"))));
    }

    @Test
    void nameOutsideTheLabRootsConstraints() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("enterprise").dns("mail.contoso.com"));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(enterprise()), "mail.contoso.com", TestPki.profile("email-router"));
        assertEquals(List.of("name-constraints"), ids(r).subList(0, 1));
        Finding f = r.findings().get(0);
        assertEquals(1, f.depth());
        assertTrue(f.found().startsWith("mail.contoso.com is outside the name constraints of CN=contoso-DC01-CA"), f.found());

        // Java ignores constraints in trust anchors: the same chain passes, with a warning
        ClientProfile java = new ClientProfile("java-domain", "", ClientProfile.Family.JAVA, List.of("enterprise"), false,
                ClientProfile.Revocation.OFF, true, true, 1024, false, List.of("TLSv1.3"), List.of(), List.of(), List.of());
        DiagnosisResult twin = diagnose(leaf.serverChain(), List.of(enterprise()), "mail.contoso.com", java);
        assertEquals(Verdict.PASS, twin.verdict());
        assertTrue(twin.has(Notice.ANCHOR_CONSTRAINTS_IGNORED));
    }

    @Test
    void noSanFailsWithoutCnFallbackAndWarnsWithIt() {
        IssuedCertificate leaf = TestPki.issue(new LeafRequest().ca("enterprise").commonName("mail.contoso.test").noSan(true));
        ClientProfile strictNames = TestPki.with(TestPki.profile("email-router"), p -> p.cn(false));
        DiagnosisResult r = diagnose(leaf.serverChain(), List.of(enterprise()), "mail.contoso.test", strictNames);
        assertEquals(List.of("no-san"), ids(r).subList(0, 1));
        assertEquals("certificate has no subjectAltName; only subject CN=mail.contoso.test", r.findings().get(0).found());
        assertEquals("pkilab cert issue --ca enterprise --dns mail.contoso.test", r.findings().get(0).command());

        DiagnosisResult twin = diagnose(leaf.serverChain(), List.of(enterprise()), "mail.contoso.test", TestPki.profile("email-router"));
        assertEquals(Verdict.PASS, twin.verdict());
        assertTrue(twin.has(Notice.CN_FALLBACK));
    }

    @Test
    void signatureByAnotherKeyIsABadSignature() {
        pkilab.ca.IssuingCa pub = TestPki.ca("public");
        X509Certificate forged = TestPki.leafBelow(pub.certificate(), TestPki.ca("enterprise").key(), "mail.contoso.test");
        DiagnosisResult r = diagnose(List.of(forged, pub.certificate()), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"));
        assertEquals(List.of("bad-signature"), ids(r));
        assertEquals(0, r.findings().get(0).depth());
        X509Certificate genuine = TestPki.leafBelow(pub.certificate(), pub.key(), "mail.contoso.test");
        assertEquals(List.of(), ids(diagnose(List.of(genuine, pub.certificate()), List.of(publicRoot()), "mail.contoso.test", TestPki.profile("java"))));
    }

    @Test
    void revokedLeafFailsAHardFailClientAndUnreachableCrlIsUnknown() throws Exception {
        IssuedCertificate revoked = TestPki.issue(new LeafRequest().ca("enterprise").dns("revoked.contoso.test"));
        IssuedCertificate good = TestPki.issue(new LeafRequest().ca("enterprise").dns("good.contoso.test"));
        TestPki.lab().revoke("enterprise", revoked.certificate().getSerialNumber(), pkilab.ca.RevocationReason.parse("keyCompromise"), NOW);
        ClientProfile hard = TestPki.with(TestPki.profile("email-router"), p -> p.revocation(ClientProfile.Revocation.HARD));
        try (PkiHttp http = new PkiHttp(TestPki.lab())) {
            DiagnosisResult r = DiagnosisEngine.diagnose(TestPki.input(revoked.serverChain(), List.of(enterprise()), "revoked.contoso.test"),
                    hard, NOW.plusSeconds(5), http.resolver());
            assertEquals(List.of("revoked"), ids(r), r.findings().toString());
            assertTrue(r.findings().get(0).found().matches("revoked at .*, reason KEY_COMPROMISE \\(OCSP http://pki.lab.test/ocsp/enterprise\\)"),
                    r.findings().get(0).found());
            DiagnosisResult twin = DiagnosisEngine.diagnose(TestPki.input(good.serverChain(), List.of(enterprise()), "good.contoso.test"),
                    hard, NOW.plusSeconds(5), http.resolver());
            assertEquals(List.of(), ids(twin));
        }
        try (PkiHttp crlOnly = new PkiHttp(TestPki.lab(), false)) {
            DiagnosisResult r = DiagnosisEngine.diagnose(TestPki.input(revoked.serverChain(), List.of(enterprise()), "revoked.contoso.test"),
                    hard, NOW.plusSeconds(5), crlOnly.resolver());
            assertEquals(List.of("revoked"), ids(r), r.findings().toString());
            assertTrue(r.findings().get(0).found().matches("revoked at .*, reason KEY_COMPROMISE \\(CRL http://pki.lab.test/pki/enterprise.crl\\)"),
                    r.findings().get(0).found());
        }
        DiagnosisResult unknown = DiagnosisEngine.diagnose(TestPki.input(good.serverChain(), List.of(enterprise()), "good.contoso.test"),
                hard, NOW, Resolver.loopbackOnly());
        assertEquals(List.of("revocation-unknown"), ids(unknown));
        ClientProfile soft = TestPki.with(hard, p -> p.revocation(ClientProfile.Revocation.SOFT));
        DiagnosisResult softR = DiagnosisEngine.diagnose(TestPki.input(good.serverChain(), List.of(enterprise()), "good.contoso.test"),
                soft, NOW, Resolver.loopbackOnly());
        assertEquals(List.of("revocation-soft-fail"), ids(softR));
        assertFalse(softR.verdict() == Verdict.FAIL);
    }
}
