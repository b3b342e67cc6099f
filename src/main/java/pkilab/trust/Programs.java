package pkilab.trust;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pkilab.BadInputException;

/** Runs the platform's own trust tools (certutil, update-ca-certificates, openssl). */
final class Programs {
    /** Exit code and merged stdout/stderr of one run. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        String firstLine() {
            String t = output.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? t : t.substring(0, nl);
        }
    }

    // root's tools live in sbin, which a normal user's PATH often lacks
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Programs() {
    }

    /** The program on PATH (or in an sbin folder), or null. */
    static Path find(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, EXTRA_DIRS)).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BadInputException(command.get(0) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while running " + command.get(0));
        }
    }

    /** Runs and fails with the tool's first output line when it exits non-zero. */
    static Result require(String what, List<String> command) {
        Result r = run(command);
        if (!r.ok()) {
            throw new BadInputException("failed to " + what + ": " + Path.of(command.get(0)).getFileName()
                    + " exited " + r.exit() + ": " + r.firstLine());
        }
        return r;
    }
}
