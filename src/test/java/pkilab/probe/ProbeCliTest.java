package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.family.ArticleCauseWordsTest;
import pkilab.family.JavaFamily;
import pkilab.pem.Pem;
import pkilab.testing.Cli;
import pkilab.testing.TestPki;
import pkilab.testing.Tools;

/**
 * The commands end to end: {@code pkilab probe} against {@code openssl s_server} (a server
 * that is not pkilab's), {@code pkilab diagnose} from files, and bad input.
 */
class ProbeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path lab;
    private static IssuedCertificate self;
    private static IssuedCertificate mail;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        lab = TestPki.lab().home().root();
        self = TestPki.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        mail = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        write("self.crt", Pem.encodeBytes(self.certificate()));
        write("self.key", Pem.encodeBytes(self.key()));
        write("mail.crt", Pem.encodeBytes(mail.certificate()));
        write("mail.key", Pem.encodeBytes(mail.key()));
        write("intermediate.pem", Pem.encodeBytes(TestPki.root("public")));
        write("mail-fullchain.pem", Pem.encodeBytes(mail.serverChain()));
        write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n".getBytes());
    }

    private static void write(String name, byte[] data) throws Exception {
        Files.write(dir.resolve(name), data);
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static void assumeOpenssl() {
        Assumptions.assumeTrue(Tools.available("openssl"), "openssl is not installed");
    }

    @Test
    void probeOfOpensslServerWithSelfSignedCertificateIsCauseOne() throws Exception {
        assumeOpenssl();
        try (OpensslServer server = new OpensslServer(dir.resolve("self.crt"), dir.resolve("self.key"), null)) {
            Cli.Result r = Cli.run(lab, "probe", "https://exch01/EWS/Exchange.asmx", "--connect", server.connect(), "--format", "json");
            assertEquals(1, r.exit(), r.toString());
            JsonNode j = json(r);
            assertEquals("fail", j.get("verdict").asText());
            assertEquals("exch01", j.get("host").asText());
            assertEquals("email-router", j.get("client").asText());
            JsonNode f = j.get("findings").get(0);
            assertEquals("self-signed", f.get("diagnosis").asText());
            assertEquals(1, f.get("cause").asInt());
            assertEquals("CN=EXCH01", f.get("certificate").get("subject").asText());
            assertEquals("pkilab cert issue --ca enterprise --dns exch01 --dns exch01.contoso.test", f.get("command").asText());
            assertEquals(ArticleCauseWordsTest.ROUTER, j.get("emulated").get("dotnet").get("emailRouter").asText());
            assertEquals(JavaFamily.NO_PATH, j.get("native").get("message").asText());
            assertTrue(j.get("connection").get("sni").isNull());
        }
    }

    @Test
    void probeOfOpensslServerWithoutItsIntermediateIsAnIncompleteChainAndTheTwinPasses() throws Exception {
        assumeOpenssl();
        try (OpensslServer server = new OpensslServer(dir.resolve("mail.crt"), dir.resolve("mail.key"), null)) {
            Cli.Result r = Cli.run(lab, "probe", "https://mail.contoso.test/", "--connect", server.connect(), "--as", "java", "--format", "json");
            assertEquals(1, r.exit(), r.toString());
            JsonNode f = json(r).get("findings").get(0);
            assertEquals("incomplete-chain", f.get("diagnosis").asText());
            assertEquals(0, f.get("certificate").get("depth").asInt());
        }
        try (OpensslServer server = new OpensslServer(dir.resolve("mail.crt"), dir.resolve("mail.key"), dir.resolve("intermediate.pem"))) {
            Cli.Result r = Cli.run(lab, "probe", "https://mail.contoso.test/", "--connect", server.connect(), "--as", "java");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("verdict: PASS"), r.out());
            assertTrue(r.out().contains("SNI mail.contoso.test"), r.out());
        }
    }

    @Test
    void resolveMapsTheUrlHostAndTheAiaHostLikeCurl() throws Exception {
        try (TlsServer server = new TlsServer(mail.key(), java.util.List.of(mail.certificate()));
             PkiHttp pki = new PkiHttp(TestPki.lab())) {
            int port = server.address().getPort();
            String pkiPort = String.valueOf(pki.resolver().resolve("pki.lab.test", 80).getPort());
            Cli.Result browser = Cli.run(lab, "probe", "https://mail.contoso.test/owa/", "--as", "browser",
                    "--resolve", "mail.contoso.test:443:127.0.0.1:" + port, "--resolve", "pki.lab.test:80:127.0.0.1:" + pkiPort, "--format", "json");
            assertEquals(0, browser.exit(), browser.toString());
            JsonNode f = json(browser).get("findings").get(0);
            assertEquals("aia-fetched", f.get("diagnosis").asText());
            assertEquals("warning", f.get("severity").asText());
            assertEquals(1, f.get("certificate").get("depth").asInt());

            Cli.Result noAia = Cli.run(lab, "probe", "https://mail.contoso.test/owa/", "--as", "browser",
                    "--resolve", "mail.contoso.test:443:127.0.0.1:" + port, "--format", "json");
            assertEquals(1, noAia.exit(), noAia.toString());
            assertEquals("incomplete-chain", json(noAia).get("findings").get(0).get("diagnosis").asText());

            // a fully qualified name with its root dot, in capitals: the same host, sent in SNI without the dot
            Cli.Result dotted = Cli.run(lab, "probe", "https://Mail.Contoso.Test./owa/", "--as", "browser",
                    "--connect", "127.0.0.1:" + port, "--format", "json");
            assertEquals(1, dotted.exit(), dotted.toString());
            assertEquals("incomplete-chain", json(dotted).get("findings").get(0).get("diagnosis").asText(), dotted.toString());
        }
    }

    @Test
    void diagnoseFromFilesNamesTheMismatchAndItsTwinPasses() {
        Cli.Result bad = Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "exch01", "--as", "java");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("FAIL hostname-mismatch  [article cause 2]  depth 0  CN=mail.contoso.test"), bad.out());
        assertTrue(bad.out().contains("found:    certificate is valid for mail.contoso.test, not exch01"), bad.out());
        Cli.Result good = Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "mail.contoso.test", "--as", "java");
        assertEquals(0, good.exit(), good.toString());
        Cli.Result later = Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "mail.contoso.test",
                "--as", "java", "--at", "+400d", "--format", "json");
        assertEquals(1, later.exit(), later.toString());
        assertTrue(later.out().contains("\"diagnosis\" : \"expired\""), later.out());
    }

    private static void assertBadInput(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void unreachableUrlIsBadInput() throws Exception {
        int port = OpensslServer.freePort();
        assertBadInput(Cli.run(lab, "probe", "https://mail.contoso.test/", "--connect", "127.0.0.1:" + port),
                "cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void anIpv6ResolveIsTakenInBracketsAsCurlTakesIt() throws Exception {
        int port = OpensslServer.freePort();
        assertBadInput(Cli.run(lab, "probe", "https://mail.contoso.test/", "--resolve", "mail.contoso.test:443:[::1]:" + port),
                "cannot connect to [0:0:0:0:0:0:0:1]:" + port + ": connection refused");
        assertBadInput(Cli.run(lab, "probe", "https://mail.contoso.test/", "--resolve", "mail.contoso.test:443:::1"),
                "an IPv6 address goes in brackets, as in HOST:PORT:[::1]");
    }

    @Test
    void plainHttpPortIsBadInput() throws Exception {
        // a plain-HTTP peer that answers a TLS ClientHello the way web servers do: 400 and close
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!http.isClosed()) {
                    try (Socket s = http.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    } catch (java.io.IOException e) {
                        // closed
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            assertBadInput(Cli.run(lab, "probe", "https://mail.contoso.test/", "--connect", "127.0.0.1:" + http.getLocalPort()),
                    "(is it an HTTPS port?)");
        }
    }

    @Test
    void aHostThatIsNoHostNameIsBadInput() {
        assertBadInput(Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "mail contoso.test"),
                "--host: invalid DNS name 'mail contoso.test'");
        Cli.Result ip = Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "[::1]", "--as", "java");
        assertEquals(1, ip.exit(), "an IPv6 address in brackets is a host: " + ip);
    }

    @Test
    void garbagePemIsBadInput() {
        assertBadInput(Cli.run(lab, "diagnose", "--chain", dir.resolve("garbage.pem").toString(), "--host", "x.test"),
                "garbage.pem: not a valid certificate file");
    }

    @Test
    void unknownProfileIsBadInput() {
        assertBadInput(Cli.run(lab, "diagnose", "--chain", dir.resolve("mail-fullchain.pem").toString(), "--host", "x.test", "--as", "nope"),
                "unknown client profile 'nope' (known: email-router,");
    }

    @Test
    void nonHttpsUrlIsBadInput() {
        assertBadInput(Cli.run(lab, "probe", "http://mail.contoso.test/"), "is not an https:// URL");
        assertBadInput(Cli.run(lab, "probe", "https://mail.contoso.test:99999/"), "port 99999 is out of range (1-65535)");
        assertBadInput(Cli.run(lab, "probe", "https://bücher.contoso.test/"), "its ASCII form: xn--bcher-kva.contoso.test");
        assertBadInput(Cli.run(lab, "probe", "https://::1:8443/"), "an IPv6 address goes in brackets, as in https://[::1]:8443/");
    }

    @Test
    void badFlagsAreRefusedBeforeAnyNoteAboutTheProfile(@TempDir Path empty) {
        // a lab home without CAs makes the profile print notes; a bad URL or --connect is the only line
        assertBadInput(Cli.run(empty, "probe", "notaurl"), "'notaurl' is not an https:// URL");
        assertBadInput(Cli.run(empty, "probe", "https://mail.contoso.test/", "--connect", "127.0.0.1:0"),
                "--connect '127.0.0.1:0': bad port");
    }
}
