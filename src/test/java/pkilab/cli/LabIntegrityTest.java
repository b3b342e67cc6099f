package pkilab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pkilab.pem.Pem;
import pkilab.testing.Cli;

/**
 * A damaged lab home is refused, never signed with: a CA key that is not its certificate's,
 * a root swapped for another CA's, damaged records. Each case names the file at fault and
 * the one command that repairs it, and the repair works.
 */
class LabIntegrityTest {
    @TempDir
    static Path pristine;

    @TempDir
    Path lab;

    @TempDir
    Path out;

    @BeforeAll
    static void init() {
        Cli.Result r = Cli.run(pristine, "ca", "init");
        assertEquals(0, r.exit(), r::toString);
    }

    /** A fresh copy of the initialised lab (making the RSA-4096 root again would take seconds). */
    private Path copyLab() throws IOException {
        try (Stream<Path> all = Files.walk(pristine)) {
            for (Path p : all.toList()) {
                Path to = lab.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return lab;
    }

    private static void refused(Cli.Result r, String... words) {
        assertEquals(2, r.exit(), r::toString);
        for (String w : words) {
            assertTrue(r.err().contains(w), () -> "expected '" + w + "' in " + r);
        }
        assertFalse(r.err().contains("\tat "), () -> "no stack trace: " + r);
        assertEquals(1, r.err().strip().lines().count(), () -> "one line: " + r);
    }

    /** Found by the fuzz suite: the modulus still matched the certificate, so the damaged key passed and signing died (exit 70). */
    @Test
    void aKeyDamagedInItsPrivateExponentIsRefusedNotAnInternalError() throws Exception {
        Path home = copyLab();
        Path keyFile = home.resolve("ca/public/key.pem");
        java.security.interfaces.RSAPrivateCrtKey k = (java.security.interfaces.RSAPrivateCrtKey) pkilab.pem.Pem.readPrivateKey(keyFile);
        java.security.spec.RSAPrivateCrtKeySpec spec = new java.security.spec.RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent().flipBit(7), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP().flipBit(3),
                k.getPrimeExponentQ(), k.getCrtCoefficient());
        java.security.PrivateKey damaged = java.security.KeyFactory.getInstance("RSA").generatePrivate(spec);
        Files.write(keyFile, pkilab.pem.Pem.encodeBytes(damaged));
        String why = keyFile + " does not belong to " + home.resolve("ca/public/cert.pem");
        refused(Cli.run(home, "crl", "--ca", "public", "--out", out.toString()), why, "a damaged file?");
        refused(Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString()), why);
    }

    @Test
    void aKeyCopiedFromAnotherCaIsRefusedEverywhereAndTheNamedCommandRepairsIt() throws Exception {
        Path home = copyLab();
        Files.copy(home.resolve("ca/enterprise/key.pem"), home.resolve("ca/public/key.pem"), StandardCopyOption.REPLACE_EXISTING);
        String why = home.resolve("ca/public/key.pem") + " does not belong to " + home.resolve("ca/public/cert.pem");
        String fix = "pkilab ca init --force public";
        refused(Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString()), why, fix);
        assertEquals(List.of(), List.of(out.toFile().list()), "nothing written");
        refused(Cli.run(home, "ca", "list"), why, fix);
        refused(Cli.run(home, "ca", "show", "public"), why, fix);
        refused(Cli.run(home, "crl", "--ca", "public", "--out", out.toString()), why, fix);
        refused(Cli.run(home, "cert", "revoke", "--ca", "public", "--serial", "01"), why, fix);
        refused(Cli.run(home, "ca", "init"), why, fix);

