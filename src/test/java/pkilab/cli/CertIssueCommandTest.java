package pkilab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pkilab.pem.Pem;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/** {@code pkilab ca init}, {@code cert issue}, {@code cert revoke}, {@code crl} through the real command line. */
class CertIssueCommandTest {
    @TempDir
    static Path lab;

    @TempDir
    Path out;

    @BeforeAll
    static void init() {
        Cli.Result r = Cli.run(lab, "ca", "init");
        assertEquals(0, r.exit(), r::toString);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** The knobs for odd certificates: each lands in the certificate, and the engine judges the result as a client would. */
    @Test
    void theKnobsForOddCertificatesMakeWhatTheySay() throws Exception {
        Cli.Result client = Cli.run(lab, "cert", "issue", "--ca", "enterprise", "--dns", "alice.contoso.test", "--client",
                "--key", "ec-p256", "--out", out.toString());
        assertEquals(0, client.exit(), client::toString);
        java.security.cert.X509Certificate c = pkilab.pem.Pem.readCertificates(out.resolve("alice.contoso.test.crt")).get(0);
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), c.getExtendedKeyUsage());
        assertTrue(c.getKeyUsage()[0] && !c.getKeyUsage()[2], "digitalSignature only");

        Cli.Result odd = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "odd.contoso.test", "--ca-true",
                "--policy", "2.23.140.1.1", "--critical-ext", "1.3.6.1.4.1.55555.1=utf8:lab", "--ku", "digitalSignature,keyCertSign",
                "--key", "ec-p256", "--out", out.toString());
        assertEquals(0, odd.exit(), odd::toString);
        java.security.cert.X509Certificate o = pkilab.pem.Pem.readCertificates(out.resolve("odd.contoso.test.crt")).get(0);
        assertEquals(Integer.MAX_VALUE, o.getBasicConstraints(), "cA TRUE without a path length");
        assertTrue(o.getCriticalExtensionOIDs().contains("1.3.6.1.4.1.55555.1"));
        assertTrue(o.getKeyUsage()[5], "keyCertSign");
        assertTrue(new String(o.getExtensionValue("2.5.29.32"), java.nio.charset.StandardCharsets.ISO_8859_1).length() > 0);
        // the unknown critical extension refuses it for every client; the leaf's own cA TRUE only for NSS
        Cli.Result judged = Cli.run(lab, "diagnose", "--chain", out.resolve("odd.contoso.test-fullchain.pem").toString(),
                "--host", "odd.contoso.test", "--as", "openssl");
        assertEquals(1, judged.exit(), judged::toString);
        assertTrue(judged.out().contains("FAIL unknown-critical-extension"), judged::toString);

        Cli.Result md5 = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "md5.contoso.test", "--signature", "md5",
                "--key", "rsa-2048", "--out", out.toString());
        assertEquals(0, md5.exit(), md5::toString);
        assertEquals("MD5withRSA", pkilab.pem.Pem.readCertificates(out.resolve("md5.contoso.test.crt")).get(0).getSigAlgName());
    }

    /** cert sign: a CSR made by openssl, signed by the lab; the key never leaves its owner, and openssl verifies the result. */
    @Test
    void aCsrIsSignedWithItsOwnKeyAndNamesAndATamperedOneIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pkilab.testing.Tools.available("openssl"), "openssl is not installed");
        Path key = out.resolve("web.key");
        Path csr = out.resolve("web.csr");
        pkilab.testing.Tools.Run made = pkilab.testing.Tools.run(List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=web.contoso.test",
                "-addext", "subjectAltName=DNS:web.contoso.test,DNS:www.contoso.test"));
        assertEquals(0, made.exit(), made.output());
        Cli.Result r = Cli.run(lab, "cert", "sign", "--ca", "enterprise", "--csr", csr.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        java.security.cert.X509Certificate c = pkilab.pem.Pem.readCertificates(out.resolve("web.contoso.test.crt")).get(0);
        assertEquals(pkilab.pem.Pem.readCsr(csr).publicKey(), c.getPublicKey(), "the request's key is the one certified");
        assertEquals(2, c.getSubjectAlternativeNames().size());
        assertFalse(Files.exists(out.resolve("web.contoso.test.key")), "no key is written: the requester has it");
        Path root = out.resolve("root.pem");
        Files.write(root, pkilab.pem.Pem.encodeBytes(pkilab.pem.Pem.readCertificates(lab.resolve("ca/enterprise/cert.pem"))));
        pkilab.testing.Tools.Run v = pkilab.testing.Tools.run(List.of("openssl", "verify", "-CAfile", root.toString(),
                "-verify_hostname", "www.contoso.test", out.resolve("web.contoso.test.crt").toString()));
        assertEquals(0, v.exit(), v.output());

        Cli.Result again = Cli.run(lab, "cert", "sign", "--ca", "enterprise", "--csr", csr.toString(), "--out", out.toString());
        assertEquals(2, again.exit(), "nothing replaced without --force: " + again);
        Cli.Result self = Cli.run(lab, "cert", "sign", "--ca", "self", "--csr", csr.toString(), "--out", out.resolve("s").toString());
        assertEquals(2, self.exit(), self::toString);
        assertTrue(self.err().contains("signed by a CA"), self::toString);

        byte[] der = java.util.Base64.getMimeDecoder().decode(Files.readString(csr).replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 1; // a bit of the request's signature
        Path tampered = out.resolve("tampered.csr");
        Files.write(tampered, der);
        Cli.Result bad = Cli.run(lab, "cert", "sign", "--ca", "enterprise", "--csr", tampered.toString(), "--out", out.resolve("t").toString());
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("signature does not verify") || bad.err().contains("not a valid certificate signing request"), bad::toString);
        assertEquals(1, bad.err().strip().lines().count(), bad::toString);
    }

    @Test
    void badKnobValuesAreRefusedInOneLine() {
        String[][] cases = {
            {"--ku", "digitalSignatur", "unknown keyUsage 'digitalSignatur' (expected cRLSign,"},
            {"--policy", "ev", "policy 'ev' is not an OID"},
            {"--critical-ext", "vendor", "extension 'vendor' is not an OID"},
            {"--critical-ext", "2.5.29.19", "extension 2.5.29.19 is one pkilab makes itself"},
            {"--client", "--eku=serverAuth", "give --client or --eku, not both"},
            {"--signature", "md4", "expected md5, sha1, sha256 or sha384"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("cert", "issue", "--ca", "public", "--dns", "bad.contoso.test",
                    "--key", "ec-p256", "--out", out.toString()));
            args.addAll(java.util.Arrays.asList(c).subList(0, c.length - 1));
            Cli.Result r = Cli.run(lab, args.toArray(new String[0]));
            assertEquals(2, r.exit(), r::toString);
            assertTrue(r.err().contains(c[c.length - 1]), r::toString);
            assertEquals(1, r.err().strip().lines().count(), r::toString);
        }
    }

    @Test
    void initIsIdempotentAndKeepsKeysPrivate() throws Exception {
        byte[] before = Files.readAllBytes(lab.resolve("ca/enterprise/cert.pem"));
        Cli.Result again = Cli.run(lab, "ca", "init");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("kept     enterprise"), again::toString);
        assertEquals(List.of(), List.of(again.out().lines().filter(l -> l.contains("created")).toArray()));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(lab.resolve("ca/enterprise/cert.pem"))));
        assertEquals("rw-------", mode(lab.resolve("ca/enterprise/key.pem")));
        assertEquals("rwx------", mode(lab.resolve("ca/enterprise")));
    }

    @Test
    void forceRecreatesOneCaAndLeavesTheOthers(@TempDir Path own) throws Exception {
        assertEquals(0, Cli.run(own, "ca", "init").exit());
        byte[] ent = Files.readAllBytes(own.resolve("ca/enterprise/cert.pem"));
        byte[] pub = Files.readAllBytes(own.resolve("ca/public/cert.pem"));
        Cli.Result r = Cli.run(own, "ca", "init", "--force", "enterprise");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("created  enterprise"), r::toString);
        assertFalse(java.util.Arrays.equals(ent, Files.readAllBytes(own.resolve("ca/enterprise/cert.pem"))));
        assertTrue(java.util.Arrays.equals(pub, Files.readAllBytes(own.resolve("ca/public/cert.pem"))));
    }

    @Test
    void issueWritesTheFiveFilesAndRefusesToOverwrite() throws Exception {
        Cli.Result r = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "*.contoso.test", "--dns", "contoso.test",
                "--key", "ec-p256", "--p12", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        Path crt = out.resolve("_wildcard.contoso.test.crt");
        for (String f : List.of("_wildcard.contoso.test.crt", "_wildcard.contoso.test.key", "_wildcard.contoso.test-chain.pem",
                "_wildcard.contoso.test-fullchain.pem", "_wildcard.contoso.test.p12")) {
            assertTrue(Files.exists(out.resolve(f)), f + " written; " + r);
            assertTrue(r.out().contains(f), "printed " + f);
        }
        assertEquals("rw-------", mode(out.resolve("_wildcard.contoso.test.key")));
        assertEquals("rw-------", mode(out.resolve("_wildcard.contoso.test.p12")));
        List<X509Certificate> full = Pem.readCertificates(out.resolve("_wildcard.contoso.test-fullchain.pem"));
        assertEquals(2, full.size(), "leaf + intermediate");
        assertEquals(Pem.readCertificates(crt).get(0), full.get(0));
        List<X509Certificate> chain = Pem.readCertificates(out.resolve("_wildcard.contoso.test-chain.pem"));
        assertEquals("CN=Lab Trust TLS RSA CA 2026,O=Lab Trust,C=US", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=Lab Trust Global Root,O=Lab Trust,C=US", chain.get(1).getSubjectX500Principal().getName());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("_wildcard.contoso.test.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        assertTrue(ks.isKeyEntry(ks.aliases().nextElement()), "Java reads the PKCS#12 key entry");

        byte[] before = Files.readAllBytes(crt);
        Cli.Result again = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "*.contoso.test", "--out", out.toString());
        assertEquals(2, again.exit(), again::toString);
        assertTrue(again.err().contains("exists; not replacing it without --force"), again::toString);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(crt)), "file untouched");
        Cli.Result forced = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "*.contoso.test", "--out", out.toString(), "--force");
        assertEquals(0, forced.exit(), forced::toString);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(crt)));
    }

    @Test
    void revokeThenCrlListsTheSerial() throws Exception {
        Cli.Result issued = Cli.run(lab, "cert", "issue", "--ca", "enterprise", "--dns", "gone.contoso.test", "--out", out.toString(), "--format", "json");
        assertEquals(0, issued.exit(), issued::toString);
        Cli.Result rev = Cli.run(lab, "cert", "revoke", "--ca", "enterprise", "--cert", out.resolve("gone.contoso.test.crt").toString(),
                "--reason", "superseded");
        assertEquals(0, rev.exit(), rev::toString);
        Cli.Result crl = Cli.run(lab, "crl", "--ca", "enterprise", "--out", out.toString());
        assertEquals(0, crl.exit(), crl::toString);
        var x = Pem.parseCrl(Files.readAllBytes(out.resolve("enterprise.crl")));
        Cli.Result again = Cli.run(lab, "crl", "--ca", "enterprise", "--out", out.toString());
        assertEquals(2, again.exit(), "a CRL file in a folder the user named is not replaced without --force: " + again);
        assertEquals(0, Cli.run(lab, "crl", "--ca", "enterprise", "--out", out.toString(), "--force").exit());
        X509Certificate leaf = Pem.readCertificates(out.resolve("gone.contoso.test.crt")).get(0);
        assertTrue(x.isRevoked(leaf));
        Cli.Result twice = Cli.run(lab, "cert", "revoke", "--ca", "enterprise", "--cert", out.resolve("gone.contoso.test.crt").toString(),
                "--reason", "keyCompromise");
        assertEquals(0, twice.exit(), twice::toString);
        assertTrue(twice.out().contains("was already revoked at ") && twice.out().contains("it stays superseded, not keyCompromise. Nothing changed."),
                "a second revoke does not claim to have revoked with the new reason: " + twice);
        Cli.Result unknown = Cli.run(lab, "cert", "revoke", "--ca", "enterprise", "--serial", "ABCDEF");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("has not issued serial ABCDEF"), unknown::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown CA            | --ca nosuch --dns a.contoso.test                                 | unknown CA 'nosuch'",
        "invalid DNS name      | --ca public --dns bad_name!.test                                | invalid DNS name 'bad_name!.test'",
        "wildcard in middle    | --ca public --dns a.*.contoso.test                              | a wildcard must be the whole left-most label",
        "not-after before      | --ca public --dns a.contoso.test --not-before +2d --not-after +1d | is not after not-before",
        "unknown key type      | --ca public --dns a.contoso.test --key rsa-999                  | unknown key type 'rsa-999'",
        "bad relative time     | --ca public --dns a.contoso.test --not-after yesterday          | bad time 'yesterday'",
        "bad IP                | --ca enterprise --ip 300.1.1.1                                  | invalid IP address '300.1.1.1'",
        "unknown EKU           | --ca public --dns a.contoso.test --eku serverAuthX              | unknown extended key usage 'serverAuthX'",
        "no name               | --ca public                                                     | give --dns, --ip or --cn",
        "international name    | --ca public --dns bücher.contoso.test                           | its ASCII form: xn--bcher-kva.contoso.test",
        "friendly name, no p12 | --ca public --dns a.contoso.test --friendly-name Exchange       | --friendly-name goes with --p12",
        "ip without san        | --ca enterprise --ip 10.0.0.1 --no-san                          | give --cn 10.0.0.1 to put it in the subject",
        "past year 9999        | --ca enterprise --dns a.contoso.test --days 2147483647          | does not fit X.509's four-digit years",
        "password file folder  | --ca public --dns a.contoso.test --p12 --password-file /        | --password-file / is a folder",
    })
    void badInputIsExit2WithOneLine(String what, String args, String message) {
        List<String> argv = new java.util.ArrayList<>(List.of("cert", "issue", "--out", out.toString()));
        argv.addAll(List.of(args.trim().split("\\s+")));
        Cli.Result r = Cli.run(lab, argv.toArray(new String[0]));
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(message), r::toString);
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void caShowPemStandsAlone() {
        Cli.Result r = Cli.run(lab, "ca", "show", "enterprise", "--pem", "--format", "json");
        assertEquals(2, r.exit(), "PEM printed where JSON was asked for: " + r);
        assertTrue(r.err().contains("--pem prints only the certificates: give it without --format json"), r::toString);
    }

    @Test
    void aHalfMadeCaIsNotRecreatedUnasked(@TempDir Path own) throws Exception {
        assertEquals(0, Cli.run(own, "ca", "init").exit());
        Files.delete(own.resolve("ca/public-root/key.pem"));
        byte[] root = Files.readAllBytes(own.resolve("ca/public-root/cert.pem"));
        byte[] issuing = Files.readAllBytes(own.resolve("ca/public/cert.pem"));
        Cli.Result r = Cli.run(own, "ca", "init");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("CA 'public-root' in " + own.resolve("ca/public-root") + " is incomplete: key.pem is missing"), r::toString);
        assertTrue(r.err().contains("pkilab ca init --force public-root"), r::toString);
        assertTrue(java.util.Arrays.equals(root, Files.readAllBytes(own.resolve("ca/public-root/cert.pem"))), "root kept");
        assertTrue(java.util.Arrays.equals(issuing, Files.readAllBytes(own.resolve("ca/public/cert.pem"))), "the CA below it kept");
        Cli.Result list = Cli.run(own, "ca", "list");
        assertTrue(list.out().contains("public-root  (CA 'public-root'"), "ca list says incomplete, not 'not created yet': " + list);
        Cli.Result forced = Cli.run(own, "ca", "init", "--force", "public-root");
        assertEquals(0, forced.exit(), forced::toString);
        assertTrue(forced.out().contains("created  public-root"), forced::toString);
    }

    @Test
    void damagedRecordsNameTheFileInPlainWords(@TempDir Path own) throws Exception {
        assertEquals(0, Cli.run(own, "ca", "init").exit());
        Files.writeString(own.resolve("ca/enterprise/records.json"), "{{\n");
        Cli.Result r = Cli.run(own, "ca", "list");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("ca/enterprise/records.json:1: the CA's records are damaged"), r::toString);
        assertTrue(r.err().contains("pkilab ca init --force enterprise"), r::toString);
        assertFalse(r.err().contains("Unexpected character"), "no parser text: " + r);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void filesAreNamedAsTheCertificateNamesTheHost() throws Exception {
        Cli.Result r = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "MAIL.Contoso.Test.", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.exists(out.resolve("mail.contoso.test.crt")), r::toString);
        Cli.Result ip = Cli.run(lab, "cert", "issue", "--ca", "public", "--ip", "[::1]", "--out", out.toString());
        assertEquals(0, ip.exit(), ip::toString);
        assertTrue(Files.exists(out.resolve("__1.crt")), ip::toString);
        assertTrue(ip.out().startsWith("Issued (empty subject) by public"), ip::toString);
    }

    @Test
    void aFileWhereTheOutputFolderShouldBeIsNamed() throws Exception {
        Path file = Files.writeString(out.resolve("not-a-folder"), "x");
        Cli.Result r = Cli.run(lab, "crl", "--ca", "enterprise", "--out", file.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("cannot write " + file.resolve("enterprise.crl") + ": a file is in the way"), r::toString);
    }

    @Test
    void malformedProfileYamlNamesFileLineAndField(@TempDir Path config) throws Exception {
        Files.createDirectories(config.resolve("ca"));
        Files.createDirectories(config.resolve("scenarios"));
        Files.copy(Repo.ca().resolve("enterprise.yaml"), config.resolve("ca/enterprise.yaml"));
        String broken = Files.readString(Repo.ca().resolve("public.yaml")).replace("  key: rsa-4096", "  kee: rsa-4096");
        Files.writeString(config.resolve("ca/public.yaml"), broken);
        Cli.Result r = Cli.runWithConfig(config, "--lab", out.toString(), "ca", "init");
        assertEquals(2, r.exit(), r::toString);
        int line = 1 + (int) broken.substring(0, broken.indexOf("  kee:")).chars().filter(c -> c == '\n').count();
        assertTrue(r.err().contains("ca/public.yaml:" + line + ":"), r::toString);
        assertTrue(r.err().contains("unknown field 'kee'"), r::toString);

        Files.writeString(config.resolve("ca/public.yaml"), broken.replace("  kee: rsa-4096", "  key: rsa-4097"));
        Cli.Result bad = Cli.runWithConfig(config, "--lab", out.toString(), "ca", "init");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("field 'root.key': unknown key type 'rsa-4097'"), bad::toString);

        Files.writeString(config.resolve("ca/public.yaml"), "name: [unclosed\n");
        Cli.Result syntax = Cli.runWithConfig(config, "--lab", out.toString(), "ca", "list");
        assertEquals(2, syntax.exit(), syntax::toString);
        assertTrue(syntax.err().contains("ca/public.yaml:"), syntax::toString);
    }
}
