package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.CertNames;
import pkilab.family.ClientFamily;
import pkilab.pem.Pem;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;
import pkilab.testing.Tools;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * The emulated OpenSSL verify error against the real one: every catalogue scenario is
 * verified by {@code openssl verify} (security level 2, host name check) with the openssl
 * profile's roots, and its first error number must be the one the engine predicts.
 */
class OpensslAgreementTest {
    private static final Pattern ERROR = Pattern.compile("error (\\d+) at \\d+ depth lookup");

    @TempDir
    Path dir;

    @Test
    void emulatedOpensslErrorIsWhatOpensslVerifySays() throws Exception {
        Assumptions.assumeTrue(Tools.available("openssl"), "openssl is not installed");
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        ScenarioPki.Materials materials = ScenarioPki.materialise(TestPki.lab(), catalogue, m -> { });
        ClientProfile openssl = catalogue.client("openssl");
        List<String> wrong = new ArrayList<>();
        for (Scenario s : catalogue.scenarios()) {
            ScenarioMaterial m = materials.get(s.id());
            List<X509Certificate> roots = materials.trustAnchors(s.id(), openssl);
            DiagnosisResult d = DiagnosisEngine.diagnose(new ChainInput(m.serverChain(), roots, s.host(), TestPki.labCas()),
                    openssl, Instant.now(), null);
            @SuppressWarnings("unchecked")
            Map<String, Object> emulated = (Map<String, Object>) ClientFamily.sayAll(d).get("openssl");
            Path ca = dir.resolve(s.id() + "-roots.pem");
            Path untrusted = dir.resolve(s.id() + "-untrusted.pem");
            Path leaf = dir.resolve(s.id() + "-leaf.pem");
            Files.write(ca, Pem.encodeBytes(roots));
            Files.write(leaf, Pem.encodeBytes(m.serverChain().get(0)));
            List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-auth_level", "2", "-purpose", "sslserver", "-CAfile", ca.toString()));
            if (m.serverChain().size() > 1) {
                Files.write(untrusted, Pem.encodeBytes(m.serverChain().subList(1, m.serverChain().size())));
                cmd.addAll(List.of("-untrusted", untrusted.toString()));
            }
            cmd.addAll(List.of(CertNames.isIp(s.host()) ? "-verify_ip" : "-verify_hostname", CertNames.stripBrackets(s.host()), leaf.toString()));
            Tools.Run run = Tools.run(cmd);
            Matcher em = ERROR.matcher(run.output());
            int real = run.exit() == 0 ? 0 : em.find() ? Integer.parseInt(em.group(1)) : -1;
            int predicted = (Integer) emulated.get("code");
            if (real != predicted) {
                wrong.add(s.id() + ": openssl says " + real + ", engine predicts " + predicted + " (" + d.failures().stream().map(Finding::id).toList()
                        + ") — " + run.output().replace('\n', ' '));
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }
}
