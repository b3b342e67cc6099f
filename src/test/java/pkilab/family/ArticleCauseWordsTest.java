package pkilab.family;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.probe.DiagnosisEngine;
import pkilab.testing.TestPki;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/** The article's two causes give the same E-mail Router line; only the .NET details differ. */
public class ArticleCauseWordsTest {
    public static final String ROUTER = "Incoming Status: Failure - The underlying connection was closed: Could not establish trust"
            + " relationship for the SSL/TLS secure channel. The remote certificate is invalid according to the validation procedure.";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dotnet(DiagnosisResult r) {
        return (Map<String, Object>) ClientFamily.sayAll(r).get("dotnet");
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
        Map<String, Object> all = ClientFamily.sayAll(r);
        assertEquals(Map.of("exit", 60, "message", "curl: (60) SSL: no alternative certificate subject name matches target host name 'exch01'"),
                all.get("curl"));
        assertEquals("net::ERR_CERT_COMMON_NAME_INVALID", all.get("browser"));

        Map<String, Object> ok = dotnet(diagnose(mail.serverChain(), "mail.contoso.test"));
        assertEquals("Incoming Status: Success", ok.get("emailRouter"));
        assertEquals("None", ok.get("sslPolicyErrors"));
    }

    /** A handshake refused before any certificate: no version in common, or no cipher suite. */
    private static DiagnosisResult refused(pkilab.verdict.Diagnosis d) {
        IssuedCertificate mail = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        return DiagnosisEngine.with(diagnose(mail.serverChain(), "mail.contoso.test"),
                new Finding(d, null, -1, null, "the server refused", "a common one", 0, "enable one", null));
    }

    @Test
    void aProtocolOrCipherFailureIsTheRoutersSendFailureInEveryDotNetWording() {
        for (pkilab.verdict.Diagnosis d : List.of(pkilab.verdict.Diagnosis.PROTOCOL, pkilab.verdict.Diagnosis.CIPHER)) {
            Map<String, Object> m = dotnet(refused(d));
            assertEquals("Incoming Status: Failure - The underlying connection was closed: An unexpected error occurred on a send.",
                    m.get("emailRouter"), d.id());
            assertEquals("WebException (SendFailure): The underlying connection was closed: An unexpected error occurred on a send."
                    + " Inner: The client and server cannot communicate, because they do not possess a common algorithm.", m.get("framework"), d.id());
            assertEquals(null, m.get("sslPolicyErrors"), "the validation callback never runs: " + d.id());
            assertEquals("net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH", ClientFamily.sayAll(refused(d)).get("browser"), d.id());
        }
    }

    @Test
    void eachFamilyNamesTheAlertItGets() {
        DiagnosisResult protocol = refused(pkilab.verdict.Diagnosis.PROTOCOL);
        DiagnosisResult cipher = refused(pkilab.verdict.Diagnosis.CIPHER);
        assertEquals("javax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version", JavaFamily.INSTANCE.say(protocol));
        assertEquals("javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure", JavaFamily.INSTANCE.say(cipher));
        assertEquals("error:0A00042E:SSL routines::tlsv1 alert protocol version",
                ((Map<?, ?>) ClientFamily.sayAll(protocol).get("openssl")).get("line"));
        assertEquals(Map.of("exit", 35, "message", "curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure"),
                ClientFamily.sayAll(cipher).get("curl"));
    }

    @Test
    void aRefusedClientCertificateReadsAsEachStackPrintsTheServersAlert() {
        IssuedCertificate mail = TestPki.issue(new LeafRequest().ca("enterprise").dns("mail.contoso.test"));
        DiagnosisResult good = diagnose(mail.serverChain(), "mail.contoso.test");
        DiagnosisResult refused = DiagnosisEngine.with(good, new Finding(pkilab.verdict.Diagnosis.CLIENT_CERTIFICATE, null, -1, null,
                "the server asked for a client certificate; the client sent none, and the server refused it:"
                        + " Received fatal alert: certificate_required", "a client certificate the server accepts", 0, "fix", null));
        Map<String, Object> all = ClientFamily.sayAll(refused);
        assertEquals("Incoming Status: Failure - The request was aborted: Could not create SSL/TLS secure channel.",
                DotNetFamily.INSTANCE.line(refused));
        assertEquals("javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required", all.get("java"));
        @SuppressWarnings("unchecked")
        Map<String, Object> openssl = (Map<String, Object>) all.get("openssl");
        assertEquals("tlsv13 alert certificate required", openssl.get("text"));
        assertEquals("error:0A00045C:SSL routines::tlsv13 alert certificate required", openssl.get("line"));
        assertEquals("net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED", all.get("browser"));
        // the server's own certificate was fine: no chain status, the same text as for a missing certificate
        assertEquals("Incoming Status: Success", DotNetFamily.INSTANCE.line(good));
    }
}

