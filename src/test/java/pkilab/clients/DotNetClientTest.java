package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.clients.ClientOutcome.Status;
import pkilab.verdict.Diagnosis;
import pkilab.testing.TestLabs;

/**
 * The real .NET runtime (Mono) against TLS servers on 127.0.0.1. Each refusal asserts the
 * SslPolicyErrors flag .NET Framework on Windows gives for the same cause (REFERENCE §5) —
 * a name mismatch is RemoteCertificateNameMismatch, a chain problem RemoteCertificateChainErrors —
 * and the X509ChainStatus Mono reports, where it names it differently from Windows.
 */
class DotNetClientTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String HOST = "mail.contoso.test";
    static final String URL = "https://" + HOST + "/EWS/Exchange.asmx";

    @TempDir
    static Path home;

    static Lab lab;
    static Path publicRoot;
    static Path enterpriseRoot;
    static ClientDriver dotnet;
    static final List<TestHttpsServer> servers = new ArrayList<>();
    static TestHttpsServer good;
    static TestHttpsServer selfSigned;
    static TestHttpsServer expired;
    static TestHttpsServer leafOnly;

    @BeforeAll
    static void servers() throws Exception {
        dotnet = ClientDrivers.create("dotnet", null, home);
        assumeTrue(dotnet.available().installed(), () -> "Mono is not installed: " + dotnet.available().missingNote());
        lab = TestLabs.shared();
        publicRoot = lab.certPath("public-root");
        enterpriseRoot = lab.certPath("enterprise");
        IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns(HOST));
        good = serve(mail, mail.serverChain());
        leafOnly = serve(mail, List.of(mail.certificate()));
        IssuedCertificate self = lab.issue(new LeafRequest().ca("self").dns(HOST));
        selfSigned = serve(self, self.serverChain());
        Instant now = Instant.now();
        IssuedCertificate old = lab.issue(new LeafRequest().ca("public").dns(HOST)
                .notBefore(now.minus(Duration.ofDays(100))).notAfter(now.minus(Duration.ofDays(10))));
        expired = serve(old, old.serverChain());
    }

    private static TestHttpsServer serve(IssuedCertificate c, List<X509Certificate> chain) throws Exception {
        TestHttpsServer s = TestHttpsServer.https(c.key(), chain);
        servers.add(s);
        return s;
    }

    @AfterAll
    static void stop() {
        servers.forEach(TestHttpsServer::close);
    }

    static ClientOutcome run(String url, TestHttpsServer server, Path root) {
        ClientOutcome o = dotnet.run(ClientTarget.of(url, server.address(), List.of(root)), TIMEOUT);
        System.out.println(url + " " + o + "\n    $ " + o.commandLine());
        return o;
    }

    static void assertRefused(ClientOutcome o, String flags, String chain, Diagnosis first) {
        assertEquals(Status.FAIL, o.verdict(), o::toString);
        assertTrue(o.message().startsWith("SslPolicyErrors " + flags + "; chain " + chain + "; WebException TrustFailure: "), o::toString);
        assertEquals(first, o.diagnosis().orElse(null), o::toString);
    }

    @Test
    void theRightRootPassesWithNoPolicyErrorsAndTheServersAnswer() {
        ClientOutcome o = run(URL, good, publicRoot);
        assertEquals(Status.PASS, o.verdict(), o::toString);
        assertEquals("SslPolicyErrors None (0); HTTP 200 OK", o.message());
        assertEquals(0, o.exitCode());
    }

    @Test
    void aNameTheCertificateLacksIsRemoteCertificateNameMismatchAlone() {
        // article cause 2; Mono also lists UntrustedRoot in the chain status of a good chain
        ClientOutcome o = run("https://exch01.contoso.test/EWS/Exchange.asmx", good, publicRoot);
        assertRefused(o, "RemoteCertificateNameMismatch (2)", "UntrustedRoot", Diagnosis.HOSTNAME_MISMATCH);
    }

    @Test
    void aRootTheClientLacksIsAChainError() {
        ClientOutcome o = run(URL, good, enterpriseRoot);
        assertRefused(o, "RemoteCertificateChainErrors (4)", "PartialChain", Diagnosis.UNTRUSTED_ROOT);
    }

    @Test
    void aSelfSignedCertificateIsAChainErrorThatMonoCallsPartialChain() {
        // article cause 1: Windows says UntrustedRoot, Mono's BoringSSL finds no issuer at all
        ClientOutcome o = run(URL, selfSigned, publicRoot);
        assertRefused(o, "RemoteCertificateChainErrors (4)", "PartialChain", Diagnosis.UNTRUSTED_ROOT);
        assertTrue(o.diagnoses().contains(Diagnosis.SELF_SIGNED), o::toString);
    }

    @Test
    void anExpiredLeafIsAChainErrorWithNotTimeValid() {
        assertRefused(run(URL, expired, publicRoot), "RemoteCertificateChainErrors (4)", "NotTimeValid", Diagnosis.EXPIRED);
    }

    @Test
    void aLeafWithoutItsIntermediateIsPartialChainBecauseMonoFetchesNothing() {
        ClientOutcome o = run(URL, leafOnly, publicRoot);
        assertRefused(o, "RemoteCertificateChainErrors (4)", "PartialChain", Diagnosis.UNTRUSTED_ROOT);
        assertTrue(o.diagnoses().contains(Diagnosis.INCOMPLETE_CHAIN), o::toString);
    }

    @Test
    void theProgramIsCompiledOnceIntoTheLabHomeAndTheRunLeavesNoStoreBehind() throws Exception {
        run(URL, good, publicRoot);
        Path dir = home.resolve("clients/dotnet");
        Path exe = MonoProgram.executable(dir);
        assertTrue(Files.isRegularFile(exe), exe::toString);
        long compiled = Files.getLastModifiedTime(exe).toMillis();
        ClientOutcome again = run(URL, good, publicRoot);
        assertEquals(Status.PASS, again.verdict(), again::toString);
        assertEquals(compiled, Files.getLastModifiedTime(exe).toMillis(), "compiled again although the source did not change");
        assertEquals(exe.toString(), again.command().get(1));
        // the private HOME with Mono's Trust store lived in runs/ and is gone
        try (var s = Files.list(dir.resolve("runs"))) {
            assertEquals(List.of(), s.toList());
        }
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), ".config/.mono/new-certs/Trust", "none")));
    }
}
