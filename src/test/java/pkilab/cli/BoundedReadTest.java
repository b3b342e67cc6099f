package pkilab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;

/**
 * Every file pkilab reads is a regular file no bigger than its kind allows: a device that
 * never ends, a FIFO nobody writes to, a 3 GB sparse file are refused at once (exit 2, one
 * line with the limit), not read into the heap or waited on.
 */
class BoundedReadTest {
    private static final Duration QUICK = Duration.ofSeconds(20);

    @TempDir
    static Path lab;
    @TempDir
    static Path dir;
    static Path sparse;
    static Path fifo;
    static Path chain;

    @BeforeAll
    static void prepare() throws Exception {
        assertEquals(0, Cli.run(lab, "ca", "init").exit());
        Cli.Result r = Cli.run(lab, "cert", "issue", "--ca", "public", "--dns", "ok.test", "--out", dir.toString());
        assertEquals(0, r.exit(), r::toString);
        chain = dir.resolve("ok.test-fullchain.pem");
        sparse = dir.resolve("sparse.pem");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
    }

    private record Case(String name, String[] args, String words) {
    }

    private static Case of(String name, String words, String... args) {
        return new Case(name, args, words);
    }

    @TestFactory
    Stream<DynamicTest> unboundedOrBlockingFilesAreRefusedQuickly() throws Exception {
        String zero = "/dev/zero";
        String notRegular = "is not a regular file (a device, FIFO or socket?)";
        String huge = "is 3 GB, too big for a certificate file (at most 16 MB)";
        Path bigPem = dir.resolve("big.pem");
        if (!Files.exists(bigPem)) {
            Files.write(bigPem, new byte[17 << 20]);
        }
        Path keystore = dir.resolve("store.jks");
        List<Case> cases = new ArrayList<>(List.of(
                of("diagnose --chain /dev/zero", "/dev/zero " + notRegular + "; expected a certificate file",
                        "diagnose", "--chain", zero, "--host", "ok.test"),
                of("diagnose --trust /dev/zero", "/dev/zero " + notRegular, "diagnose", "--chain", chain.toString(), "--host", "ok.test",
                        "--trust", zero),
                of("cert revoke --cert /dev/zero", "/dev/zero " + notRegular, "cert", "revoke", "--ca", "public", "--cert", zero),
                of("trust install --into pem:/dev/zero", "/dev/zero " + notRegular, "trust", "install", "--ca", "enterprise",
                        "--into", "pem:" + zero, "--yes"),
                of("trust install --into java:/dev/zero", "no Java key store at /dev/zero", "trust", "install",
                        "--ca", "enterprise", "--into", "java:" + zero, "--yes"),
                of("trust install --storepass-file /dev/zero", "--storepass-file /dev/zero " + notRegular, "trust", "install",
                        "--ca", "enterprise", "--into", "java:" + keystore, "--storepass-file", zero, "--yes"),
                of("cert issue --password-file /dev/zero", "--password-file /dev/zero " + notRegular + "; expected a password file",
                        "cert", "issue", "--ca", "public", "--dns", "p.test", "--p12", "--password-file", zero, "--out", dir.resolve("p").toString()),
                of("trust export --password-file /dev/zero", "/dev/zero " + notRegular, "trust", "export", "--ca", "enterprise",
                        "--format", "p12", "--password-file", zero, "--out", dir.resolve("x.p12").toString()),
                of("diagnose --chain 3 GB sparse", sparse + " " + huge, "diagnose", "--chain", sparse.toString(), "--host", "ok.test"),
                of("diagnose --trust 3 GB sparse", sparse + " " + huge, "diagnose", "--chain", chain.toString(), "--host", "ok.test",
                        "--trust", sparse.toString()),
                of("diagnose --chain 17 MB", bigPem + " is 17 MB, too big for a certificate file (at most 16 MB)",
                        "diagnose", "--chain", bigPem.toString(), "--host", "ok.test"),
                of("diagnose --chain FIFO", fifo + " " + notRegular, "diagnose", "--chain", fifo.toString(), "--host", "ok.test"),
                of("cert revoke --cert FIFO", fifo + " " + notRegular, "cert", "revoke", "--ca", "public", "--cert", fifo.toString()),
                of("cert issue --password-file FIFO", fifo + " " + notRegular, "cert", "issue", "--ca", "public", "--dns", "f.test",
                        "--p12", "--password-file", fifo.toString(), "--out", dir.resolve("f").toString()),
                of("trust install --into pem:FIFO", fifo + " " + notRegular, "trust", "install", "--ca", "enterprise",
                        "--into", "pem:" + fifo, "--yes"),
                of("diagnose --chain FOLDER", dir + " is a folder (expected a certificate file)",
                        "diagnose", "--chain", dir.toString(), "--host", "ok.test")));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run(lab, c.args()));
            assertEquals(2, r.exit(), r::toString);
            assertTrue(r.err().contains(c.words()), () -> "expected '" + c.words() + "' in " + r);
            assertFalse(r.err().contains("\tat "), r::toString);
            assertEquals(1, r.err().strip().lines().count(), r::toString);
        }));
    }

    @TestFactory
    Stream<DynamicTest> aDamagedLabHomeWithADeviceOrAHugeFileIsRefusedQuickly() throws Exception {
        List<Case> cases = List.of(
                of("records.json -> /dev/zero", "records.json is not a regular file", "crl", "--ca", "enterprise",
                        "--out", dir.toString()),
                of("key.pem 3 GB", "key.pem is 3 GB, too big for a private key file (at most 1 MB)", "ca", "show", "public"),
                of("issued.jsonl FIFO", "issued.jsonl is not a regular file", "ca", "show", "public-root", "--issued"));
        Path home = dir.resolve("damaged");
        assertEquals(0, Cli.run(lab, "ca", "list").exit());
        copy(lab, home);
        Path records = home.resolve("ca/enterprise/records.json");
        Files.delete(records);
        Files.createSymbolicLink(records, Path.of("/dev/zero"));
        try (RandomAccessFile f = new RandomAccessFile(home.resolve("ca/public/key.pem").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Files.deleteIfExists(home.resolve("ca/public-root/issued.jsonl"));
        Process mk = new ProcessBuilder("mkfifo", home.resolve("ca/public-root/issued.jsonl").toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run(home, c.args()));
            assertEquals(2, r.exit(), r::toString);
            assertTrue(r.err().contains(c.words()), () -> "expected '" + c.words() + "' in " + r);
        }));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, t);
                }
            }
        }
    }
}
