package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pkilab.ca.Lab;
import pkilab.verdict.DiagnosisResult;
import pkilab.probe.Probe;
import pkilab.probe.Resolver;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.scenario.Expectation;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;
import pkilab.verdict.ClientProfile;

/**
 * The catalogue's mutual-TLS and OCSP-stapling scenarios served for real on 127.0.0.1 (port 0)
 * by each TLS engine, and judged by the probe as every client profile: the JDK client
 * presents the scenario's client certificate, reads once after the handshake (a TLS 1.3
 * server refuses a client after the client's Finished), and asks for the stapled answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsAndStaplingTest {
    private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";
    Lab lab;
    ScenarioCatalogue catalogue;
    ScenarioPki.Materials materials;
    List<Scenario> scenarios;
    Map<String, String> labCas = new LinkedHashMap<>();

    @BeforeAll
    void material() {
        lab = TestPki.lab();
        catalogue = ScenarioCatalogue.load(Repo.root());
        materials = ScenarioPki.materialise(lab, catalogue, m -> { });
        // read from the catalogue: every scenario about the client's certificate or about stapling
        scenarios = catalogue.scenarios().stream().filter(s -> s.server().clientAuth() != null || s.server().staples()
                || s.server().extensions().stream().anyMatch(e -> TLS_FEATURE.equals(e.id))).toList();
        for (String id : lab.caIds()) {
            labCas.put(lab.ca(id).certificate().getSubjectX500Principal().getName(), id);
        }
        assertTrue(scenarios.size() >= 7, () -> "found " + scenarios.stream().map(Scenario::id).toList());
    }

    /** A server of the selected scenarios on free loopback ports, with its PKI endpoints. */
    private final class Served implements AutoCloseable {
        final RunningServer server;
        final Resolver resolver;

        Served(TlsEngine engine) {
            List<ServedScenario> served = new ArrayList<>();
            for (Scenario s : scenarios) {
                served.add(ServedScenario.of(materials.get(s.id())));
            }
            server = ScenarioServer.start(LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0).pki(lab).tlsEngine(engine),
                    lab, served, catalogue.clients(), Repo.root().resolve("server"));
            resolver = Resolver.loopbackOnly().map(ScenarioCatalogue.PKI_HOST, 80, new InetSocketAddress(server.address(), server.httpPort()));
        }

        Probe.Result connect(Scenario s, ClientProfile p, boolean withCertificate) {
            ScenarioMaterial.ClientAuth a = materials.get(s.id()).clientAuth();
            Probe.ClientCertificate cert = withCertificate && a != null && a.presents()
                    ? new Probe.ClientCertificate(a.clientKey(), a.clientChain()) : null;
            return Probe.connect(URI.create(s.client().url()), new InetSocketAddress(server.addressOf(s.id()), server.portOf(s.id())),
                    p, trust(s, p), resolver, cert);
        }

        String judge(Scenario s, ClientProfile p, boolean withCertificate) {
            DiagnosisResult d = Probe.diagnose(connect(s, p, withCertificate), p, trust(s, p), labCas, Instant.now(), resolver);
            return d.failures().isEmpty() ? "pass" : "fail " + d.failures().get(0).id();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private List<X509Certificate> trust(Scenario s, ClientProfile p) {
        return materials.trustAnchors(s.id(), p);
    }

    private static String label(Expectation v) {
        return v.pass() ? "pass" : "fail " + v.diagnosis().id();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void everyProfileGetsTheVerdictItsScenarioExpects(TlsEngine engine) {
        try (Served s = new Served(engine)) {
            for (Scenario sc : scenarios) {
                for (ClientProfile p : catalogue.clients().values()) {
                    if (engine == TlsEngine.JDK && sc.server().staples()) {
                        // the JDK engine staples nothing: the scenario needs BoringSSL (scenarios/README.md)
                        assertEquals(0, s.connect(sc, p, true).stapledOcsp().length, sc.id());
                        continue;
                    }
                    assertEquals(label(sc.expectFor(p.id())), s.judge(sc, p, true), sc.id() + " as " + p.id() + " on " + engine);
                }
            }
        }
    }

    @Test
    void boringSslRefusesTheClientWithTheAlertThatSaysWhy() {
        ClientProfile java = catalogue.client("java");
        try (Served s = new Served(TlsEngine.BORINGSSL)) {
            assertNull(s.connect(catalogue.scenario("client-cert-required-ok"), java, true).clientAuth().refusal());
            // TLS 1.3: the alert comes after the client's Finished, on the first read
            assertTrue(refusal(s, "client-cert-missing", java).contains("certificate_required"));
            assertTrue(refusal(s, "client-cert-expired", java).contains("certificate_expired"));
            // a JSSE client sends no certificate whose issuer the server did not name
            Probe.ClientAuthOutcome other = s.connect(catalogue.scenario("client-cert-other-ca"), java, true).clientAuth();
            assertNull(other.sent());
            assertTrue(other.refusal().contains("certificate_required"), other::toString);
        }
    }

    @Test
    void theJdkEngineRefusesTooWithItsOwnAlerts() {
        ClientProfile java = catalogue.client("java");
        try (Served s = new Served(TlsEngine.JDK)) {
            assertNull(s.connect(catalogue.scenario("client-cert-required-ok"), java, true).clientAuth().refusal());
            assertTrue(refusal(s, "client-cert-missing", java).contains("bad_certificate"));
            assertTrue(refusal(s, "client-cert-expired", java).contains("certificate_unknown"));
        }
    }

    private String refusal(Served s, String id, ClientProfile p) {
        Probe.ClientAuthOutcome o = s.connect(catalogue.scenario(id), p, true).clientAuth();
        assertTrue(o.asked(), id);
        assertNotNull(o.refusal(), id);
        return o.refusal();
    }

    @Test
    void theGoodScenarioFailsOnlyForTheMissingCertificate() {
        Scenario ok = catalogue.scenario("client-cert-required-ok");
        ClientProfile router = catalogue.client("email-router");
        try (Served s = new Served(TlsEngine.BORINGSSL)) {
            assertEquals("pass", s.judge(ok, router, true));
            assertEquals("fail client-certificate", s.judge(ok, router, false));
        }
    }

    @Test
    void theStapleIsTheCasEvidenceAndItsAbsenceIsSeen() {
        ClientProfile gnutls = catalogue.client("gnutls");
        try (Served s = new Served(TlsEngine.BORINGSSL)) {
            assertTrue(s.connect(catalogue.scenario("ocsp-stapled-good"), gnutls, false).stapledOcsp().length > 0);
            assertEquals(0, s.connect(catalogue.scenario("must-staple-missing"), gnutls, false).stapledOcsp().length);
            // the stapled "revoked" refuses a client that reads staples, with revocation checking off
            assertEquals(ClientProfile.Revocation.OFF, gnutls.revocation());
            assertEquals("fail revoked", s.judge(catalogue.scenario("ocsp-stapled-revoked"), gnutls, false));
            assertEquals("pass", s.judge(catalogue.scenario("ocsp-stapled-revoked"), catalogue.client("openssl"), false));
            assertFalse(catalogue.client("openssl").adds().contains("stapled-ocsp"));
        }
    }
}
