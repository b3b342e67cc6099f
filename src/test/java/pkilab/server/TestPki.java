package pkilab.server;

import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.testing.Repo;
import pkilab.testing.TestLabs;

/** The lab shared by the tests of this JVM (CA keys are slow to make), and quick leaves from it. */
final class TestPki {
    private TestPki() {
    }

    static Lab lab() {
        return TestLabs.shared();
    }

    /** A leaf for {@code names} from {@code ca} (public, enterprise, self), with a quick EC key. */
    static IssuedCertificate leaf(String ca, String... names) {
        return lab().issue(new LeafRequest().ca(ca).dns(names).key(KeyType.EC_P256));
    }

    static ExchangeContent content() {
        return ExchangeContent.load(Repo.root().resolve("server"));
    }
}
