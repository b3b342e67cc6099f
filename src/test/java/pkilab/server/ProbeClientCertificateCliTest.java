package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.pem.Pem;
import pkilab.pem.Pkcs12;
import pkilab.testing.Cli;
import pkilab.testing.TestPki;

/**
 * {@code pkilab probe} against a real server on 127.0.0.1 that requires a client certificate
 * from the enterprise CA: without one it is refused for that reason, with one (PEM or
 * PKCS#12) it passes, and each mistake in the flags is one line of bad input.
 */
class ProbeClientCertificateCliTest {
    static final String HOST = "mail.contoso.test";
    @TempDir
    static Path dir;
    static RunningServer server;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        Lab lab = TestPki.lab();
        IssuedCertificate mail = TestPki.leaf("public", HOST);
        Site site = Site.builder("mtls").host(HOST).presenting(mail).clientCertificates(lab.ca("enterprise").root(), true).build();
        server = LabServer.builder().bind("127.0.0.1").httpsPort(0).httpPort(0).exchange(TestPki.content()).site(site).start();
        url = "https://" + HOST + ":" + server.httpsPort() + "/EWS/Exchange.asmx";
        IssuedCertificate client = lab.issue(new LeafRequest().ca("enterprise").dns("emailrouter.contoso.test")
                .extKeyUsage(List.of("clientAuth")).keyUsage(List.of("digitalSignature")));
        IssuedCertificate other = lab.issue(new LeafRequest().ca("enterprise").dns("other.contoso.test")
                .extKeyUsage(List.of("clientAuth")));
        Files.write(dir.resolve("client.pem"), Pem.encodeBytes(client.certificate()));
        Files.write(dir.resolve("client-key.pem"), Pem.encodeBytes(client.key()));
        Files.write(dir.resolve("other-key.pem"), Pem.encodeBytes(other.key()));
        Files.write(dir.resolve("client.p12"), Pkcs12.keyStore("router", client.key(), List.of(client.certificate()), "s3cret".toCharArray()));
        Files.writeString(dir.resolve("p12-password"), "s3cret\n");
        Files.writeString(dir.resolve("wrong-password"), "guess\n");
        Files.write(dir.resolve("public-root.pem"), Pem.encodeBytes(lab.ca("public-root").certificate()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Cli.Result probe(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("probe", url, "--connect", "127.0.0.1:" + server.httpsPort(),
                "--as", "java", "--trust", dir.resolve("public-root.pem").toString()));
        args.addAll(List.of(extra));
        return Cli.run(dir.resolve("lab"), args.toArray(new String[0]));
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void withoutACertificateTheServerRefusesTheClientAndTheProbeSaysSo() {
        Cli.Result r = probe();
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("FAIL client-certificate"), r::toString);
        assertTrue(r.out().contains("the client sent none"), r::toString);
        assertTrue(r.out().contains("certificate_required"), r::toString);
    }

    @Test
    void withTheEnterpriseCertificateItPassesAsPemAndAsPkcs12() {
        Cli.Result pem = probe("--client-cert", file("client.pem"), "--client-key", file("client-key.pem"));
        assertEquals(0, pem.exit(), pem::toString);
        assertFalse(pem.out().contains("client-certificate"), pem::toString);
        Cli.Result p12 = probe("--client-p12", file("client.p12"), "--client-p12-password-file", file("p12-password"));
        assertEquals(0, p12.exit(), p12::toString);
    }

    @Test
    void mistakesInTheFlagsAreOneLineOfBadInput() {
        assertBad(probe("--client-cert", file("client.pem")), "--client-cert needs --client-key (the certificate's private key, PEM)");
        assertBad(probe("--client-key", file("client-key.pem")), "--client-key needs --client-cert");
        assertBad(probe("--client-cert", file("client.pem"), "--client-key", file("other-key.pem")),
                file("other-key.pem") + " does not belong to the certificate in " + file("client.pem"));
        assertBad(probe("--client-p12", file("client.p12"), "--client-p12-password-file", file("wrong-password")),
                "cannot read --client-p12 " + file("client.p12") + ": wrong password or not a PKCS#12 file");
        assertBad(probe("--client-p12", file("client.p12"), "--client-cert", file("client.pem")),
                "give --client-cert with --client-key, or --client-p12, not both");
        assertBad(probe("--client-p12", file("missing.p12")), file("missing.p12"));
    }

    private static void assertBad(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in " + r);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }
}
