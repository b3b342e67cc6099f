package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;

/** The article's two causes give the same E-mail Router line; only the .NET details differ. */
class ClientMessagesTest {
    static final String ROUTER = "Incoming Status: Failure - The underlying connection was closed: Could not establish trust"
            + " relationship for the SSL/TLS secure channel. The remote certificate is invalid according to the validation procedure.";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dotnet(DiagnosisResult r) {
        return (Map<String, Object>) ClientMessages.render(r).get("dotnet");
    }

    private static DiagnosisResult diagnose(List<X509Certificate> chain, String host) {
        return DiagnosisEngine.diagnose(TestPki.input(chain, List.of(TestPki.root("public-root"), TestPki.root("enterprise")), host),
                TestPki.profile("email-router"), Instant.now(), null);
    }

    @Test
    void causeOneSelfSignedIsChainErrorsWithUntrustedRoot() {
        IssuedCertificate self = TestPki.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        Map<String, Object> m = dotnet(diagnose(self.serverChain(), "exch01.contoso.test"));
        assertEquals(ROUTER, m.get("emailRouter"));
        assertEquals("RemoteCertificateChainErrors", m.get("sslPolicyErrors"));
        assertEquals(4, m.get("sslPolicyErrorsValue"));
        assertEquals(List.of(Map.of("flag", "UntrustedRoot", "value", 32, "text",
                "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.")),
                m.get("chainStatus"));
        assertEquals("The SSL connection could not be established, see inner exception. Inner: The remote certificate is invalid"
                + " because of errors in the certificate chain: UntrustedRoot", m.get("net5"));
    }

    @Test
    void causeTwoNameMismatchIsRemoteCertificateNameMismatchOnly() {
        IssuedCertificate mail = TestPki.issue(new LeafRequest().ca("enterprise").dns("mail.contoso.test"));
        DiagnosisResult r = diagnose(mail.serverChain(), "exch01");
        Map<String, Object> m = dotnet(r);
        assertEquals(ROUTER, m.get("emailRouter"));
        assertEquals("RemoteCertificateNameMismatch", m.get("sslPolicyErrors"));
        assertEquals(2, m.get("sslPolicyErrorsValue"));
        assertEquals(List.of(), m.get("chainStatus"));
        assertEquals("The SSL connection could not be established, see inner exception. Inner: The remote certificate is invalid"
                + " according to the validation procedure: RemoteCertificateNameMismatch", m.get("net5"));
        Map<String, Object> all = ClientMessages.render(r);
        assertEquals(Map.of("exit", 60, "message", "curl: (60) SSL: no alternative certificate subject name matches target host name 'exch01'"),
                all.get("curl"));
        assertEquals("net::ERR_CERT_COMMON_NAME_INVALID", all.get("browser"));

        Map<String, Object> ok = dotnet(diagnose(mail.serverChain(), "mail.contoso.test"));
        assertEquals("Incoming Status: Success", ok.get("emailRouter"));
        assertEquals("None", ok.get("sslPolicyErrors"));
    }

    @Test
    void aRefusedClientCertificateReadsAsEachStackPrintsTheServersAlert() {
        IssuedCertificate mail = TestPki.issue(new LeafRequest().ca("enterprise").dns("mail.contoso.test"));
        DiagnosisResult good = diagnose(mail.serverChain(), "mail.contoso.test");
        DiagnosisResult refused = DiagnosisEngine.with(good, new Finding(pkilab.verdict.Diagnosis.CLIENT_CERTIFICATE, null, -1, null,
                "the server asked for a client certificate; the client sent none, and the server refused it:"
                        + " Received fatal alert: certificate_required", "a client certificate the server accepts", 0, "fix", null));
        Map<String, Object> all = ClientMessages.render(refused);
        assertEquals("Incoming Status: Failure - The request was aborted: Could not create SSL/TLS secure channel.",
                ClientMessages.emailRouter(refused));
        assertEquals("javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required", all.get("java"));
        @SuppressWarnings("unchecked")
        Map<String, Object> openssl = (Map<String, Object>) all.get("openssl");
        assertEquals("tlsv13 alert certificate required", openssl.get("text"));
        assertEquals("error:0A00045C:SSL routines::tlsv13 alert certificate required", openssl.get("line"));
        assertEquals("net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED", all.get("browser"));
        // the server's own certificate was fine: no chain status, the same text as for a missing certificate
        assertEquals("Incoming Status: Success", ClientMessages.emailRouter(good));
    }
}
