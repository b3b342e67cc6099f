package pkilab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pkilab.testing.Repo;
import pkilab.testing.Tools;

/**
 * {@code pkilab.cmd}, the launcher for Windows users who have Java: cmd.exe does not run
 * here, so the test checks what cmd.exe needs (CRLF lines) and that the command line it
 * builds is the one that works: run on this machine, it starts the jar.
 */
class WindowsLauncherTest {
    @Test
    void theCmdLauncherRunsTheRunnableJarWithTheCheckoutsConfiguration() throws Exception {
        Path cmd = Repo.root().resolve("pkilab.cmd");
        String text = Files.readString(cmd, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("@echo off\r\n"), "cmd.exe wants CRLF line ends");
        assertEquals(text.split("\n").length, text.split("\r\n").length, "every line ends in CRLF");
        String launch = text.lines().filter(l -> l.contains("-jar")).findFirst().orElseThrow();
        assertEquals("\"%JAVA%\" -XX:+UseSerialGC %PKILAB_JAVA_OPTS% \"-Dpkilab.config=%HERE%\" -jar \"%JAR%\" %*", launch.strip());
        assertTrue(text.contains("set \"JAR=%HERE%\\target\\pkilab.jar\""), text);
        assertTrue(text.contains("if defined JAVA_HOME set \"JAVA=%JAVA_HOME%\\bin\\java\""), text);
        // the same command line, as a POSIX shell writes it, against the jar the build made
        Path jar = Repo.root().resolve("target/pkilab.jar");
        if (Files.isRegularFile(jar)) {
            Tools.Run r = Tools.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-Dpkilab.config=" + Repo.root(), "-jar", jar.toString(), "--version"));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().startsWith("pkilab "), r.output());
        }
        String readme = Files.readString(Repo.root().resolve("README.md"));
        assertTrue(readme.contains("java -jar target/pkilab.jar run"), "the README shows the jar on its own");
        assertTrue(readme.contains("pkilab.cmd run"), "and the Windows launcher");
        assertTrue(readme.contains("source <(./pkilab completion bash)"), "and shell completion");
    }
}
