package pkilab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import pkilab.ca.Lab;

/**
 * One initialised lab (enterprise, public-root, public) per test JVM: making the RSA-4096
 * root takes seconds, so test classes share it. Tests that need a pristine lab make their own.
 */
public final class TestLabs {
    private static Lab shared;

    private TestLabs() {
    }

    public static synchronized Lab shared() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("pkilab-test-lab");
                shared = Lab.open(home, Repo.ca());
                shared.init(Set.of(), msg -> { });
                home.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
