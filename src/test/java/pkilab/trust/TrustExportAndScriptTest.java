package pkilab.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pkilab.testing.Cli;
import pkilab.testing.Tools;

/** Export formats open with keytool and openssl; scripts carry computed thumbprints; bad input is one line, exit 2. */
class TrustExportAndScriptTest {
    static final Path lab = SharedLab.HOME;
    static final TrustRoot enterprise = SharedLab.ENTERPRISE;
    static final TrustRoot publicRoot = SharedLab.PUBLIC_ROOT;
    static final TrustCheck check = SharedLab.CHECK;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"p12", "jks"})
    void javaTrustStoresOpenWithKeytoolAndJsse(String format) throws Exception {
        Path out = tmp.resolve("lab." + format);
        Cli.Result r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--ca", "public", "--format", format, "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        String listed = Tools.run(List.of("keytool", "-list", "-keystore", out.toString(), "-storepass", "changeit")).output();
        assertTrue(listed.contains(enterprise.alias() + ",") && listed.contains(publicRoot.alias() + ","), listed);
        assertTrue(listed.contains("trustedCertEntry"), listed);
        KeyStore ks = KeyStore.getInstance(out.toFile(), "changeit".toCharArray());
        assertNull(check.javaHandshake(ks, enterprise), "JSSE trusting the exported store");
        assertNull(check.javaHandshake(ks, publicRoot));
        assertNull(handshakeViaSystemProperties(out, enterprise), "-Djavax.net.ssl.trustStore=" + out);
        if (format.equals("p12")) {
            Tools.Run o = Tools.run(List.of("openssl", "pkcs12", "-in", out.toString(), "-nokeys", "-passin", "pass:changeit"));
            assertEquals(0, o.exit(), o.output());
            assertTrue(o.output().contains("BEGIN CERTIFICATE"), o.output());
        }
    }

    @Test
    void selfIsExplainedNotCalledAnUnknownCa() {
        Cli.Result r = Cli.run(lab, "trust", "export", "--ca", "self", "--format", "pem", "--out", tmp.resolve("self.pem").toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'self' is not a CA: a self-signed certificate is its own issuer"), r::toString);
        assertTrue(Files.notExists(tmp.resolve("self.pem")), "nothing written");
    }

    @Test
    void passwordFileSetsTheStorePassword() throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "s3cret\n");
        Path out = tmp.resolve("lab.p12");
        Cli.Result r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--format", "p12", "--out", out.toString(),
                "--password-file", pw.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(0, Tools.run(List.of("keytool", "-list", "-keystore", out.toString(), "-storepass", "s3cret")).exit());
        assertTrue(Tools.run(List.of("keytool", "-list", "-keystore", out.toString(), "-storepass", "changeit")).exit() != 0);
    }

    @Test
    void pemBundleAndDerFilesOpenWithOpenssl() throws Exception {
        Path pem = tmp.resolve("roots.pem");
        Cli.Result r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--ca", "public-root", "--format", "pem", "--out", pem.toString());
        assertEquals(0, r.exit(), r::toString);
        Path leaf = Files.writeString(tmp.resolve("leaf.pem"), pkilab.pem.Pem.encode(check.leaf(publicRoot).certificate()));
        assertEquals(0, Tools.run(List.of("openssl", "verify", "-CAfile", pem.toString(), leaf.toString())).exit());

        Path dir = tmp.resolve("der");
        r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--format", "der", "--out", dir.toString());
        assertEquals(0, r.exit(), r::toString);
        Tools.Run x = Tools.run(List.of("openssl", "x509", "-inform", "DER", "-in", dir.resolve(enterprise.alias() + ".cer").toString(),
                "-noout", "-subject"));
        assertEquals(0, x.exit(), x.output());
        assertTrue(x.output().contains("contoso-DC01-CA"), x.output());
    }

    @Test
    void exportRefusesToOverwriteWithoutForce() throws Exception {
        Path out = Files.writeString(tmp.resolve("mine.pem"), "my own file\n");
        Cli.Result r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--format", "pem", "--out", out.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("add --force"), r::toString);
        assertEquals("my own file\n", Files.readString(out));
        r = Cli.run(lab, "trust", "export", "--ca", "enterprise", "--format", "pem", "--out", out.toString(), "--force");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.readString(out).contains("BEGIN CERTIFICATE"));
    }

    @Test
    void windowsScriptsCarryTheComputedThumbprint() throws Exception {
        Cli.Result r = Cli.run(lab, "trust", "script", "--os", "windows", "--ca", "enterprise", "--out", tmp.toString());
        assertEquals(0, r.exit(), r::toString);
        String sha1 = Tools.run(List.of("openssl", "x509", "-inform", "DER", "-in", tmp.resolve(enterprise.alias() + ".cer").toString(),
                "-noout", "-fingerprint", "-sha1")).output().replaceAll("(?s).*=", "").replace(":", "").strip();
        assertEquals(sha1, enterprise.thumbprint());
        String ps1 = Files.readString(tmp.resolve("install-lab-roots.ps1"));
        assertTrue(ps1.contains("Import-Certificate -FilePath \"$PSScriptRoot\\" + enterprise.alias() + ".cer\" -CertStoreLocation Cert:\\LocalMachine\\Root"), ps1);
        assertTrue(Files.readString(tmp.resolve("uninstall-lab-roots.ps1")).contains("Cert:\\LocalMachine\\Root\\" + sha1));
        assertTrue(Files.readString(tmp.resolve("install-lab-roots.cmd")).contains("certutil -addstore -f Root"));
        assertTrue(Files.readString(tmp.resolve("uninstall-lab-roots.cmd")).contains("certutil -delstore Root " + sha1));
        assertTrue(Files.exists(tmp.resolve(enterprise.alias() + ".crt")));
        assertTrue(ps1.contains("\r\n"), "Windows scripts use CRLF");
    }

    @Test
    void macAndLinuxScriptsAreValidShell() throws Exception {
        Path mac = tmp.resolve("mac");
        Path linux = tmp.resolve("linux");
        assertEquals(0, Cli.run(lab, "trust", "script", "--os", "macos", "--ca", "enterprise", "--out", mac.toString()).exit());
        assertEquals(0, Cli.run(lab, "trust", "script", "--os", "linux", "--ca", "enterprise", "--out", linux.toString()).exit());
        String in = Files.readString(mac.resolve("install-lab-roots.sh"));
        assertTrue(in.contains("security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain"), in);
        assertTrue(Files.readString(mac.resolve("uninstall-lab-roots.sh"))
                .contains("security delete-certificate -Z " + enterprise.thumbprint() + " /Library/Keychains/System.keychain"));
        assertTrue(Files.readString(linux.resolve("install-lab-roots.sh")).contains("update-ca-trust extract"));
        for (Path p : List.of(mac.resolve("install-lab-roots.sh"), mac.resolve("uninstall-lab-roots.sh"),
                linux.resolve("install-lab-roots.sh"), linux.resolve("uninstall-lab-roots.sh"))) {
            Tools.Run syntax = Tools.run(List.of("sh", "-n", p.toString()));
            assertEquals(0, syntax.exit(), p + ": " + syntax.output());
            assertTrue(Files.isExecutable(p), p + " is executable");
        }
    }

    @Test
    void unknownCaIsOneLineExit2() {
        Cli.Result r = Cli.run(lab, "trust", "install", "--ca", "nope", "--into", "pem:" + tmp.resolve("b.pem"), "--yes");
        assertOneLineBadInput(r, "unknown CA 'nope'");
    }

    @Test
    void missingCertutilIsOneLineWithTheFix() {
        Cli.Result r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "nss:" + tmp, "--certutil",
                tmp.resolve("no-such-certutil").toString(), "--yes");
        assertOneLineBadInput(r, "libnss3-tools");
    }

    @Test
    void anOptionTheStoreDoesNotReadIsRefusedNotIgnored() {
        Path pem = tmp.resolve("unused-options.pem");
        assertOneLineBadInput(Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + pem, "--yes",
                "--home", tmp.toString()), "--home is for --into nss and firefox; --into pem:" + pem + " does not use it");
        assertOneLineBadInput(Cli.run(lab, "trust", "list", "--into", "nss:" + tmp, "--storepass-file", pem.toString()),
                "--storepass-file is for --into java;");
        assertOneLineBadInput(Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "java:" + pem, "--yes",
                "--certsdir", tmp.toString()), "--into system;");
        assertTrue(Files.notExists(pem), "nothing written");
    }

    @Test
    void unwritableTargetIsOneLineWithTheFix() {
        Cli.Result r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + tmp.resolve("missing/dir/b.pem"), "--yes");
        assertOneLineBadInput(r, "mkdir -p");
        r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "java:" + tmp.resolve("none.jks"), "--yes");
        assertOneLineBadInput(r, "no Java key store");
        Path notAStore = tmp.resolve("notes.jks");
        try {
            Files.writeString(notAStore, "not a key store\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "java:" + notAStore, "--yes");
        assertOneLineBadInput(r, "cannot open " + notAStore + ": not a JKS or PKCS#12 key store, or a damaged one");
        assertFalse(r.err().contains("Unrecognized"), r::toString);
        r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "floppy", "--yes");
        assertOneLineBadInput(r, "expected java[:KEYSTORE], nss[:DIR], firefox[:PROFILE], system or pem:FILE");
    }

    @Test
    void aFileThatIsNoBundleIsNotAppendedTo() throws Exception {
        Path key = tmp.resolve("server.key");
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
        Files.writeString(key, pem);
        Cli.Result r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + key, "--yes");
        assertOneLineBadInput(r, key + " is not a PEM bundle");
        assertEquals(pem, Files.readString(key));
        Path commented = Files.writeString(tmp.resolve("roots.pem"), "# lab roots\n");
        r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + commented, "--yes");
        assertEquals(0, r.exit(), "a bundle with only comments is still a bundle: " + r);
    }

    @Test
    void withoutYesAndWithoutTerminalNothingChanges() {
        Path bundle = tmp.resolve("b.pem");
        Cli.Result r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + bundle);
        assertOneLineBadInput(r, "add --yes");
        assertFalse(Files.exists(bundle));
        r = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + bundle, "--dry-run");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Would change:") && r.out().contains("Dry run: nothing changed."), r::toString);
        assertFalse(Files.exists(bundle));
    }

    @Test
    void wrongStorePasswordIsOneLine() throws Exception {
        Path store = tmp.resolve("s.jks");
        assertEquals(0, Cli.run(lab, "trust", "export", "--ca", "enterprise", "--format", "jks", "--out", store.toString()).exit());
        Path pw = Files.writeString(tmp.resolve("pw"), "wrong\n");
        Cli.Result r = Cli.run(lab, "trust", "list", "--into", "java:" + store, "--storepass-file", pw.toString());
        assertOneLineBadInput(r, "--storepass-file");
    }

    @Test
    void profileExportsTheRootsTheClientTrusts() throws Exception {
        Path out = tmp.resolve("workgroup.jks");
        Cli.Result r = Cli.run(lab, "trust", "export", "--profile", "workgroup-pc", "--format", "jks", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        KeyStore ks = KeyStore.getInstance(out.toFile(), "changeit".toCharArray());
        assertEquals(List.of(publicRoot.alias()), java.util.Collections.list(ks.aliases()));
        assertTrue(check.javaHandshake(ks, enterprise) != null, "a workgroup PC does not trust the enterprise root");

        Path er = tmp.resolve("email-router.pem");
        r = Cli.run(lab, "trust", "export", "--profile", "email-router", "--format", "pem", "--out", er.toString());
        assertEquals(0, r.exit(), r::toString);
        String pem = Files.readString(er);
        assertTrue(pem.contains("# " + enterprise.alias()) && pem.contains("# " + publicRoot.alias()), pem);

        r = Cli.run(lab, "trust", "export", "--profile", "laptop", "--format", "pem", "--out", tmp.resolve("x.pem").toString());
        assertOneLineBadInput(r, "unknown client profile 'laptop'");
    }

    @Test
    void targetsSayWhatIsAvailableHere() {
        Cli.Result r = Cli.run(lab, "trust", "targets");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("java    available: java:" + JavaTrustStore.jdkCacerts()), r::toString);
        for (String t : List.of("nss     ", "system  ", "pem     ")) {
            assertTrue(r.out().contains("\n" + t + "available") || r.out().contains("\n" + t + "not available: "), r::toString);
        }
    }

    /** What {@code java -Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=changeit} does: the default trust manager. */
    static String handshakeViaSystemProperties(Path store, TrustRoot root) throws Exception {
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], store.toString());
        System.setProperty(keys[1], "changeit");
        System.clearProperty(keys[2]);
        try {
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return check.javaHandshake(tmf, root);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    static void assertOneLineBadInput(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r::toString);
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + r);
        assertTrue(err.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT)), r::toString);
        assertFalse(err.contains("Exception"), r::toString);
    }
}
