package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pkilab.BadInputException;
import pkilab.ca.IssuedCertificate;
import pkilab.testing.TestPki;

/**
 * Real handshakes against a real server on 127.0.0.1 with free ports, once per TLS engine:
 * BoringSSL and the JDK must behave the same on everything a scenario relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LabServerTlsTest {
    IssuedCertificate mail;
    IssuedCertificate owa;
    IssuedCertificate legacy;
    IssuedCertificate exch01;
    IssuedCertificate modern;
    RunningServer server;
    List<java.security.cert.X509Certificate> roots;

    /** The engine under test. */
    abstract TlsEngine engine();

    @BeforeAll
    void start() {
        mail = TestPki.leaf("public", "mail.contoso.test");
        owa = TestPki.leaf("enterprise", "owa.contoso.test");
        legacy = TestPki.leaf("public", "legacy.contoso.test");
        exch01 = TestPki.leaf("public", "exch01");
        modern = TestPki.leaf("public", "modern.contoso.test");
        roots = List.of(mail.root(), owa.root());
        server = LabServer.builder()
                .tlsEngine(engine())
                .exchange(TestPki.content())
                .site(Site.builder("mail").host("mail.contoso.test").presenting(mail).build())
                .site(Site.builder("owa").host("owa.contoso.test").presenting(owa).build())
                .site(Site.builder("leaf-only").host("legacy.contoso.test")
                        .chain(List.of(legacy.certificate()), legacy.key()).build())
                .site(Site.builder("netbios").host("exch01").presenting(exch01).build())
                .site(Site.builder("tls12").host("modern.contoso.test").presenting(modern)
                        .tlsVersions(List.of("TLSv1.2")).build())
                .start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theServerUsesTheEngineAskedFor() {
        assertEquals(engine(), server.tlsEngine());
    }

    @Test
    void sniChoosesTheCertificateOfTheNamedHost() throws Exception {
        TlsClient c = new TlsClient(roots);
        try (SSLSocket s = c.connect(server.httpsPort(), "mail.contoso.test")) {
            assertEquals(mail.certificate(), s.getSession().getPeerCertificates()[0]);
        }
        try (SSLSocket s = c.connect(server.httpsPort(), "owa.contoso.test")) {
            assertEquals(owa.certificate(), s.getSession().getPeerCertificates()[0]);
        }
        assertEquals(server.httpsPort(), server.portFor("mail.contoso.test"));
        assertEquals(server.httpsPort(), server.portFor("OWA.contoso.test"));
    }

    @Test
    void aSiteSendsExactlyTheChainItWasGiven() throws Exception {
        TlsClient c = new TlsClient(roots);
        try (SSLSocket s = c.connect(server.httpsPort(), "mail.contoso.test")) {
            assertEquals(mail.serverChain(), c.received, "leaf + intermediate");
        }
        // the twin: the same CA, but the server leaves the intermediate out
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> c.connect(server.httpsPort(), "legacy.contoso.test").close());
        assertEquals(List.of(legacy.certificate()), c.received, "leaf only, nothing added");
        assertTrue(e.getMessage().contains("unable to find valid certification path"), e.getMessage());
    }

    @Test
    void anUnknownNameIsRefusedNotAnsweredWithAnotherSite() throws Exception {
        TlsClient c = new TlsClient(roots);
        // the server sends its alert and closes; a client still writing may see the reset first
        IOException unknown = assertThrows(IOException.class,
                () -> c.connect(server.httpsPort(), "nobody.contoso.test").close());
        if (unknown instanceof SSLHandshakeException) {
            assertTrue(unknown.getMessage().contains("unrecognized_name"), unknown.getMessage());
        }
        assertTrue(c.received.isEmpty(), "no certificate was sent");
        // without SNI: a handshake_failure alert, not a connection that just ends
        IOException none = assertThrows(IOException.class,
                () -> c.connect("127.0.0.1", server.httpsPort(), "mail.contoso.test", false).close());
        assertTrue(String.valueOf(none.getMessage()).contains("handshake_failure"), none.toString());
        assertTrue(c.received.isEmpty(), "no certificate was sent without SNI");
        // the twin: the same client with a served name gets a certificate
        c.connect(server.httpsPort(), "mail.contoso.test").close();
        assertEquals(mail.serverChain(), c.received);
    }

    @Test
    void aSingleLabelHostHasAPortOfItsOwnAndNeedsNoSni() throws Exception {
        int port = server.portFor("exch01");
        assertNotEquals(server.httpsPort(), port);
        TlsClient c = new TlsClient(roots);
        try (SSLSocket s = c.connect("127.0.0.1", port, "exch01", false)) {
            assertEquals(exch01.certificate(), s.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void aSiteOffersOnlyItsTlsVersions() throws Exception {
        try (SSLSocket s = new TlsClient(roots).connect(server.httpsPort(), "modern.contoso.test")) {
            assertEquals("TLSv1.2", s.getSession().getProtocol());
        }
        try (SSLSocket s = new TlsClient(roots).connect(server.httpsPort(), "mail.contoso.test")) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        assertThrows(SSLHandshakeException.class, () -> new TlsClient(roots).protocols("TLSv1.3")
                .connect(server.httpsPort(), "modern.contoso.test").close());
    }

    @Test
    void olderClientsCipherSuitesAreAcceptedByBothEngines() throws Exception {
        // what a Windows Server 2012 R2 client without the 2015 update offers: CBC with SHA-1
        // MACs (the test sites have EC P-256 keys, hence ECDSA)
        for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")) {
            try (SSLSocket s = new TlsClient(roots).protocols("TLSv1.2").suites(suite).connect(server.httpsPort(), "mail.contoso.test")) {
                assertEquals(suite, s.getSession().getCipherSuite());
            }
        }
        // the twin: a suite neither engine enables is refused
        assertThrows(IOException.class, () -> new TlsClient(roots).protocols("TLSv1.2").suites("TLS_DH_anon_WITH_AES_128_CBC_SHA")
                .connect(server.httpsPort(), "mail.contoso.test").close());
    }

    @Test
    void eachSiteAnswersTheExchangeEndpoints() throws Exception {
        TlsClient c = new TlsClient(roots);
        String soap = c.request(server.httpsPort(), "owa.contoso.test", "POST", "/EWS/Exchange.asmx");
        assertTrue(soap.startsWith("HTTP/1.1 200"), soap);
        assertTrue(soap.contains("GetFolderResponseMessage ResponseClass=\"Success\""), soap);
        assertTrue(soap.contains("X-Pkilab-Site: owa"), soap);
        String auto = c.request(server.httpsPort(), "mail.contoso.test", "POST", "/autodiscover/autodiscover.xml");
        assertTrue(auto.contains("<EwsUrl>https://mail.contoso.test:" + server.httpsPort() + "/EWS/Exchange.asmx</EwsUrl>"), auto);
        assertTrue(c.request(server.httpsPort(), "mail.contoso.test", "GET", "/EWS/Services.wsdl").contains("wsdl:definitions"));
        assertTrue(c.request(server.httpsPort(), "mail.contoso.test", "GET", "/owa/").contains("Outlook Web App"));
        assertTrue(c.request(server.httpsPort(), "mail.contoso.test", "GET", "/EWS/Exchange.asmx").startsWith("HTTP/1.1 405"));
        assertTrue(c.request(server.httpsPort(), "mail.contoso.test", "GET", "/nothing").startsWith("HTTP/1.1 404"));
    }

    @Test
    void readyLinesNameEveryUrlAndItsPort() {
        List<String> lines = server.readyLines();
        assertEquals(5, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.matches("https://mail\\.contoso\\.test/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.1:"
                + server.httpsPort())), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("https://exch01/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.1:"
                + server.portFor("exch01"))), lines.toString());
    }

    @Test
    void theWarmUpHandshakeCompletesInMemory() throws Exception {
        assertTrue(TlsWarmUp.handshake(Site.builder("w").host("mail.contoso.test").presenting(mail).build()));
    }

    @Test
    void aProbeWithoutServerNameIsToldTheSharedPortRefusedIt() {
        // exch01 is single-label: like real clients, the probe sends no SNI for it
        BadInputException e = assertThrows(BadInputException.class, () -> pkilab.probe.Probe.connect(
                java.net.URI.create("https://exch01/EWS/Exchange.asmx"), new java.net.InetSocketAddress("127.0.0.1", server.httpsPort()),
                pkilab.scenario.ClientProfiles.load(pkilab.testing.Repo.root()).get("email-router"), roots, null));
        assertTrue(e.getMessage().contains("handshake_failure (the server refused a handshake without a server name;"), e.getMessage());
    }

    @Test
    void aTakenPortIsBadInputNamingIt() {
        BadInputException e = assertThrows(BadInputException.class, () -> LabServer.builder()
                .exchange(TestPki.content()).httpsPort(server.httpsPort()).start().close());
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1 (https " + server.httpsPort() + ", http 0): a port is taken"),
                e.getMessage());
    }

    @Test
    void aStartFailingAfterSomeListenersOpenedReturnsAndReleasesThem() throws Exception {
        // the single-label site gets a port of its own, opened before the shared port fails
        long before = xnioThreads();
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(BadInputException.class,
                () -> LabServer.builder().exchange(TestPki.content()).httpsPort(server.httpsPort())
                        .site(Site.builder("exch01").host("exch01").presenting(mail).build()).start().close()));
        assertTrue(e.getMessage().contains("a port is taken"), e.getMessage());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (xnioThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, xnioThreads(), "the failed server's I/O and accept threads are gone");
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsNamed() {
        // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(BadInputException.class,
                () -> LabServer.builder().exchange(TestPki.content()).bind("192.0.2.1").httpsPort(0).httpPort(0)
                        .site(Site.builder("mail").host("mail.contoso.test").presenting(mail).build()).start().close()));
        assertEquals("cannot listen on 192.0.2.1 (https 0, http 0): 192.0.2.1 is not an address of this machine;"
                + " give --bind one of its addresses, or 127.0.0.1", e.getMessage());
    }

    private static long xnioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("XNIO-")).count();
    }

    @Test
    void twoSitesCannotShareAHostName() {
        BadInputException e = assertThrows(BadInputException.class, () -> LabServer.builder()
                .exchange(TestPki.content())
                .site(Site.builder("a").host("mail.contoso.test").presenting(mail).build())
                .site(Site.builder("b").host("MAIL.contoso.test").presenting(owa).build())
                .start());
        assertEquals("host name 'mail.contoso.test' is used by both site 'a' and site 'b' (each name can lead to one certificate only)",
                e.getMessage());
    }
}
