package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pkilab.LegacyTls;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioPki;
import pkilab.scenario.ServerTls;
import pkilab.scenario.Expectation;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.ScenarioServer;
import pkilab.server.ServedScenario;
import pkilab.server.TlsEngine;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;

/**
 * The scenarios whose server narrows its TLS versions or cipher suites, served for real on
 * 127.0.0.1 by each engine, and probed as every client profile with the JDK client: the
 * handshake (not the chain) decides, and the verdict and its diagnosis are the ones the
 * scenario's YAML records. {@code commercial} is served beside them: a default site speaks
 * TLS 1.0 too, so the legacy E-mail Router gets through to it.
 */
class ProtocolScenariosTest {
    static ScenarioCatalogue catalogue;
    static ScenarioPki.Materials materials;
    static List<Scenario> chosen;

    @BeforeAll
    static void make() {
        assertTrue(LegacyTls.jdkSpeaks("TLSv1"), "the test JVM lets the JDK speak TLS 1.0 (LegacyTlsSession)");
        catalogue = ScenarioCatalogue.load(Repo.root());
        materials = ScenarioPki.materialise(TestPki.lab(), catalogue, m -> { });
        chosen = new ArrayList<>(catalogue.scenarios().stream().filter(s -> !s.server().tls().equals(ServerTls.DEFAULT)).toList());
        assertTrue(chosen.stream().map(Scenario::id).toList().containsAll(List.of("tls10-only", "tls11-only",
                "tls12-required-old-router", "tls13-only", "3des-only", "static-rsa-only", "sni-required", "rsa-512")), chosen::toString);
        chosen.add(catalogue.scenario("commercial"));
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void everyProfileGetsTheVerdictTheScenarioRecords(TlsEngine engine) throws Exception {
        List<ServedScenario> served = chosen.stream().map(s -> ServedScenario.of(materials.get(s.id()))).toList();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (PkiHttp http = new PkiHttp(TestPki.lab());
             RunningServer server = ScenarioServer.start(LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0)
                     .tlsEngine(engine).pki(TestPki.lab()), TestPki.lab(), served, catalogue.clients(), Repo.root().resolve("server"))) {
            for (Scenario s : chosen) {
                InetSocketAddress to = new InetSocketAddress(server.addressOf(s.id()), server.portOf(s.id()));
                for (Map.Entry<String, Expectation> e : catalogue.verdicts(s).entrySet()) {
                    ClientProfile p = catalogue.client(e.getKey());
                    Probe.Result r = Probe.connect(URI.create(s.client().url()), to, p, materials.trustAnchors(s.id(), p), http.resolver());
                    DiagnosisResult d = Probe.diagnose(r, p, materials.trustAnchors(s.id(), p), TestPki.labCas(), Instant.now(), http.resolver());
                    String got = d.failures().isEmpty() ? "pass" : d.failures().get(0).id();
                    String expected = e.getValue().pass() ? "pass" : e.getValue().diagnosis().id();
                    checked++;
                    if (!got.equals(expected)) {
                        wrong.add(s.id() + " as " + p.id() + ": expected " + expected + ", got " + got + " (" + r.protocol() + ", " + r.cipher() + ")");
                    }
                    // the JDK client's own handshake fails where the scenario says protocol or cipher, and a Java
                    // profile's passes where it says pass (other stacks accept keys the JDK refuses)
                    boolean handshakeRefused = !e.getValue().pass() && List.of("protocol", "cipher", "sni-required").contains(expected);
                    boolean javaPasses = e.getValue().pass() && p.family() == ClientProfile.Family.JAVA;
                    if (handshakeRefused && r.nativeOk() || javaPasses && !r.nativeOk()) {
                        wrong.add(s.id() + " as " + p.id() + ": the JDK's handshake " + (r.nativeOk() ? "succeeded" : "failed: " + r.nativeMessage()));
                    }
                    // the server says why, with the alert a user's client turns into its message (not a dropped connection)
                    String alert = expected.equals("protocol") ? "Received fatal alert: protocol_version"
                            : expected.equals("cipher") ? "Received fatal alert: handshake_failure"
                            : expected.equals("sni-required") ? "Received fatal alert: unrecognized_name" : null;
                    if (alert != null && !r.nativeMessage().contains(alert)) {
                        wrong.add(s.id() + " as " + p.id() + ": expected the alert '" + alert + "', the JDK said " + r.nativeMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, engine + ": " + checked + " checked, " + wrong.size() + " wrong:\n" + String.join("\n", wrong));
    }
}
