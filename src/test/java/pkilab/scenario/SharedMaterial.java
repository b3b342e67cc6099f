package pkilab.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import pkilab.ca.Lab;
import pkilab.testing.Repo;

/**
 * The real catalogue materialised once per test JVM into a temporary lab home (removed at
 * exit), for tests that only read the material: making it costs a few seconds.
 */
final class SharedMaterial {
    static final Path HOME;
    static final Lab LAB;
    static final ScenarioCatalogue CATALOG;
    static final ScenarioPki.Materials MATERIALS;
    static final long COLD_MILLIS;

    static {
        try {
            HOME = Files.createTempDirectory("pkilab-scenarios-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SharedMaterial::delete));
        LAB = Lab.open(HOME, Repo.ca());
        CATALOG = ScenarioCatalogue.load(Repo.root());
        long t0 = System.nanoTime();
        MATERIALS = ScenarioPki.materialise(LAB, CATALOG, msg -> { });
        COLD_MILLIS = (System.nanoTime() - t0) / 1_000_000;
    }

    private SharedMaterial() {
    }

    private static void delete() {
        try (Stream<Path> files = Files.walk(HOME)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
