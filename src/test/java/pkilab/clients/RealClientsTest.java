package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.ca.SignatureHash;
import pkilab.clients.ClientOutcome.Status;
import pkilab.verdict.Diagnosis;
import pkilab.testing.TestLabs;

/**
 * Every installed client against real TLS servers on 127.0.0.1: each pass has a twin that
 * changes one thing (the trusted root, the URL's name) and fails for that reason, and the
 * client differences of REFERENCE §6 show up for real.
 */
class RealClientsTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String HOST = "mail.contoso.test";

    static Lab lab;
    static Path publicRoot;
    static Path enterpriseRoot;
    static List<TestHttpsServer> servers = new ArrayList<>();
    static TestHttpsServer good;
    static TestHttpsServer selfSigned;
    static TestHttpsServer cnOnly;
    static TestHttpsServer sha1;
    static TestHttpsServer leafOnly;
    static TestHttpsServer ipSan;
    static TestHttpsServer ipCn;
    static TestHttpsServer aia;
    static TestHttpsServer rsa1024;
    static TestHttpsServer expired;

    @BeforeAll
    static void servers() throws Exception {
        lab = TestLabs.shared();
        publicRoot = lab.certPath("public-root");
        enterpriseRoot = lab.certPath("enterprise");
        IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns(HOST));
        good = serve(mail, mail.serverChain());
        IssuedCertificate self = lab.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        selfSigned = serve(self, self.serverChain());
        IssuedCertificate cn = lab.issue(new LeafRequest().ca("enterprise").commonName(HOST).noSan(true));
        cnOnly = serve(cn, cn.serverChain());
        IssuedCertificate weak = lab.issue(new LeafRequest().ca("enterprise").dns(HOST).signature(SignatureHash.SHA1));
        sha1 = serve(weak, weak.serverChain());
        leafOnly = serve(mail, List.of(mail.certificate()));
        // CN=localhost: with no DNS name the CN would be "127.0.0.1", which OpenSSL and GnuTLS
        // check against the root's DNS name constraints (see ipOnlyCertificate… below)
        IssuedCertificate ip = lab.issue(new LeafRequest().ca("public").dns("localhost").ip("127.0.0.1"));
        ipSan = serve(ip, ip.serverChain());
        IssuedCertificate bareIp = lab.issue(new LeafRequest().ca("public").commonName("127.0.0.1").ip("127.0.0.1"));
        ipCn = serve(bareIp, bareIp.serverChain());
        IssuedCertificate small = lab.issue(new LeafRequest().ca("public").dns(HOST).key(pkilab.ca.KeyType.RSA_1024));
        rsa1024 = serve(small, small.serverChain());
        java.time.Instant now = java.time.Instant.now();
        IssuedCertificate old = lab.issue(new LeafRequest().ca("public").dns(HOST)
                .notBefore(now.minus(Duration.ofDays(100))).notAfter(now.minus(Duration.ofDays(10))));
        expired = serve(old, old.serverChain());
        aia = TestHttpsServer.http(Map.of("/pki/public.crt", lab.ca("public").certificate().getEncoded()));
        servers.add(aia);
    }

    private static TestHttpsServer serve(IssuedCertificate c, List<java.security.cert.X509Certificate> chain) throws Exception {
        TestHttpsServer s = TestHttpsServer.https(c.key(), chain);
        servers.add(s);
        return s;
    }

    @AfterAll
    static void stop() {
        servers.forEach(TestHttpsServer::close);
    }

    static ClientTarget target(String url, TestHttpsServer server, Path root) {
        return ClientTarget.of(url, server.address(), List.of(root));
    }

    /** Runs each installed client of {@code names} against the target, two at a time. */
    static Map<String, ClientOutcome> runInstalled(ClientTarget target, String names) {
        List<ClientDriver> drivers = ClientDrivers.byName(names).stream().filter(d -> d.available().installed()).toList();
        List<ClientOutcome> outcomes = ClientDrivers.runAll(ClientDrivers.runs(drivers, List.of(target)), TIMEOUT, 2);
        Map<String, ClientOutcome> byName = new LinkedHashMap<>();
        for (ClientOutcome o : outcomes) {
            System.out.println(target.url() + " " + o + "\n    $ " + o.commandLine().replaceAll("\\s+", " ").substring(0, Math.min(200, o.commandLine().length())));
            byName.put(o.client(), o);
        }
        return byName;
    }

    static void assertVerdict(ClientOutcome o, Status v) {
        assertEquals(v, o.verdict(), () -> o + "\n" + o.commandLine());
        assertNotNull(o.exitCode(), o::toString);
        assertFalse(o.command().isEmpty(), o::toString);
    }

    static void assertConsistentWith(ClientOutcome o, Diagnosis d) {
        assertVerdict(o, Status.FAIL);
        assertTrue(o.diagnoses().contains(d), () -> o.client() + " said '" + o.message() + "', mapped to " + o.diagnoses() + ", expected " + d + " among them");
    }

    static void assertFailsWith(ClientOutcome o, Diagnosis... anyOf) {
        assertVerdict(o, Status.FAIL);
        assertTrue(o.diagnosis().isPresent() && List.of(anyOf).contains(o.diagnosis().get()),
                () -> o.client() + " said '" + o.message() + "', mapped to " + o.diagnoses() + ", expected one of " + List.of(anyOf));
    }

    @Test
    void everyClientAcceptsTheRightRootAndRefusesAnother() {
        Map<String, ClientOutcome> pass = runInstalled(target("https://" + HOST + "/EWS/Exchange.asmx", good, publicRoot), "all");
        Map<String, ClientOutcome> wrongRoot = runInstalled(target("https://" + HOST + "/EWS/Exchange.asmx", good, enterpriseRoot), "all");
        assertFalse(pass.isEmpty(), "no client is installed");
        pass.values().forEach(o -> assertVerdict(o, Status.PASS));
        wrongRoot.values().forEach(o -> assertFailsWith(o, Diagnosis.UNTRUSTED_ROOT, Diagnosis.SELF_SIGNED));
        if (wrongRoot.containsKey("curl")) {
            assertEquals("SSL certificate problem: unable to get local issuer certificate", wrongRoot.get("curl").message());
        }
        if (wrongRoot.containsKey("chromium")) {
            assertEquals("net::ERR_CERT_AUTHORITY_INVALID", wrongRoot.get("chromium").message());
        }
    }

    @Test
    void everyClientRefusesTheUrlNameTheCertificateLacks() {
        // article cause 2: the same server and root, a URL name that is not on the certificate
        Map<String, ClientOutcome> mismatch = runInstalled(target("https://exch01.contoso.test/EWS/Exchange.asmx", good, publicRoot), "all");
        mismatch.values().forEach(o -> assertFailsWith(o, Diagnosis.HOSTNAME_MISMATCH));
        if (mismatch.containsKey("openssl")) {
            assertEquals("verify error:num=62:hostname mismatch", mismatch.get("openssl").message());
        }
    }

    @Test
    void everyOpenSslClientCallsASelfSignedExchangeCertificateSelfSigned() {
        // article cause 1
        Map<String, ClientOutcome> self = runInstalled(target("https://exch01.contoso.test/EWS/Exchange.asmx", selfSigned, publicRoot), "all");
        self.values().forEach(o -> assertFailsWith(o, Diagnosis.SELF_SIGNED, Diagnosis.UNTRUSTED_ROOT));
        for (String openssl : List.of("curl", "openssl", "python", "node")) {
            if (self.containsKey(openssl)) {
                assertEquals(Diagnosis.SELF_SIGNED, self.get(openssl).diagnosis().orElseThrow(), self.get(openssl)::toString);
            }
        }
    }

    @Test
    void anIpAddressUrlIsCheckedAgainstTheIpSan() {
        Map<String, ClientOutcome> pass = runInstalled(target("https://127.0.0.1/owa/", ipSan, publicRoot), "all");
        // Mono's BoringSSL cannot match an IP SAN against the lab root's iPAddress constraints
        ClientOutcome mono = pass.remove("dotnet");
        if (mono != null) {
            assertFailsWith(mono, Diagnosis.NAME_CONSTRAINTS);
            assertTrue(mono.message().endsWith("Unrecognized X509VerifyStatusCode:UNSUPPORTED_CONSTRAINT_TYPE"), mono::toString);
        }
        pass.values().forEach(o -> assertVerdict(o, Status.PASS));
        Map<String, ClientOutcome> byName = runInstalled(target("https://" + HOST + "/owa/", ipSan, publicRoot), "curl,openssl,java");
        byName.values().forEach(o -> assertFailsWith(o, Diagnosis.HOSTNAME_MISMATCH));
    }

    @Test
    void aCnOnlyCertificatePassesInCurlAndFailsInChromium() {
        Map<String, ClientOutcome> o = runInstalled(target("https://" + HOST + "/", cnOnly, enterpriseRoot), "curl,chromium,java");
        ifPresent(o, "curl", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "java", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "chromium", c -> {
            assertFailsWith(c, Diagnosis.HOSTNAME_MISMATCH, Diagnosis.NO_SAN);
            assertEquals("net::ERR_CERT_COMMON_NAME_INVALID", c.message());
        });
    }

    @Test
    void aSha1SignedLeafPassesInJavaAndFailsInCurl() {
        Map<String, ClientOutcome> o = runInstalled(target("https://" + HOST + "/", sha1, enterpriseRoot), "java,curl,chromium");
        ifPresent(o, "java", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "curl", c -> {
            assertFailsWith(c, Diagnosis.WEAK_SIGNATURE);
            assertEquals("SSL certificate problem: CA signature digest algorithm too weak", c.message());
        });
        // Chromium no longer parses SHA-1 signatures at all: "invalid", not "weak"
        ifPresent(o, "chromium", c -> {
            assertConsistentWith(c, Diagnosis.WEAK_SIGNATURE);
            assertEquals("net::ERR_CERT_INVALID", c.message());
        });
    }

    @Test
    void aLeafSentWithoutItsIntermediateFailsInCurlAndChromiumFetchesItFromAia() {
        ClientTarget t = target("https://" + HOST + "/", leafOnly, publicRoot);
        Map<String, ClientOutcome> o = runInstalled(t.resolving("pki.lab.test:80", aia.address()), "curl,chromium");
        // OpenSSL says the same for a missing intermediate as for an unknown root
        ifPresent(o, "curl", c -> {
            assertConsistentWith(c, Diagnosis.INCOMPLETE_CHAIN);
            assertEquals("SSL certificate problem: unable to get local issuer certificate", c.message());
        });
        ifPresent(o, "chromium", c -> assertVerdict(c, Status.PASS));
    }

    @Test
    void anIpOnlyCertificateWithTheIpAsCnBreaksTheRootsNameConstraintsForOpenSslAndGnuTlsOnly() {
        // the lab roots permit .test, localhost and loopback addresses; OpenSSL and GnuTLS
        // also hold a CN that looks like a host name to the DNS constraints, Chromium ignores
        // the CN, Java ignores constraints in trust anchors
        Map<String, ClientOutcome> o = runInstalled(target("https://127.0.0.1/", ipCn, publicRoot), "curl,gnutls,java,chromium");
        ifPresent(o, "curl", c -> {
            assertFailsWith(c, Diagnosis.NAME_CONSTRAINTS);
            assertEquals("SSL certificate problem: permitted subtree violation", c.message());
        });
        ifPresent(o, "gnutls", c -> assertFailsWith(c, Diagnosis.NAME_CONSTRAINTS));
        ifPresent(o, "java", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "chromium", c -> assertVerdict(c, Status.PASS));
    }

    @Test
    void anRsa1024LeafFailsInOpenSslAtSecurityLevel2ButPassesInGnuTlsNodeAndJava() {
        // Debian's OpenSSL runs at SECLEVEL 2; Node bundles its own OpenSSL at level 1
        Map<String, ClientOutcome> o = runInstalled(target("https://" + HOST + "/", rsa1024, publicRoot), "curl,openssl,gnutls,node,java");
        ifPresent(o, "curl", c -> assertFailsWith(c, Diagnosis.WEAK_KEY));
        ifPresent(o, "openssl", c -> assertEquals("verify error:num=66:EE certificate key too weak", c.message()));
        ifPresent(o, "gnutls", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "node", c -> assertVerdict(c, Status.PASS));
        ifPresent(o, "java", c -> assertVerdict(c, Status.PASS));
    }

    @Test
    void anExpiredLeafIsDiagnosedExpiredEvenWhereTheReasonIsOnlyInTheCauseChain() {
        Map<String, ClientOutcome> o = runInstalled(target("https://" + HOST + "/", expired, publicRoot), "curl,gnutls,python,node,java");
        o.values().forEach(c -> assertFailsWith(c, Diagnosis.EXPIRED));
        // JSSE's top message says only "validity check failed"; CertificateExpiredException is a cause
        ifPresent(o, "java", c -> assertEquals("PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed", c.message()));
    }

    @Test
    void severalTrustedRootsGoIntoOneBundleAndTheRightOneIsAmongThem() {
        ClientTarget both = new ClientTarget(java.net.URI.create("https://" + HOST + "/"), good.address(),
                List.of(enterpriseRoot, publicRoot), Map.of());
        runInstalled(both, "curl,gnutls,python,java").values().forEach(c -> assertVerdict(c, Status.PASS));
    }

    static void ifPresent(Map<String, ClientOutcome> m, String name, java.util.function.Consumer<ClientOutcome> check) {
        if (m.containsKey(name)) {
            check.accept(m.get(name));
        }
    }
}
