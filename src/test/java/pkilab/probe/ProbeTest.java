package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.family.ClientFamily;
import pkilab.family.DotNetFamily;
import pkilab.family.JavaFamily;
import pkilab.testing.TestPki;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;
import pkilab.verdict.Verdict;

/**
 * Real handshakes against a JDK TLS server on a free loopback port: what the probe captures,
 * the SNI it sends, and the native JSSE result beside the engine's emulated JSSE text.
 */
class ProbeTest {
    private static IssuedCertificate self;
    private static IssuedCertificate mail;
    private static X509Certificate publicRoot;

    @BeforeAll
    static void pki() {
        self = TestPki.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        mail = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test").ip("127.0.0.1"));
        publicRoot = TestPki.root("public-root");
    }

    private static DiagnosisResult probe(TlsServer server, String url, ClientProfile p, Probe.Result[] captured) {
        Probe.Result r = Probe.connect(URI.create(url), server.address(), p, List.of(publicRoot), null);
        captured[0] = r;
        return Probe.diagnose(r, p, List.of(publicRoot), TestPki.labCas(), Instant.now(), null);
    }

    @Test
    void selfSignedServerFailsNativelyWithTheTextTheEngineEmulates() throws Exception {
        try (TlsServer server = new TlsServer(self.key(), self.serverChain())) {
            Probe.Result[] r = new Probe.Result[1];
            DiagnosisResult d = probe(server, "https://exch01.contoso.test/EWS/Exchange.asmx", TestPki.profile("java"), r);
            assertEquals(List.of(self.certificate()), r[0].presented());
            assertEquals(Diagnosis.SELF_SIGNED, d.failures().get(0).diagnosis());
            assertFalse(r[0].nativeOk());
            assertEquals(JavaFamily.NO_PATH, r[0].nativeMessage());
            assertEquals(r[0].nativeMessage(), JavaFamily.INSTANCE.say(d));
            assertEquals(List.of("exch01.contoso.test"), server.lastSni());
        }
    }

    @Test
    void theEngineOnlyProbeShakesHandsOnceAndJudgesTheSame() throws Exception {
        try (TlsServer server = new TlsServer(self.key(), self.serverChain())) {
            URI url = URI.create("https://exch01.contoso.test/EWS/Exchange.asmx");
            ClientProfile java = TestPki.profile("java");
            Probe.Result both = Probe.connect(url, server.address(), java, List.of(publicRoot), null);
            int afterBoth = server.accepted();
            Probe.Result engine = Probe.connectForEngine(url, server.address(), java, List.of(publicRoot), null, null);
            assertEquals(1, server.accepted() - afterBoth, "pkilab run needs one handshake a connection, not the native second one");
            assertEquals(2, afterBoth, "probe makes the captured handshake and the native one");
            assertEquals(both.presented(), engine.presented());
            assertEquals("not tried", engine.nativeMessage());
            assertEquals(Probe.diagnose(both, java, List.of(publicRoot), TestPki.labCas(), Instant.EPOCH.plusSeconds(1_800_000_000L), null).findings(),
                    Probe.diagnose(engine, java, List.of(publicRoot), TestPki.labCas(), Instant.EPOCH.plusSeconds(1_800_000_000L), null).findings());
        }
    }

    @Test
    void nameMismatchNativeJsseTextMatchesTheEmulationAndTheTwinPasses() throws Exception {
        try (TlsServer server = new TlsServer(mail.key(), mail.serverChain())) {
            Probe.Result[] r = new Probe.Result[1];
            DiagnosisResult d = probe(server, "https://autodiscover.contoso.test/autodiscover/autodiscover.xml", TestPki.profile("java"), r);
            assertEquals(List.of("hostname-mismatch"), d.failures().stream().map(Finding::id).toList());
            assertEquals("javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching autodiscover.contoso.test found.",
                    r[0].nativeMessage());
            assertEquals(r[0].nativeMessage(), JavaFamily.INSTANCE.say(d));

            DiagnosisResult twin = probe(server, "https://mail.contoso.test/owa/", TestPki.profile("java"), r);
            assertEquals(Verdict.PASS, twin.verdict());
            assertTrue(r[0].nativeOk(), r[0].nativeMessage());
            assertEquals(mail.serverChain(), r[0].presented());
        }
    }

