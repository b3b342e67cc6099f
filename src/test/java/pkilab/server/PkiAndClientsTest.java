package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.CaRecords;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.RevocationReason;
import pkilab.pem.Pem;
import pkilab.testing.TestPki;
import pkilab.testing.Tools;

/** The server as real clients see it: curl over HTTPS, openssl fetching the CRL and asking the OCSP responder. */
class PkiAndClientsTest {
    static Lab lab;
    static IssuedCertificate good;
    static IssuedCertificate revoked;
    static IssuedCertificate self;
    static RunningServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        lab = TestPki.lab();
        good = TestPki.leaf("public", "commercial.contoso.test");
        revoked = TestPki.leaf("public", "revoked.contoso.test");
        self = TestPki.leaf("self", "exch01.contoso.test");
        lab.revoke("public", revoked.certificate().getSerialNumber(), RevocationReason.keyCompromise, Instant.now().minusSeconds(60));
        server = LabServer.builder()
                .exchange(TestPki.content())
                .pki(lab)
                .site(Site.builder("commercial").host("commercial.contoso.test").presenting(good).build())
                .site(Site.builder("self-signed").host("exch01.contoso.test").presenting(self).build())
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path write(String name, Object... pem) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, Pem.encodeBytes(pem));
        return p;
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.pkiUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void curlGetsTheSoapBodyFromATrustedSiteAndExit60FromASelfSignedOne() throws Exception {
        assumeTrue(Tools.available("curl"), "curl not installed");
        Path root = write("public-root.pem", good.root());
        int port = server.httpsPort();
        Tools.Run ok = Tools.run(List.of("curl", "-sS", "--resolve", "commercial.contoso.test:" + port + ":127.0.0.1",
                "--cacert", root.toString(), "-X", "POST", "https://commercial.contoso.test:" + port + "/EWS/Exchange.asmx"));
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("<m:ResponseCode>NoError</m:ResponseCode>"), ok.output());
        Tools.Run bad = Tools.run(List.of("curl", "-sS", "--resolve", "exch01.contoso.test:" + port + ":127.0.0.1",
                "--cacert", root.toString(), "-X", "POST", "https://exch01.contoso.test:" + port + "/EWS/Exchange.asmx"));
        assertEquals(60, bad.exit(), bad.output());
        assertTrue(bad.output().contains("self-signed certificate"), bad.output());
    }

    @Test
    void theAiaUrlServesTheIssuerCertificateAsDer() throws Exception {
        HttpResponse<byte[]> r = get("/pki/public.crt");
        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-cert", r.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(lab.ca("public").certificate().getEncoded(), r.body());
        assertEquals(404, get("/pki/nobody.crt").statusCode());
    }

    @Test
    void opensslReadsTheServedCrlAndFindsTheRevokedSerial() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl not installed");
        HttpResponse<byte[]> r = get("/pki/public.crl");
        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-crl", r.headers().firstValue("content-type").orElse(""));
        Path crl = dir.resolve("public.crl");
        Files.write(crl, r.body());
        Tools.Run text = Tools.run(List.of("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text"));
        assertEquals(0, text.exit(), text.output());
        assertTrue(text.output().contains("Serial Number: " + CaRecords.hex(revoked.certificate().getSerialNumber())), text.output());
        assertTrue(text.output().contains("Key Compromise"), text.output());
        assertTrue(!text.output().contains(CaRecords.hex(good.certificate().getSerialNumber())), text.output());
    }

    private Tools.Run ocsp(IssuedCertificate leaf) throws Exception {
        Path issuer = write("public.pem", lab.ca("public").certificate());
        Path root = write("root.pem", leaf.root());
        Path cert = write("leaf-" + leaf.certificate().getSerialNumber() + ".pem", leaf.certificate());
        return Tools.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", cert.toString(),
                "-url", server.pkiUrl() + "/ocsp/public", "-CAfile", root.toString()));
    }

    @Test
    void opensslOcspHearsRevokedForTheRevokedLeafAndGoodForTheOther() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl not installed");
        Tools.Run bad = ocsp(revoked);
        assertEquals(0, bad.exit(), bad.output());
        assertTrue(bad.output().contains("Response verify OK"), bad.output());
        assertTrue(bad.output().contains(": revoked"), bad.output());
        assertTrue(bad.output().contains("Reason: keyCompromise"), bad.output());
        assertTrue(!bad.output().contains("WARNING: no nonce"), "the nonce is echoed: " + bad.output());
        Tools.Run ok = ocsp(good);
        assertTrue(ok.output().contains("Response verify OK"), ok.output());
        assertTrue(ok.output().contains(": good"), ok.output());
    }

    @Test
    void aSerialTheCaNeverIssuedIsUnknownAndAnotherIssuerIsUnauthorized() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl not installed");
        Path issuer = write("public-unknown.pem", lab.ca("public").certificate());
        Tools.Run unknown = Tools.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-serial", "0x1234",
                "-url", server.pkiUrl() + "/ocsp/public", "-noverify"));
        assertTrue(unknown.output().contains("0x1234: unknown"), unknown.output());
        // the enterprise CA's responder is asked about a certificate of another issuer
        Tools.Run other = Tools.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-serial", "0x1234",
                "-url", server.pkiUrl() + "/ocsp/enterprise", "-noverify"));
        assertTrue(other.output().contains("unauthorized (6)"), other.output());
    }

    @Test
    void theOcspGetFormAndBadRequestsAreAnsweredToo() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl not installed");
        Path issuer = write("public-get.pem", lab.ca("public").certificate());
        Path cert = write("good-get.pem", good.certificate());
        Path req = dir.resolve("req.der");
        Tools.Run made = Tools.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", cert.toString(),
                "-no_nonce", "-reqout", req.toString()));
        assertEquals(0, made.exit(), made.output());
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(req));
        HttpResponse<byte[]> r = get("/ocsp/public/" + b64.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D"));
        assertEquals(200, r.statusCode());
        assertEquals("application/ocsp-response", r.headers().firstValue("content-type").orElse(""));
        Path resp = dir.resolve("resp.der");
        Files.write(resp, r.body());
        Tools.Run text = Tools.run(List.of("openssl", "ocsp", "-respin", resp.toString(), "-resp_text", "-noverify"));
        assertTrue(text.output().contains("Response Status: successful"), text.output());
        assertTrue(text.output().contains("Cert Status: good"), text.output());
        // garbage gets an OCSP error status, not an HTTP error or a stack trace
        HttpResponse<byte[]> junk = HTTP.send(HttpRequest.newBuilder(URI.create(server.pkiUrl() + "/ocsp/public"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, junk.statusCode());
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x01}, junk.body(), "OCSPResponse{malformedRequest}");
    }
}
