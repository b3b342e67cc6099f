package pkilab.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import pkilab.ca.Lab;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/**
 * One initialised lab for every trust test of this JVM: making the 4096-bit public root
 * takes seconds, and no trust test changes the CAs.
 */
final class SharedLab {
    static final Path HOME;
    static final TrustRoot ENTERPRISE;
    static final TrustRoot PUBLIC_ROOT;
    static final TrustCheck CHECK;

    static {
        try {
            HOME = Files.createTempDirectory("pkilab-trust-lab-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(HOME)));
        Cli.Result r = Cli.run(HOME, "ca", "init");
        if (r.exit() != 0) {
            throw new IllegalStateException("ca init failed: " + r);
        }
        Lab lab = Lab.open(HOME, Repo.ca());
        ENTERPRISE = new TrustRoot("enterprise", lab.ca("enterprise").certificate());
        PUBLIC_ROOT = new TrustRoot("public-root", lab.ca("public-root").certificate());
        CHECK = LabRoots.check(lab);
    }

    private SharedLab() {
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