        Cli.Result repair = Cli.run(home, "ca", "init", "--force", "public");
        assertEquals(0, repair.exit(), repair::toString);
        Cli.Result issued = Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString());
        assertEquals(0, issued.exit(), issued::toString);
        X509Certificate leaf = Pem.readCertificates(out.resolve("dmg.test.crt")).get(0);
        List<X509Certificate> chain = Pem.readCertificates(out.resolve("dmg.test-chain.pem"));
        leaf.verify(chain.get(0).getPublicKey());
        chain.get(0).verify(chain.get(1).getPublicKey());
    }

    @Test
    void aRootCertificateSwappedForAnotherCasIsRefusedNamingTheRoot() throws Exception {
        Path home = copyLab();
        Files.copy(home.resolve("ca/enterprise/cert.pem"), home.resolve("ca/public-root/cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        refused(Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString()),
                home.resolve("ca/public-root/key.pem") + " does not belong to " + home.resolve("ca/public-root/cert.pem"),
                "pkilab ca init --force public-root");
        assertEquals(List.of(), List.of(out.toFile().list()), "nothing written");
        Cli.Result repair = Cli.run(home, "ca", "init", "--force", "public-root");
        assertEquals(0, repair.exit(), repair::toString);
        assertEquals(0, Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString()).exit());
    }

    @Test
    void aWholeOtherCaInPlaceOfTheRootLeavesTheIntermediateUnsignedAndThatIsNamed() throws Exception {
        Path home = copyLab();
        Files.copy(home.resolve("ca/enterprise/cert.pem"), home.resolve("ca/public-root/cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(home.resolve("ca/enterprise/key.pem"), home.resolve("ca/public-root/key.pem"), StandardCopyOption.REPLACE_EXISTING);
        refused(Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "dmg.test", "--out", out.toString()),
                home.resolve("ca/public/cert.pem") + " (CN=Lab Trust TLS RSA CA", "is not signed by the key of its issuer public-root",
                "pkilab ca init --force public");
        refused(Cli.run(home, "crl", "--ca", "public", "--out", out.toString()), "pkilab ca init --force public");
        assertEquals(0, Cli.run(home, "ca", "init", "--force", "public").exit());
        Cli.Result crl = Cli.run(home, "crl", "--ca", "public", "--out", out.toString());
        assertEquals(0, crl.exit(), crl::toString);
    }

    @Test
    void aRootThatIsNotSelfSignedIsRefused() throws Exception {
        Path home = copyLab();
        // the intermediate's own certificate and key: a matching pair, but not a root
        Files.copy(home.resolve("ca/public/cert.pem"), home.resolve("ca/public-root/cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(home.resolve("ca/public/key.pem"), home.resolve("ca/public-root/key.pem"), StandardCopyOption.REPLACE_EXISTING);
        refused(Cli.run(home, "ca", "show", "public-root"), home.resolve("ca/public-root/cert.pem") + " is not a root signed by its own key",
                "pkilab ca init --force public-root");
    }

    @Test
    void everyCrlTheLabWritesVerifiesWithItsCa() throws Exception {
        Path home = copyLab();
        Cli.Result r = Cli.run(home, "crl", "--ca", "enterprise", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        try (Stream<Path> files = Files.list(out)) {
            Path crlFile = files.filter(p -> p.toString().endsWith(".crl")).findFirst().orElseThrow();
            X509CRL crl = Pem.parseCrl(Files.readAllBytes(crlFile));
            crl.verify(Pem.readCertificates(home.resolve("ca/enterprise/cert.pem")).get(0).getPublicKey());
        }
    }

    @ParameterizedTest(name = "records.json {0}")
    @CsvSource(delimiter = '|', value = {
        "null                                                         | records.json: the CA's records are damaged: it holds null",
        "{\"crlNumber\": 0, \"entries\": [null]}                      | records.json: entries[0]: the CA's records are damaged: the entry is null",
        "{\"crlNumber\": 0, \"entries\": [{\"serial\": \"xyz\"}]}     | records.json: entries[0]: the CA's records are damaged: serial 'xyz' is not a hex number",
        "{\"crlNumber\": -1, \"entries\": []}                         | records.json: the CA's records are damaged: 'crlNumber' is -1",
        "{\"crlNumber\": 0, \"entries\": null}                        | records.json: the CA's records are damaged: 'entries' is null",
        "{\"crlNumber\": 0, \"entries\": [{\"serial\": \"0A\", \"revokedAt\": \"x\"}]} | records.json: entries[0]: the CA's records are damaged: serial 0A has revokedAt 'x'",
        "{\"crlNumber\": 0,                                           | records.json:1: the CA's records are damaged: not the JSON pkilab writes",
    })
    void damagedRecordsAreBadInputNamingTheFile(String content, String message) throws Exception {
        Path home = copyLab();
        Files.writeString(home.resolve("ca/public/records.json"), content);
        String fix = "pkilab ca init --force public";
        refused(Cli.run(home, "crl", "--ca", "public", "--out", out.toString()), home.resolve("ca/public") + "/" + message, fix);
        refused(Cli.run(home, "ca", "show", "public", "--issued"), message, fix);
        refused(Cli.run(home, "cert", "revoke", "--ca", "public", "--serial", "0A"), message, fix);
    }

    @Test
    void aBadLineOfTheIssuanceLogIsReportedWithItsOwnFileAndLine() throws Exception {
        Path home = copyLab();
        assertEquals(0, Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "one.test", "--out", out.toString()).exit());
        Path log = home.resolve("ca/public/issued.jsonl");
        Files.writeString(log, "{\"serial\": \"0B\"}\n{\"serial\": \"no", java.nio.file.StandardOpenOption.APPEND);
        refused(Cli.run(home, "crl", "--ca", "public", "--out", out.toString()),
                log + ":3: the CA's records are damaged: not one JSON object", "pkilab ca init --force public");
        Files.writeString(log, "{\"serial\": \"-5\"}\n");
        refused(Cli.run(home, "ca", "show", "public", "--issued"), log + ":1: the CA's records are damaged: serial '-5' is not a hex number");
    }

    @Test
    void aCertificateThatCouldNotBeWrittenLeavesNoRecord() throws Exception {
        Path home = copyLab();
        assertEquals(0, Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "kept.test", "--out", out.toString()).exit());
        byte[] records = Files.readAllBytes(home.resolve("ca/public/issued.jsonl"));
        Cli.Result r = Cli.run(home, "cert", "issue", "--ca", "public", "--dns", "lost.test", "--out", "/proc/1");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(java.util.Arrays.equals(records, Files.readAllBytes(home.resolve("ca/public/issued.jsonl"))), "no record added");
        Cli.Result shown = Cli.run(home, "ca", "show", "public", "--issued");
        assertTrue(shown.out().contains("kept.test") && !shown.out().contains("lost.test"), shown::toString);
    }
}
