package pkilab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Repo;

/**
 * The {@code ./pkilab} launcher with the packaged jar, as a user runs it: its JVM options must
 * not leak anything onto standard output, which scripts parse.
 */
class LauncherIT {
    record Run(int exit, String out, String err) {
    }

    static Run launch(Path workDir, String... args) throws IOException, InterruptedException {
        return launchWith(workDir, "", args);
    }

    /** Runs the launcher with {@code javaOpts} in PKILAB_JAVA_OPTS. */
    static Run launchWith(Path workDir, String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Repo.root().resolve("pkilab").toString());
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PKILAB_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./pkilab " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The launcher took any argument "serve" for the command, so a certificate named serve ran as a server. */
    @Test
    void aValueCalledServeDoesNotMakeARunAServer(@TempDir Path dir) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(Repo.root().resolve("target"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pkilab-serve")).toList()) {
                Files.delete(f);
            }
        }
        Run r = launch(dir, "--lab", dir.resolve("lab").toString(), "cert", "issue", "--ca", "self", "--dns", "serve.lab.test",
                "--cn", "serve", "--key", "ec-p256", "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(List.of(), serveArchives(), "a cert issue records no server archive");
    }

    @Test
    void serveStartsCleanlyFromTheLauncherWithBoringSsl(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("lab");
        // a run that only prints help records no archive: it would hold a fraction of the
        // classes, and every later start would use it
        try (java.util.stream.Stream<Path> files = Files.list(Repo.root().resolve("target"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pkilab-serve")).toList()) {
                Files.delete(f);
            }
        }
        assertEquals(0, launch(dir, "serve", "--help").exit());
        assertEquals(List.of(), serveArchives());
        long scenarios;
        try (java.util.stream.Stream<Path> files = Files.list(Repo.root().resolve("scenarios"))) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("clients.yaml")).count();
        }
        // twice: the first start makes the lab and records the server's class-data archive,
        // the second starts from that archive with the JIT directives in place
        for (int i = 0; i < 2; i++) {
            Run r = launch(dir, "--lab", lab.toString(), "serve", "--https-port", "0", "--http-port", "0", "--stop-after", "0s");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("Lab home: "), "nothing before the first line: " + r.out());
            assertTrue(r.out().contains("\nTLS        BoringSSL (native, through netty-tcnative)\n"), r.out());
            assertTrue(r.out().contains("certificates: " + (i == 0 ? "0 reused, " + scenarios + " made" : scenarios + " reused, 0 made")), r.out());
            assertTrue(r.err().isBlank() || i == 0, "a warm start writes nothing to standard error: " + r.err());
        }
        assertTrue(Files.readString(Repo.root().resolve("target/serve-jit.json")).contains("c2: { Exclude: true }"));
        // one class-data archive for the server, named after the jar it was made from
        List<String> archives = serveArchives();
        assertEquals(1, archives.size(), archives::toString);
        assertTrue(archives.get(0).matches("pkilab-serve-\\d+\\.jsa"), archives::toString);
    }

    private static List<String> serveArchives() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(Repo.root().resolve("target"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("pkilab-serve")).toList();
        }
    }

    @Test
    void withoutBoringSslServeFallsBackToTheJdkAndSaysWhy(@TempDir Path dir) throws Exception {
        // netty's switch that makes its native library count as missing, as on a platform
        // the bundle does not cover
        String missing = "-Dio.netty.handler.ssl.noOpenSsl=true";
        Path lab = dir.resolve("lab");
        Run auto = launchWith(dir, missing, "--lab", lab.toString(), "serve", "--https-port", "0", "--http-port", "0", "--stop-after", "0s");
        assertEquals(0, auto.exit(), auto::toString);
        assertTrue(auto.out().contains("\nTLS        the JDK (SunJSSE); BoringSSL does not load here: "), auto.out());
        Path fresh = dir.resolve("fresh-lab");
        Run asked = launchWith(dir, missing, "--lab", fresh.toString(), "serve", "--https-port", "0", "--http-port", "0",
                "--stop-after", "0s", "--tls-engine", "boringssl");
        assertTrue(!Files.exists(fresh), "refused before making any certificate");
        assertEquals(2, asked.exit(), asked::toString);
        assertTrue(asked.err().startsWith("pkilab: TLS engine boringssl: its native library does not load here ("), asked.err());
        assertTrue(asked.err().strip().endsWith("use the JDK's with --tls-engine jdk"), asked.err());
        assertTrue(!asked.err().contains("\tat "), "no stack trace: " + asked.err());
    }

    @Test
    void twoLaunchersAfterAChangeBuildOnce(@TempDir Path dir) throws Exception {
        // a copy of the launcher in a stale checkout, with stand-ins for mvn (a build that takes
        // a second and fails if another runs beside it) and java
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Repo.root().resolve("pkilab"), repo.resolve("pkilab"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(repo.resolve("target"));
        Path jar = Files.writeString(repo.resolve("target/pkilab.jar"), "old");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.createDirectories(repo.resolve("src/main"));
        Files.writeString(repo.resolve("src/main/Changed.java"), "");
        Files.writeString(repo.resolve("pom.xml"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nmkdir target/building || { echo 'two builds at once' >&2; exit 1; }\n"
                + "sleep 1\necho new > target/pkilab.jar\nrmdir target/building\n");
        Files.writeString(bin.resolve("java"), "#!/bin/sh\nexit 0\n");
        for (Path p : List.of(bin.resolve("mvn"), bin.resolve("java"))) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<Process> launched = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(repo.resolve("pkilab").toString(), "--version").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out" + i + ".txt").toFile());
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            launched.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(launched.get(i).waitFor(60, TimeUnit.SECONDS), "launcher " + i + " finished");
            String out = Files.readString(dir.resolve("out" + i + ".txt"));
            assertEquals(0, launched.get(i).exitValue(), out);
        }
        assertEquals("new\n", Files.readString(jar));
    }

    @Test
    void oneShotCommandsPrintOnlyTheirAnswer(@TempDir Path dir) throws Exception {
        Run r = launch(dir, "--version");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("pkilab "), r.out());
        assertTrue(r.err().isBlank(), r.err());
    }
}
