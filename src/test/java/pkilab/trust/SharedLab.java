package pkilab.trust;

import java.nio.file.Path;
import pkilab.ca.Lab;
import pkilab.testing.TestLabs;

/** The test JVM's shared lab ({@link TestLabs#shared()}) seen as trust roots; no trust test changes its CAs. */
final class SharedLab {
    static final Path HOME;
    static final TrustRoot ENTERPRISE;
    static final TrustRoot PUBLIC_ROOT;
    static final TrustCheck CHECK;

    static {
        Lab lab = TestLabs.shared();
        HOME = lab.home().root();
        ENTERPRISE = new TrustRoot("enterprise", lab.ca("enterprise").certificate());
        PUBLIC_ROOT = new TrustRoot("public-root", lab.ca("public-root").certificate());
        CHECK = LabRoots.check(lab);
    }

    private SharedLab() {
    }
}
