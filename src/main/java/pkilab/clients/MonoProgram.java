package pkilab.clients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The .NET client's program, kept as C# source in pkilab ({@code EwsProbe.cs}) and compiled
 * with Mono's {@code mcs} the first time it is needed. The executable's name carries a hash
 * of the source ({@code EwsProbe-1a2b3c4d5e6f.exe}), so a changed source is compiled again
 * and an older executable is never run; no binary is part of the project.
 */
final class MonoProgram {
    static final String RESOURCE = "/pkilab/clients/dotnet/EwsProbe.cs";
    /** Mono.Security holds the store API Mono's own cert-sync uses to import roots. */
    private static final List<String> REFERENCES = List.of("-r:Mono.Security.dll", "-r:System.dll");
    private static final Object LOCK = new Object();

    private MonoProgram() {
    }

    static byte[] source() throws IOException {
        try (InputStream in = MonoProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("pkilab's build lacks " + RESOURCE + " (rebuild pkilab)");
            }
            return in.readAllBytes();
        }
    }

    /** The executable this source compiles to, in {@code dir}; it may not exist yet. */
    static Path executable(Path dir) throws IOException {
        return dir.resolve("EwsProbe-" + hash(source()) + ".exe");
    }

    /**
     * The compiled program in {@code dir}, compiling it first with {@code mcs} when this
     * source has not been compiled there yet. Runs in parallel wait for one compilation; the
     * executable appears by an atomic rename, so another process never runs half a file.
     */
    static Path compiled(Path dir, Path mcs, Duration timeout) throws IOException, InterruptedException {
        synchronized (LOCK) {
            Path exe = executable(dir);
            if (Files.isRegularFile(exe)) {
                return exe;
            }
            Files.createDirectories(dir);
            String stem = exe.getFileName().toString().replace(".exe", "");
            Path src = dir.resolve(stem + ".cs");
            Files.write(src, source());
            Path tmp = Files.createTempFile(dir, "." + stem + ".", ".exe");
            Path log = Files.createTempFile(dir, "." + stem + ".", ".log");
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of(mcs.toString(), "-nologo", "-optimize+"));
                cmd.addAll(REFERENCES);
                cmd.add("-out:" + tmp);
                cmd.add(src.toString());
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(Math.max(30, timeout.toSeconds()), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("mcs did not finish compiling " + src + " within " + Math.max(30, timeout.toSeconds()) + " s");
                }
                if (p.exitValue() != 0) {
                    String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                    throw new IOException("mcs could not compile " + src + " (exit " + p.exitValue() + "): " + ExternalClient.lastLine(out));
                }
                try {
                    Files.move(tmp, exe, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING);
                }
                removeOlder(dir, exe);
                return exe;
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(log);
            }
        }
    }

    /** Executables and sources of earlier versions of the program: never run again. */
    private static void removeOlder(Path dir, Path current) throws IOException {
        String keep = current.getFileName().toString().replace(".exe", "");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("EwsProbe-") && (n.endsWith(".exe") || n.endsWith(".cs")) && !n.startsWith(keep + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
