package pkilab.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.pem.Pem;
import pkilab.testing.Cli;
import pkilab.testing.Tools;

/** Installs lab roots into real stores in temporary places, proves they are trusted, and removes them exactly. */
class TrustStoresTest {
    static final Path lab = SharedLab.HOME;
    static final TrustRoot enterprise = SharedLab.ENTERPRISE;
    static final TrustCheck check = SharedLab.CHECK;

    @TempDir
    Path tmp;

    @Test
    void javaCacertsCopyTrustsTheLabOnlyWhileInstalled() throws Exception {
        Path store = tmp.resolve("cacerts");
        Files.copy(JavaTrustStore.jdkCacerts().toRealPath(), store);
        Map<String, String> before = aliasesAndFingerprints(store);
        assertNotNull(check.javaHandshake(load(store), enterprise), "the JDK's own roots must not trust the lab");

        Cli.Result in = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "java:" + store, "--yes");
        assertEquals(0, in.exit(), in::toString);
        assertTrue(in.out().contains("added " + enterprise.alias()), in::toString);
        assertTrue(in.out().contains("verified: JSSE handshake"), in::toString);
        assertTrue(in.out().contains("name-constrained: can vouch only for test, localhost, 127.0.0.0/8, ::1/128, exch01"), in::toString);
        assertNull(check.javaHandshake(load(store), enterprise), "handshake while installed");
        assertTrue(Tools.run(List.of("keytool", "-list", "-keystore", store.toString(), "-storepass", "changeit"))
                .output().contains(enterprise.alias()));

        Cli.Result list = Cli.run(lab, "trust", "list", "--into", "java:" + store);
        assertEquals(0, list.exit(), list::toString);
        assertTrue(list.out().contains(enterprise.alias() + " "), list::toString);
        assertTrue(list.out().contains((before.size() + 1) + " entries, 1 added by pkilab"), list::toString);

