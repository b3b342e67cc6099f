package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.pem.Pem;
import pkilab.verdict.Diagnosis;
import pkilab.testing.Repo;
import pkilab.testing.Tools;
import pkilab.verdict.ClientProfile;

/**
 * The catalogue's {@code openssl} column checked by the real tool: {@code openssl verify} with
 * the profile's roots plus the scenario's extra trust, the chain the server sends, the URL's
 * host, purpose sslserver and security level 2 (Debian's default). No handshake: this checks
 * the certificates and the expectations; the server's tests do the handshakes.
 */
class OpenSslVerdictTest {
    /** OpenSSL verify error numbers each diagnosis may show up as (REFERENCE §7). */
    private static final Map<Diagnosis, Set<Integer>> ERRORS = Map.ofEntries(
            Map.entry(Diagnosis.SELF_SIGNED, Set.of(18)),
            Map.entry(Diagnosis.UNTRUSTED_ROOT, Set.of(19, 20)),
            Map.entry(Diagnosis.INCOMPLETE_CHAIN, Set.of(20, 21)),
            Map.entry(Diagnosis.HOSTNAME_MISMATCH, Set.of(62, 64)),
            Map.entry(Diagnosis.EXPIRED, Set.of(10)),
            Map.entry(Diagnosis.NOT_YET_VALID, Set.of(9)),
            Map.entry(Diagnosis.WEAK_SIGNATURE, Set.of(68)),
            Map.entry(Diagnosis.WEAK_KEY, Set.of(66)),
            Map.entry(Diagnosis.WRONG_USAGE, Set.of(26)),
            Map.entry(Diagnosis.NOT_A_CA, Set.of(24, 79)),   // OpenSSL 3.0 prints 79 "invalid CA certificate"
            Map.entry(Diagnosis.NAME_CONSTRAINTS, Set.of(47)),
            Map.entry(Diagnosis.PATH_LENGTH, Set.of(25)),
            Map.entry(Diagnosis.UNKNOWN_CRITICAL_EXTENSION, Set.of(34)),
            Map.entry(Diagnosis.MALFORMED, Set.of(7, 41)));

    static ScenarioCatalogue catalogue;
    static ScenarioPki.Materials m;

    @BeforeAll
    static void materialise() {
        Assumptions.assumeTrue(Tools.available("openssl"), "openssl not installed");
        catalogue = SharedMaterial.CATALOG;
        m = SharedMaterial.MATERIALS;
    }

    @Test
    void opensslAgreesWithTheOpensslColumnOfEveryScenario(@TempDir Path tmp) throws Exception {
        ClientProfile openssl = catalogue.client("openssl");
        List<String> disagreements = new ArrayList<>();
        for (ScenarioMaterial s : m.all()) {
            if (s.scenario().server().clientAuth() != null) {
                // the server's chain is fine there; the server refuses the client (MutualTlsAndStaplingTest)
                continue;
            }
            Expectation expected = s.scenario().expectFor("openssl");
            if (!expected.pass() && expected.diagnosis().decidedInHandshake()) {
                continue;   // the server's TLS settings, not its chain: ProtocolScenariosTest and ProtocolClientsTest
            }
            Path dir = Files.createDirectories(tmp.resolve(s.id()));
            Path anchors = write(dir.resolve("anchors.pem"), m.trustAnchors(s.id(), openssl));
            List<X509Certificate> sent = s.serverChain();
            Path leaf = write(dir.resolve("leaf.pem"), sent.subList(0, 1));
            List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", anchors.toString(),
                    "-purpose", "sslserver", "-auth_level", "2"));
            if (s.scenario().hostIsIp()) {
                cmd.addAll(List.of("-verify_ip", s.host()));
            } else {
                cmd.addAll(List.of("-verify_hostname", s.host()));
            }
            if (sent.size() > 1) {
                cmd.addAll(List.of("-untrusted", write(dir.resolve("sent.pem"), sent.subList(1, sent.size())).toString()));
            }
            cmd.add(leaf.toString());
            Tools.Run r = Tools.run(cmd);
            Matcher e = Pattern.compile("error (\\d+) at").matcher(r.output());
            Integer error = e.find() ? Integer.valueOf(e.group(1)) : null;
            boolean passed = r.exit() == 0;
            // openssl verify -verify_hostname matches the name inside OpenSSL's verification, before
            // the dates, as Python does; curl, whom the openssl column speaks for, matches it after
            Expectation inside = s.scenario().expectFor("python");
            boolean named = !passed && (ERRORS.getOrDefault(expected.diagnosis(), Set.of()).contains(error)
                    || !inside.pass() && ERRORS.getOrDefault(inside.diagnosis(), Set.of()).contains(error));
            if (passed != expected.pass() || (!passed && !named)) {
                disagreements.add(s.id() + ": expected " + expected.label() + ", openssl said: " + r.output().strip().replace('\n', ' '));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    private static Path write(Path file, List<X509Certificate> certs) throws Exception {
        Files.write(file, Pem.encodeBytes(certs.toArray()));
        assertTrue(Files.size(file) > 0);
        return file;
    }
}
