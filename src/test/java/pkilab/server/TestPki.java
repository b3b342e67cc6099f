package pkilab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.testing.Repo;

/** One lab (the repository's ca/ profiles) shared by the server tests of this JVM; CA keys are slow to make. */
final class TestPki {
    private static Lab lab;

    private TestPki() {
    }

    static synchronized Lab lab() {
        if (lab == null) {
            try {
                Path home = Files.createTempDirectory("pkilab-server-test");
                home.toFile().deleteOnExit();
                lab = Lab.open(home, Repo.ca());
                lab.init(Set.of(), m -> { });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return lab;
    }

    /** A leaf for {@code names} from {@code ca} (public, enterprise, self), with a quick EC key. */
    static IssuedCertificate leaf(String ca, String... names) {
        return lab().issue(new LeafRequest().ca(ca).dns(names).key(KeyType.EC_P256));
    }

    static ExchangeContent content() {
        return ExchangeContent.load(Repo.root().resolve("server"));
    }
}
