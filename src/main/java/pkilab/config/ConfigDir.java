package pkilab.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the lab's inputs live: the folder holding {@code ca/}, {@code scenarios/} and
 * {@code server/}. In order: the system property {@code pkilab.config} (the launcher sets
 * it), {@code $PKILAB_CONFIG}, the checkout the running jar was built in
 * ({@code target/pkilab.jar → ..}), then the current directory.
 */
public final class ConfigDir {
    private ConfigDir() {
    }

    public static Path resolve() {
        String prop = System.getProperty("pkilab.config");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        String env = System.getenv("PKILAB_CONFIG");
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        try {
            Path code = Paths.get(ConfigDir.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("ca")) && Files.isDirectory(p.resolve("scenarios"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the current directory
        }
        return Paths.get("").toAbsolutePath();
    }

    /** How to name a config file in messages: relative to the current directory when inside it. */
    public static String display(Path file) {
        Path cwd = Paths.get("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
