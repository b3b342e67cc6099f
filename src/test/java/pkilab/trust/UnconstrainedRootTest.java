package pkilab.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/**
 * A root without name constraints (the lab's default turned off) may vouch for any site:
 * installing it into a system-wide store warns loudly and needs --yes even on a terminal.
 */
class UnconstrainedRootTest {
    @TempDir
    Path tmp;

    @Test
    void systemWideInstallOfAnUnconstrainedRootNeedsYes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/update-ca-certificates")),
                "update-ca-certificates not installed: test skipped");
        Path config = Files.createDirectories(tmp.resolve("config/ca"));
        String yaml = Files.readString(Repo.ca().resolve("enterprise.yaml"));
        String open = yaml.replaceAll("(?m)^  nameConstraints:\\n    permitted: \\[lab, exch01\\]", "  nameConstraints: none");
        assertFalse(open.equals(yaml), "enterprise.yaml changed shape: update this test");
        Files.writeString(config.resolve("enterprise.yaml"), open);
        Path lab = tmp.resolve("lab");
        List<String> dirs = new ArrayList<>();
        for (String d : List.of("certsdir", "localcertsdir", "etccertsdir", "hooksdir")) {
            dirs.add("--" + d);
            dirs.add(Files.createDirectories(tmp.resolve(d)).toString());
        }
        dirs.add("--certsconf");
        dirs.add(Files.writeString(tmp.resolve("conf"), "").toString());

        assertEquals(0, run(config.getParent(), lab, List.of("ca", "init")).exit());
        List<String> install = new ArrayList<>(List.of("trust", "install", "--ca", "enterprise", "--into", "system"));
        install.addAll(dirs);

        Cli.Result refused = run(config.getParent(), lab, install);
        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.out().contains("NO name constraints"), refused::toString);
        assertTrue(refused.err().contains("WARNING: pkilab-enterprise-"), refused::toString);
        assertTrue(refused.err().contains("without --yes"), refused::toString);
        assertEquals(0, Files.list(tmp.resolve("localcertsdir")).count(), "nothing installed");

        install.add("--yes");
        Cli.Result done = run(config.getParent(), lab, install);
        assertEquals(0, done.exit(), done::toString);
        assertTrue(done.err().contains("WARNING"), done::toString);
        assertTrue(done.out().contains("verified: openssl verify"), done::toString);
    }

    private static Cli.Result run(Path config, Path lab, List<String> args) {
        List<String> all = new ArrayList<>(List.of("--lab", lab.toString()));
        all.addAll(args);
        return Cli.runWithConfig(config, all.toArray(new String[0]));
    }
}
