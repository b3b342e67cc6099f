package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.BadInputException;
import pkilab.clients.ClientOutcome.Status;
import pkilab.testing.TestLabs;

/** The registry, missing programs, timeouts and refused connections: the runs that say nothing about a certificate. */
class ClientDriversTest {
    static Path root;

    @BeforeAll
    static void lab() {
        root = TestLabs.shared().certPath("public-root");
    }

    @Test
    void namesSelectDriversInOrderAndAllMeansEveryOne() {
        assertEquals(List.of("curl", "openssl"), ClientDrivers.byName("curl, openssl,curl").stream().map(ClientDriver::name).toList());
        assertEquals(ClientDrivers.NAMES, ClientDrivers.byName("all").stream().map(ClientDriver::name).toList());
        assertEquals(ClientDrivers.NAMES, ClientDrivers.all().stream().map(ClientDriver::name).toList());
        BadInputException e = assertThrows(BadInputException.class, () -> ClientDrivers.byName("curl,edge"));
        assertEquals("unknown client 'edge' (known: curl, openssl, gnutls, python, node, java, chromium, dotnet, or all)", e.getMessage());
    }

    @Test
    void aMissingProgramIsSkippedWithTheInstallHintNeverDropped(@TempDir Path dir) {
        ClientTarget t = ClientTarget.of("https://mail.contoso.test/", new InetSocketAddress(InetAddress.getLoopbackAddress(), 443), List.of(root));
        for (String name : ClientDrivers.NAMES) {
            ClientDriver d = ClientDrivers.create(name, dir.resolve("no-such-" + name).toString());
            assertFalse(d.available().installed(), name);
            ClientOutcome o = d.run(t, Duration.ofSeconds(5));
            assertEquals(Status.SKIPPED, o.verdict(), o::toString);
            assertNull(o.exitCode());
            assertTrue(o.message().contains("not found (install: apt-get install "), o.message());
        }
        ClientOutcome gnutls = ClientDrivers.create("gnutls", dir.resolve("gnutls-cli").toString()).run(t, Duration.ofSeconds(5));
        assertEquals(dir.resolve("gnutls-cli") + " not found (install: apt-get install gnutls-bin)", gnutls.message());
    }

    @Test
    void aServerThatNeverAnswersIsAnErrorAfterTheTimeoutAndTheClientIsStopped() throws IOException {
        assumeTrue(ClientDrivers.create("openssl", null).available().installed(), "openssl not installed");
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientTarget t = ClientTarget.of("https://mail.contoso.test/", (InetSocketAddress) silent.getLocalSocketAddress(), List.of(root));
            long before = ProcessHandle.current().descendants().count();
            ClientOutcome o = ClientDrivers.create("openssl", null).run(t, Duration.ofSeconds(1));
            assertEquals(Status.ERROR, o.verdict(), o::toString);
            assertNull(o.exitCode());
            assertEquals("no answer within 1 s (stopped)", o.message());
            assertTrue(o.millis() >= 1000 && o.millis() < 10_000, o.millis() + " ms");
            assertEquals(before, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
        }
    }

    @Test
    void aRefusedConnectionIsAnErrorNotAVerdictOnTheCertificate() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ClientTarget t = ClientTarget.of("https://mail.contoso.test/", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), List.of(root));
        List<ClientDriver> drivers = Stream.of("curl", "openssl", "python", "node", "java")
                .map(n -> ClientDrivers.create(n, null)).filter(d -> d.available().installed()).toList();
        for (ClientOutcome o : ClientDrivers.runAll(ClientDrivers.runs(drivers, List.of(t)), Duration.ofSeconds(10), 2)) {
            assertEquals(Status.ERROR, o.verdict(), o::toString);
            assertTrue(o.diagnoses().isEmpty(), o::toString);
        }
    }

    @Test
    void temporaryTrustFilesAreRemovedAfterTheRun() throws IOException {
        assumeTrue(ClientDrivers.create("java", null).available().installed());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        ClientTarget t = ClientTarget.of("https://mail.contoso.test/", new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), List.of(root, root));
        // other processes on the machine may hold pkilab-java-* folders of their own: compare
        List<Path> before = javaTemps(tmp);
        ClientDrivers.create("java", null).run(t, Duration.ofSeconds(10));
        List<Path> after = new java.util.ArrayList<>(javaTemps(tmp));
        after.removeAll(before);
        assertEquals(List.of(), after);
    }

    private static List<Path> javaTemps(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("pkilab-java-")).toList();
        }
    }

    @Test
    void aTargetNeedsAnHttpsUrlAConnectAddressAndARoot() {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 443);
        assertEquals("client target 'http://mail.contoso.test/' is not an https URL with a host",
                assertThrows(BadInputException.class, () -> ClientTarget.of("http://mail.contoso.test/", a, List.of(root))).getMessage());
        assertEquals("trusted root file /no/such.pem: no such file",
                assertThrows(BadInputException.class, () -> ClientTarget.of("https://x.test/", a, List.of(Path.of("/no/such.pem")))).getMessage());
        ClientTarget t = ClientTarget.of("https://mail.contoso.test:8443/EWS/Exchange.asmx?wsdl", a, List.of(root));
        assertEquals("mail.contoso.test:8443", t.authority());
        assertEquals("/EWS/Exchange.asmx?wsdl", t.pathAndQuery());
        assertEquals(8443, t.port());
        assertFalse(t.hostIsIp());
        assertTrue(ClientTarget.of("https://127.0.0.1/", a, List.of(root)).hostIsIp());
    }

    @Test
    void anOutcomeWritesAsJsonWithLowerCaseIds() throws Exception {
        ClientOutcome o = new ClientOutcome("openssl", Status.FAIL, 1, "verify error:num=18:self-signed certificate",
                List.of(pkilab.verdict.Diagnosis.SELF_SIGNED), 42, List.of("/usr/bin/openssl", "s_client"));
        assertEquals("{\"client\":\"openssl\",\"verdict\":\"fail\",\"exitCode\":1,"
                + "\"message\":\"verify error:num=18:self-signed certificate\",\"diagnoses\":[\"self-signed\"],"
                + "\"millis\":42,\"command\":[\"/usr/bin/openssl\",\"s_client\"]}",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o));
    }

    @Test
    void eachDriverNamesTheClientProfileThatPredictsIt() {
        assertEquals(List.of("openssl", "openssl", "gnutls", "python", "node", "java", "browser", "mono"),
                ClientDrivers.all().stream().map(ClientDriver::profileId).toList());
    }

    @Test
    void theCommandLineIsQuotedForAShell() {
        ClientOutcome o = new ClientOutcome("curl", Status.PASS, 0, "HTTP 200", List.of(), 5,
                List.of("/usr/bin/curl", "-w", "HTTP %{http_code}\\n", "--noproxy", "*", "it's"));
        assertEquals("/usr/bin/curl -w 'HTTP %{http_code}\\n' --noproxy '*' 'it'\\''s'", o.commandLine());
    }

}
