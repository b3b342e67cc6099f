package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.scenario.Expectation;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;
import pkilab.verdict.DiagnosisResult;

/**
 * The engine against the whole scenario catalogue: for every scenario and every client
 * profile, the verdict and the leading diagnosis the scenario's YAML records.
 */
class CatalogueDiagnosisTest {
    @Test
    void everyScenarioAsEveryProfileIsAsTheCatalogueExpects() throws Exception {
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        ScenarioPki.Materials materials = ScenarioPki.materialise(TestPki.lab(), catalogue, m -> { });
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (PkiHttp http = new PkiHttp(TestPki.lab())) {
            for (ScenarioMaterial m : materials.all()) {
                if (m.scenario().server().issuer() == pkilab.scenario.ServerSide.Issuer.ENTERPRISE_TWO_TIER) {
                    http.publish(pkilab.scenario.ServerSide.ISSUING_CA_PATH + m.id() + ".crt", m.fullChain().get(1).getEncoded());
                }
            }
            for (Scenario s : catalogue.scenarios()) {
                ScenarioMaterial m = materials.get(s.id());
                if (s.server().clientAuth() != null) {
                    // the server refuses the client there, on the wire: MutualTlsAndStaplingTest handshakes them
                    continue;
                }
                for (Map.Entry<String, Expectation> e : catalogue.verdicts(s).entrySet()) {
                    ClientProfile p = catalogue.client(e.getKey());
                    // what the handshake brings besides the chain: the stapled OCSP answer, or none
                    ChainInput in = new ChainInput(m.serverChain(), materials.trustAnchors(s.id(), p), s.host(), TestPki.labCas())
                            .stapled(m.staple() == null ? new byte[0] : m.staple().get());
                    DiagnosisResult r = DiagnosisEngine.diagnose(in, p, Instant.now(), http.resolver());
                    Expectation want = e.getValue();
                    if (!want.pass() && want.diagnosis().decidedInHandshake()) {
                        continue;   // decided in the handshake, not by the chain: ProtocolScenariosTest
                    }
                    String got = r.failures().isEmpty() ? "pass" : r.failures().get(0).id();
                    String expected = want.pass() ? "pass" : want.diagnosis().id();
                    checked++;
                    if (!got.equals(expected)) {
                        wrong.add(s.id() + " as " + p.id() + ": expected " + expected + ", engine says " + got + " " + r.failures());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, checked + " checked, " + wrong.size() + " wrong:\n" + String.join("\n", wrong));
    }
}
