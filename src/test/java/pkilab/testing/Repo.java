package pkilab.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository checkout the tests run in (holds ca/, scenarios/, server/). */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("tests must run inside the pkilab checkout");
        }
        return p;
    }

    public static Path ca() {
        return root().resolve("ca");
    }
}