        byte[] installed = Files.readAllBytes(store);
        Cli.Result again = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "java:" + store, "--yes");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("already installed: nothing to do"), again::toString);
        assertArrayEquals(installed, Files.readAllBytes(store), "installing twice must not touch the store");

        Cli.Result out = Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "java:" + store, "--yes");
        assertEquals(0, out.exit(), out::toString);
        assertTrue(out.out().contains("checked: no longer trusted (JSSE handshake"), out::toString);
        assertEquals(before, aliasesAndFingerprints(store), "uninstall must leave every other entry as it was");
        assertNotNull(check.javaHandshake(load(store), enterprise), "handshake after uninstall must fail");
    }

    @Test
    void nssDatabaseAddListDelete() {
        assumeTrue(Tools.available("certutil"), "NSS certutil not installed (apt-get install libnss3-tools): NSS test skipped");
        Path db = tmp.resolve("nssdb");
        assertEquals(0, Tools.run(List.of("mkdir", "-p", db.toString())).exit());
        assertEquals(0, Tools.run(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + db)).exit());
        // an entry someone else made, with the same root under another nickname's twin: the public root
        Path other = tmp.resolve("other.pem");
        Cli.Result show = Cli.run(lab, "ca", "show", "public-root", "--pem");
        write(other, show.out());
        assertEquals(0, Tools.run(List.of("certutil", "-A", "-d", "sql:" + db, "-t", "C,,", "-n", "corp root", "-i", other.toString())).exit());
        String before = Tools.run(List.of("certutil", "-L", "-d", "sql:" + db)).output();

        Cli.Result in = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "nss:" + db, "--yes");
        assertEquals(0, in.exit(), in::toString);
        assertTrue(in.out().contains("verified: vfychain") || in.out().contains("verified: certutil -V"), in::toString);
        String listed = Tools.run(List.of("certutil", "-L", "-d", "sql:" + db)).output();
        assertTrue(listed.matches("(?s).*" + enterprise.alias() + "\\s+C,,.*"), listed);
        Cli.Result list = Cli.run(lab, "trust", "list", "--into", "nss:" + db, "--all");
        assertTrue(list.out().contains(enterprise.alias()) && list.out().contains("corp root"), list::toString);

        Cli.Result out = Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "nss:" + db, "--yes");
        assertEquals(0, out.exit(), out::toString);
        assertEquals(before, Tools.run(List.of("certutil", "-L", "-d", "sql:" + db)).output());
    }

    @Test
    void debianSystemStoreInTemporaryFolders() throws Exception {
        assumeTrue(Tools.available("update-ca-certificates") || Files.isExecutable(Path.of("/usr/sbin/update-ca-certificates")),
                "update-ca-certificates not installed: system store test skipped");
        Path dist = Files.createDirectories(tmp.resolve("share/dist"));
        Path local = Files.createDirectories(tmp.resolve("local"));
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path hooks = Files.createDirectories(tmp.resolve("hooks"));
        // a "distribution" root that must survive untouched
        write(dist.resolve("corp.crt"), Cli.run(lab, "ca", "show", "public-root", "--pem").out());
        Path conf = write(tmp.resolve("ca-certificates.conf"), "dist/corp.crt\n");
        List<String> dirs = List.of("--certsconf", conf.toString(), "--certsdir", tmp.resolve("share").toString(),
                "--localcertsdir", local.toString(), "--etccertsdir", etc.toString(), "--hooksdir", hooks.toString());
        Path tool = Files.isExecutable(Path.of("/usr/sbin/update-ca-certificates")) ? Path.of("/usr/sbin/update-ca-certificates")
                : Path.of("update-ca-certificates");
        assertEquals(0, Tools.run(concat(List.of(tool.toString()), dirs)).exit());
        Path bundle = etc.resolve("ca-certificates.crt");
        byte[] baseline = Files.readAllBytes(bundle);
        Path leaf = write(tmp.resolve("leaf.pem"), Pem.encode(check.leaf(enterprise).certificate()));
        assertFalse(opensslVerifies(bundle, leaf), "the baseline bundle must not trust the lab");

        Cli.Result in = Cli.run(lab, arr(concat(List.of("trust", "install", "--ca", "enterprise", "--into", "system", "--yes"), dirs)));
        assertEquals(0, in.exit(), in::toString);
        assertTrue(in.out().contains("verified: openssl verify"), in::toString);
        assertTrue(Files.exists(local.resolve(enterprise.alias() + ".crt")));
        assertTrue(opensslVerifies(bundle, leaf), "bundle after install");

        Cli.Result out = Cli.run(lab, arr(concat(List.of("trust", "uninstall", "--ca", "enterprise", "--into", "system", "--yes"), dirs)));
        assertEquals(0, out.exit(), out::toString);
        assertArrayEquals(baseline, Files.readAllBytes(bundle), "bundle after uninstall must be byte-for-byte the baseline");
        assertFalse(opensslVerifies(bundle, leaf));
    }

    @Test
    void pemBundleGetsExactlyOneBlockAndLosesExactlyIt() throws Exception {
        Path bundle = tmp.resolve("bundle.pem");
        String someoneElses = "# Mozilla bundle, Ünïcode comment\n" + Cli.run(lab, "ca", "show", "public-root", "--pem").out().strip();
        Files.write(bundle, someoneElses.getBytes(StandardCharsets.UTF_8)); // no trailing newline, on purpose
        byte[] before = Files.readAllBytes(bundle);
        Path leaf = write(tmp.resolve("leaf.pem"), Pem.encode(check.leaf(enterprise).certificate()));

        Cli.Result in = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + bundle, "--yes");
        assertEquals(0, in.exit(), in::toString);
        assertTrue(in.out().contains("verified: openssl verify"), in::toString);
        assertTrue(opensslVerifies(bundle, leaf));

        Cli.Result out = Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "pem:" + bundle, "--yes");
        assertEquals(0, out.exit(), out::toString);
        assertArrayEquals(before, Files.readAllBytes(bundle));
        assertFalse(opensslVerifies(bundle, leaf));
    }

    @Test
    void aBundlePkilabCreatedIsGoneAfterUninstall() {
        Path bundle = tmp.resolve("new.pem");
        assertEquals(0, Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "pem:" + bundle, "--yes").exit());
        assertTrue(Files.exists(bundle));
        Cli.Result out = Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "pem:" + bundle, "--yes");
        assertEquals(0, out.exit(), out::toString);
        assertFalse(Files.exists(bundle), out::toString);
        Cli.Result again = Cli.run(lab, "trust", "uninstall", "--ca", "enterprise", "--into", "pem:" + bundle, "--yes");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("is not installed: nothing to do"), again::toString);
    }

    @Test
    void aPkcs12StoreStaysPkcs12() throws Exception {
        Path store = tmp.resolve("app-trust.p12");
        assertEquals(0, Cli.run(lab, "trust", "export", "--ca", "public-root", "--format", "p12", "--out", store.toString()).exit());
        Cli.Result in = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "java:" + store, "--yes");
        assertEquals(0, in.exit(), in::toString);
        String listed = Tools.run(List.of("keytool", "-list", "-keystore", store.toString(), "-storepass", "changeit")).output();
        assertTrue(listed.contains("Keystore type: PKCS12"), listed);
        assertTrue(listed.contains(enterprise.alias()) && listed.contains(SharedLab.PUBLIC_ROOT.alias()), listed);
    }

    static boolean opensslVerifies(Path bundle, Path leaf) {
        return Tools.run(List.of("openssl", "verify", "-CAfile", bundle.toString(), leaf.toString())).exit() == 0;
    }

    static KeyStore load(Path store) throws Exception {
        return KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
    }

    static Map<String, String> aliasesAndFingerprints(Path store) throws Exception {
        KeyStore ks = load(store);
        Map<String, String> out = new TreeMap<>();
        for (String a : Collections.list(ks.aliases())) {
            out.put(a, TrustRoot.digest((X509Certificate) ks.getCertificate(a), "SHA-256"));
        }
        return out;
    }

    static Path write(Path p, String text) {
        try {
            Files.writeString(p, text);
            return p;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @SafeVarargs
    static <T> List<T> concat(List<T>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    static String[] arr(List<String> l) {
        return l.toArray(new String[0]);
    }
}