    @Test
    void noSniForIpLiteralsAndSingleLabelHosts() throws Exception {
        try (TlsServer server = new TlsServer(mail.key(), mail.serverChain())) {
            Probe.Result[] r = new Probe.Result[1];
            DiagnosisResult ip = probe(server, "https://127.0.0.1/", TestPki.profile("java"), r);
            assertNull(r[0].sni());
            assertEquals(List.of(), server.lastSni());
            assertEquals(Verdict.PASS, ip.verdict());
            assertTrue(r[0].nativeOk(), r[0].nativeMessage());

            DiagnosisResult single = probe(server, "https://exch01/", TestPki.profile("java"), r);
            assertEquals(List.of(), server.lastSni());
            assertEquals("certificate is valid for mail.contoso.test, 127.0.0.1, not exch01", single.failures().get(0).found());
        }
    }

    @Test
    void serverWithoutTheClientsProtocolVersionIsAProtocolFailure() throws Exception {
        try (TlsServer server = new TlsServer(mail.key(), mail.serverChain(), "TLSv1.3")) {
            Probe.Result[] r = new Probe.Result[1];
            DiagnosisResult router = probe(server, "https://mail.contoso.test/", TestPki.profile("email-router"), r);
            assertEquals(List.of("protocol"), router.failures().stream().map(Finding::id).toList());
            assertEquals("one of TLSv1.2", router.failures().get(0).expected());
            assertFalse(r[0].nativeOk());
            assertEquals(JavaFamily.INSTANCE.say(router), r[0].nativeMessage());
            @SuppressWarnings("unchecked")
            Map<String, Object> dotnet = (Map<String, Object>) ClientFamily.sayAll(router).get("dotnet");
            assertEquals(DotNetFamily.ROUTER_SEND_FAILURE, dotnet.get("emailRouter"));

            DiagnosisResult java = probe(server, "https://mail.contoso.test/", TestPki.profile("java"), r);
            assertEquals(Verdict.PASS, java.verdict());
            assertEquals("TLSv1.3", r[0].protocol());
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> jsseCases() {
        java.time.Instant now = Instant.now();
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("expired leaf", new LeafRequest().ca("public").dns("mail.contoso.test")
                        .notBefore(now.minus(java.time.Duration.ofDays(30))).notAfter(now.minus(java.time.Duration.ofDays(1))), "mail.contoso.test", true),
                org.junit.jupiter.params.provider.Arguments.of("clientAuth only", new LeafRequest().ca("public").dns("mail.contoso.test")
                        .extKeyUsage(List.of("clientAuth")), "mail.contoso.test", true),
                org.junit.jupiter.params.provider.Arguments.of("leaf without its intermediate", new LeafRequest().ca("public").dns("mail.contoso.test"),
                        "mail.contoso.test", false),
                org.junit.jupiter.params.provider.Arguments.of("CN only, other name", new LeafRequest().ca("enterprise").commonName("mail.contoso.test").noSan(true),
                        "exch01.contoso.test", true),
                org.junit.jupiter.params.provider.Arguments.of("IP not on the certificate", new LeafRequest().ca("public").dns("mail.contoso.test"),
                        "127.0.0.1", true));
    }

    /** The emulated JSSE text is what this JVM's JSSE really says, case by case. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("jsseCases")
    void emulatedJsseTextIsTheNativeText(String name, LeafRequest request, String host, boolean sendIntermediate) throws Exception {
        IssuedCertificate leaf = TestPki.issue(request);
        List<X509Certificate> chain = sendIntermediate ? leaf.serverChain() : List.of(leaf.certificate());
        List<X509Certificate> trust = List.of(publicRoot, TestPki.root("enterprise"));
        try (TlsServer server = new TlsServer(leaf.key(), chain)) {
            ClientProfile java = TestPki.profile("java");
            Probe.Result r = Probe.connect(URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + "/"), server.address(),
                    java, trust, null);
            DiagnosisResult d = Probe.diagnose(r, java, trust, TestPki.labCas(), Instant.now(), null);
            assertFalse(r.nativeOk());
            assertEquals(Verdict.FAIL, d.verdict());
            assertEquals(r.nativeMessage(), JavaFamily.INSTANCE.say(d));
        }
    }
}
