package pkilab.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.clients.ClientOutcome.Status;
import pkilab.clients.ExternalClient.Finished;
import pkilab.clients.ExternalClient.Reading;
import pkilab.family.DotNetFamily;
import pkilab.testing.TestLabs;
import pkilab.verdict.Diagnosis;

/** How the .NET client's lines (as Mono 6.8 printed them on the catalogue) become a verdict, a message and a diagnosis. */
class DotNetOutputTest {
    static final String NAME_CONSTRAINTS = String.join("\n",
            "runtime: Mono 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3+deb12u1)",
            "callback: not called",
            "webExceptionStatus: TrustFailure",
            "webExceptionMessage: Error: TrustFailure (Authentication failed, see inner exception.)",
            "inner: AuthenticationException: Authentication failed, see inner exception.",
            "inner: CryptographicException: Caught unhandled exception in `MonoBtlsSslCtx.ProcessHandshake`.",
            "inner: CryptographicException: Unrecognized X509VerifyStatusCode:PERMITTED_VIOLATION",
            "verdict: fail", "");

    final DotNetClient client = new DotNetClient("mono", "mcs", null);
    final ClientTarget target = ClientTarget.of("https://mail.contoso.test/", new InetSocketAddress(InetAddress.getLoopbackAddress(), 443),
            List.of(TestLabs.shared().certPath("public-root")));

    @Test
    void aRefusalBeforeTheCallbackNamesTheVerifyCodeMonoCouldNotMap() {
        Reading r = client.read(new Finished(1, NAME_CONSTRAINTS, ""), target);
        assertEquals(Status.FAIL, r.verdict());
        assertEquals("validation callback not called; WebException TrustFailure: Error: TrustFailure (Authentication failed, see inner exception.);"
                + " inner CryptographicException: Unrecognized X509VerifyStatusCode:PERMITTED_VIOLATION", r.message());
        assertEquals(List.of(Diagnosis.NAME_CONSTRAINTS), DotNetFamily.INSTANCE.read(r.message()));
    }

    @Test
    void theNameFlagWinsOverTheUntrustedRootMonoAddsToAGoodChain() {
        String out = "sslPolicyErrors: RemoteCertificateNameMismatch (2)\nchainStatus: UntrustedRoot: UntrustedRoot\n"
                + "webExceptionStatus: TrustFailure\nwebExceptionMessage: Error: TrustFailure (Authentication failed, see inner exception.)\nverdict: fail\n";
        Reading r = client.read(new Finished(1, out, ""), target);
        assertEquals("SslPolicyErrors RemoteCertificateNameMismatch (2); chain UntrustedRoot; WebException TrustFailure: "
                + "Error: TrustFailure (Authentication failed, see inner exception.)", r.message());
        assertEquals(Diagnosis.HOSTNAME_MISMATCH, DotNetFamily.INSTANCE.read(r.message()).get(0));
    }

    @Test
    void aRuntimeStoppedAfterPrintingItsVerdictKeepsTheVerdict() {
        // Mono once printed its refusal and then did not exit before the timeout
        Reading r = client.readStopped(new Finished(null, NAME_CONSTRAINTS, ""), target).orElseThrow();
        assertEquals(Status.FAIL, r.verdict());
        assertTrue(r.message().endsWith("(then mono did not exit and was stopped)"), r.message());
        assertTrue(client.readStopped(new Finished(null, "runtime: Mono 6.8\n", ""), target).isEmpty());
    }

    @Test
    void withoutALabHomeTheProgramIsCompiledInTheRunsOwnFolder() throws Exception {
        assertEquals(null, client.workParent());
        Path exe = MonoProgram.executable(Path.of("/x"));
        assertTrue(exe.getFileName().toString().matches("EwsProbe-[0-9a-f]{12}\\.exe"), exe::toString);
    }
}
