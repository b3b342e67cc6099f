package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pkilab.clients.RealClientsTest.assertConsistentWith;
import static pkilab.clients.RealClientsTest.assertVerdict;
import static pkilab.clients.RealClientsTest.ifPresent;
import static pkilab.clients.RealClientsTest.runInstalled;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.clients.ClientOutcome.Status;
import pkilab.server.LabServer;
import pkilab.server.RunningServer;
import pkilab.server.Site;
import pkilab.testing.TestLabs;
import pkilab.verdict.Diagnosis;

/**
 * Every installed client against the lab's own server (BoringSSL, the default engine) where a
 * site narrows its TLS versions or cipher suites: what each client really does is what the
 * profiles in clients.yaml say (each test names the measurement it stands for). The failures
 * must arrive as the server's alert, which each client turns into its own words.
 */
class ProtocolClientsTest {
    static Lab lab;
    static Path root;
    static RunningServer server;

    @BeforeAll
    static void start() {
        lab = TestLabs.shared();
        root = lab.certPath("public-root");
        server = LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0)
                .site(site("tls10", List.of("TLSv1"), List.of()))
                .site(site("tls13", List.of("TLSv1.3"), List.of()))
                .site(site("tdes", List.of("TLSv1.2"), List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA")))
                .site(site("rsakx", List.of("TLSv1.2"), List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA")))
                .site(Site.builder("sni").host("127.0.0.9").presenting(lab.issue(new LeafRequest().ca("public").dns("sni.contoso.test")
                        .ip("127.0.0.9"))).sniRequired(true).build())
                .start();
    }

    static Site site(String id, List<String> versions, List<String> ciphers) {
        IssuedCertificate c = lab.issue(new LeafRequest().ca("public").dns(id + ".contoso.test"));
        return Site.builder(id).host(id + ".contoso.test").presenting(c).tlsVersions(versions).ciphers(ciphers).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Map<String, ClientOutcome> run(String id, String clients) {
        ClientTarget t = ClientTarget.of("https://" + id + ".contoso.test/EWS/Exchange.asmx",
                new InetSocketAddress("127.0.0.1", server.portOf(id)), List.of(root));
        return runInstalled(t, clients);
    }

    @Test
    void aTls10OnlyServerIsRefusedByModernClientsWithTheProtocolAlertAndPassesGnuTlsAndMono() {
        Map<String, ClientOutcome> o = run("tls10", "all");
        for (String c : List.of("python", "node", "java", "chromium")) {
            ifPresent(o, c, x -> assertConsistentWith(x, Diagnosis.PROTOCOL));
        }
        ifPresent(o, "python", x -> assertTrue(x.message().contains("tlsv1 alert protocol version"), x::toString));
        ifPresent(o, "java", x -> assertEquals("Received fatal alert: protocol_version", x.message()));
        ifPresent(o, "chromium", x -> assertEquals("net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH", x.message()));
        // curl accepts TLS 1.0 but not the MD5-SHA1 signature of its ECDHE key exchange at SECLEVEL 2
        ifPresent(o, "curl", x -> {
            assertConsistentWith(x, Diagnosis.PROTOCOL);
            assertTrue(x.message().contains("legacy sigalg disallowed"), x::toString);
        });
        ifPresent(o, "gnutls", x -> assertVerdict(x, Status.PASS));
        ifPresent(o, "dotnet", x -> assertVerdict(x, Status.PASS));
    }

    @Test
    void aTls13OnlyServerPassesEveryClientButMono() {
        Map<String, ClientOutcome> o = run("tls13", "all");
        ClientOutcome mono = o.remove("dotnet");
        if (mono != null) {
            assertConsistentWith(mono, Diagnosis.PROTOCOL);
        }
        o.values().forEach(x -> assertVerdict(x, Status.PASS));
    }

    @Test
    void aTripleDesOnlyServerHasNoSuiteInCommonWithAnyClientButMono() {
        Map<String, ClientOutcome> o = run("tdes", "all");
        ClientOutcome mono = o.remove("dotnet");
        if (mono != null) {
            assertVerdict(mono, Status.PASS);
        }
        o.values().forEach(x -> assertConsistentWith(x, Diagnosis.CIPHER));
        ifPresent(o, "curl", x -> assertTrue(x.message().contains("sslv3 alert handshake failure"), x::toString));
        ifPresent(o, "java", x -> assertEquals("Received fatal alert: handshake_failure", x.message()));
        ifPresent(o, "chromium", x -> assertEquals("net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH", x.message()));
    }

    @Test
    void aServerThatRequiresSniRefusesEveryClientThatCallsItByIpAddress() {
        ClientTarget t = ClientTarget.of("https://127.0.0.9/EWS/Exchange.asmx", new InetSocketAddress("127.0.0.9", server.portOf("sni")),
                List.of(root));
        Map<String, ClientOutcome> o = runInstalled(t, "all");
        // GnuTLS says only "A TLS fatal alert has been received"; Mono sends the IP address as SNI, and is refused all the same
        ClientOutcome gnutls = o.remove("gnutls");
        if (gnutls != null) {
            assertVerdict(gnutls, Status.FAIL);
        }
        o.values().forEach(x -> assertConsistentWith(x, Diagnosis.SNI_REQUIRED));
        ifPresent(o, "java", x -> assertEquals("Received fatal alert: unrecognized_name", x.message()));
        ifPresent(o, "chromium", x -> assertEquals("net::ERR_SSL_UNRECOGNIZED_NAME_ALERT", x.message()));
        ifPresent(o, "python", x -> assertTrue(x.message().contains("tlsv1 unrecognized name"), x::toString));
    }

    @Test
    void aStaticRsaOnlyServerFailsOnlyPython() {
        Map<String, ClientOutcome> o = run("rsakx", "all");
        ClientOutcome python = o.remove("python");
        if (python != null) {
            assertConsistentWith(python, Diagnosis.CIPHER);
            assertTrue(python.message().contains("sslv3 alert handshake failure"), python::toString);
        }
        o.values().forEach(x -> assertVerdict(x, Status.PASS));
    }
}
