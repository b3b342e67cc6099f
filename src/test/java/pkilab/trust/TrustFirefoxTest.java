package pkilab.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.BadInputException;
import pkilab.testing.Cli;
import pkilab.testing.Tools;

/**
 * {@code --into firefox}: a temporary home with the profiles.ini files of a packaged and a
 * Snap Firefox, two profiles with real NSS databases (one relative, one absolute path) and one
 * Firefox has not started yet; lab roots go into every profile and come out exactly.
 */
class TrustFirefoxTest {
    static final Path lab = SharedLab.HOME;
    static final String alias = SharedLab.ENTERPRISE.alias();

    @TempDir
    Path home;
    Path release;
    Path work;
    Path fresh;

    @BeforeEach
    void profiles() throws IOException {
        assumeTrue(Tools.available("certutil"), "NSS certutil not installed (apt-get install libnss3-tools): Firefox test skipped");
        Path firefox = Files.createDirectories(home.resolve(".mozilla/firefox"));
        release = firefox.resolve("abc123.default-release");
        work = home.resolve("elsewhere/work-profile");
        Files.writeString(firefox.resolve("profiles.ini"), """
                [Install4F96D1932A9F858E]
                Default=abc123.default-release
                Locked=1

                [Profile1]
                Name=work
                IsRelative=0
                Path=%s

                [Profile0]
                Name=default-release
                IsRelative=1
                Path=abc123.default-release
                Default=1

                [General]
                StartWithLastProfile=1
                Version=2
                """.formatted(work));
        Path snap = Files.createDirectories(home.resolve("snap/firefox/common/.mozilla/firefox"));
        fresh = Files.createDirectories(snap.resolve("q9w8.fresh"));
        Files.writeString(snap.resolve("profiles.ini"), "; the Snap's own Firefox\r\n[Profile0]\r\nName=fresh\r\nIsRelative=1\r\nPath=q9w8.fresh\r\n");
        for (Path db : List.of(release, work)) {
            Files.createDirectories(db);
            assertEquals(0, Tools.run(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + db)).exit());
        }
        // what a running Firefox leaves: a symbolic link to its address and pid, pointing nowhere
        Files.createSymbolicLink(work.resolve("lock"), Path.of("127.0.0.1:+4242"));
    }

    @Test
    void installsIntoEveryProfileWithADatabaseAndUninstallRestoresEach() {
        String releaseBefore = listing(release);
        String workBefore = listing(work);

        Cli.Result in = run("install", "--into", "firefox");
        assertEquals(0, in.exit(), in::toString);
        assertTrue(in.out().contains("skipped Firefox profile fresh (q9w8.fresh): no NSS database (cert9.db) in " + fresh
                + ": start Firefox once with this profile"), in::toString);
        assertTrue(in.out().contains("Trust store firefox:default-release (abc123.default-release) nss:" + release), in::toString);
        assertTrue(in.out().contains("Trust store firefox:work (work-profile) nss:" + work), in::toString);
        assertEquals(2, count(in.out(), "added " + alias), in::toString);
        assertEquals(2, count(in.out(), "  verified: "), in::toString);
        assertEquals(1, count(in.out(), "NOTE: Firefox may be running with profile work (work-profile)"), in::toString);
        assertTrue(in.out().contains("trust uninstall --ca enterprise --into firefox --home " + home), in::toString);
        for (Path db : List.of(release, work)) {
            assertTrue(listing(db).matches("(?s).*" + alias + "\\s+C,,.*"), () -> db + ":\n" + listing(db));
        }
        assertFalse(Files.exists(fresh.resolve("cert9.db")), "a profile Firefox has not started must not get a database");

        Cli.Result again = run("install", "--into", "firefox");
        assertEquals(0, again.exit(), again::toString);
        assertEquals(2, count(again.out(), "already installed: nothing to do"), again::toString);
        assertTrue(again.out().contains("Nothing to change."), again::toString);

        Cli.Result list = Cli.run(lab, "trust", "list", "--into", "firefox", "--home", home.toString());
        assertEquals(0, list.exit(), list::toString);
        assertEquals(2, count(list.out(), " entries, 1 added by pkilab"), list::toString);

        Cli.Result out = run("uninstall", "--into", "firefox");
        assertEquals(0, out.exit(), out::toString);
        assertEquals(2, count(out.out(), "removed " + alias), out::toString);
        assertEquals(2, count(out.out(), "checked: no longer trusted"), out::toString);
        // cert9.db is SQLite: deleting a row leaves other pages changed, so compare what NSS holds, as the nss test does
        assertEquals(releaseBefore, listing(release));
        assertEquals(workBefore, listing(work));
    }

    @Test
    void oneProfileByNameOrFolderTouchesOnlyIt() {
        String releaseBefore = listing(release);
        String workBefore = listing(work);

        Cli.Result in = run("install", "--into", "firefox:work");
        assertEquals(0, in.exit(), in::toString);
        assertFalse(in.out().contains("skipped"), in::toString);
        assertTrue(listing(work).contains(alias));
        assertEquals(releaseBefore, listing(release), "the other profile must not change");

        Cli.Result byFolder = run("install", "--into", "firefox:abc123.default-release");
        assertEquals(0, byFolder.exit(), byFolder::toString);
        assertTrue(listing(release).contains(alias));

        assertEquals(0, run("uninstall", "--into", "firefox:work").exit());
        assertEquals(workBefore, listing(work));
        assertTrue(listing(release).contains(alias), "uninstalling from one profile leaves the other");
        assertEquals(0, run("uninstall", "--into", "firefox:default-release").exit());
        assertEquals(releaseBefore, listing(release));
    }

    @Test
    void badInputIsOneLineNamingWhatAndWhere() throws IOException {
        Cli.Result unknown = run("install", "--into", "firefox:personal");
        assertEquals(2, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("--into firefox:personal: no Firefox profile of that name or folder "
                + "(found: work (work-profile), default-release (abc123.default-release), fresh (q9w8.fresh))"), unknown::toString);

        Cli.Result notStarted = run("install", "--into", "firefox:fresh");
        assertEquals(2, notStarted.exit(), notStarted::toString);
        assertTrue(notStarted.err().contains("start Firefox once with this profile"), notStarted::toString);

        Path ini = home.resolve(".mozilla/firefox/profiles.ini");
        Files.writeString(ini, "[Profile0]\nName=default\nIsRelative=1\nPath=abc123.default-release\nthis is not ini\n");
        Cli.Result malformed = run("install", "--into", "firefox");
        assertEquals(2, malformed.exit(), malformed::toString);
        assertTrue(malformed.err().contains(ini + ":5: expected Key=Value or [Section], found 'this is not ini'"), malformed::toString);
        assertFalse(malformed.err().contains("at pkilab."), "no stack trace");
        assertFalse(listing(release).contains(alias));

        Path onlyFresh = Files.createDirectories(home.resolve("newcomer/.mozilla/firefox"));
        Files.writeString(onlyFresh.resolve("profiles.ini"), "[Profile0]\nName=fresh\nIsRelative=0\nPath=" + fresh + "\n");
        Cli.Result noDatabase = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "firefox",
                "--home", home.resolve("newcomer").toString(), "--yes");
        assertEquals(2, noDatabase.exit(), noDatabase::toString);
        assertTrue(noDatabase.err().contains("--into firefox: none of the 1 Firefox profiles has an NSS database yet (skipped Firefox "
                + "profile fresh (q9w8.fresh): no NSS database (cert9.db) in " + fresh), noDatabase::toString);

        Path empty = Files.createDirectories(home.resolve("nobody"));
        Cli.Result none = Cli.run(lab, "trust", "install", "--ca", "enterprise", "--into", "firefox", "--home", empty.toString(), "--yes");
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.err().contains("no Firefox profiles found (looked for " + empty.resolve(".mozilla/firefox/profiles.ini") + ", "
                + empty.resolve("snap/firefox/common/.mozilla/firefox/profiles.ini") + ", "
                + empty.resolve(".var/app/org.mozilla.firefox/.mozilla/firefox/profiles.ini")), none::toString);
    }

    @Test
    void strictProfilesIni() throws IOException {
        Path ini = home.resolve("profiles.ini");
        assertBad(ini, "Name=x\n[Profile0]\n", ":1: 'Name=x' comes before any [Section]");
        assertBad(ini, "[General]\n\n[Profile0\nPath=a\n", ":3: expected a section header like [Profile0], found '[Profile0'");
        assertBad(ini, "[Profile0]\nName=x\nIsRelative=yes\nPath=a\n", ":1: [Profile0]: IsRelative=yes (expected 1 or 0)");
        assertBad(ini, "[General]\nVersion=2\n[Profile3]\nName=x\n", ":3: [Profile3] has no Path= (expected the profile folder)");

        Files.write(ini, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0});
        BadInputException binary = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> FirefoxProfiles.read(ini));
        assertEquals(ini + ": cannot read: not UTF-8 text (a binary file?)", binary.getMessage());

        Files.writeString(ini, "\uFEFF# comment\n[BackgroundTasksProfiles]\nMozillaBackgroundTask-1=x\n[Profile0]\nPath = sub/dir \n");
        List<FirefoxProfiles.Profile> read = FirefoxProfiles.read(ini);
        assertEquals(List.of(new FirefoxProfiles.Profile("dir", home.resolve("sub/dir"), ini)), read,
                "no Name=: the folder name; no IsRelative=: relative when the path is");
    }

    @Test
    void targetsListsTheProfilesUnderNss() {
        Cli.Result targets = Cli.run(lab, "trust", "targets", "--home", home.toString());
        assertEquals(0, targets.exit(), targets::toString);
        String out = targets.out();
        assertTrue(out.indexOf("nss ") < out.indexOf("firefox ") && out.indexOf("firefox ") < out.indexOf("system "), out);
        assertTrue(out.contains("firefox available: 3 profile(s), 2 with an NSS database"), out);
        assertTrue(out.matches("(?s).*default-release\\s+" + release + "\\s+\\(NSS database\\).*"), out);
        assertTrue(out.matches("(?s).*work\\s+" + work + "\\s+\\(NSS database, lock file present: Firefox may be running\\).*"), out);
        assertTrue(out.matches("(?s).*fresh\\s+" + fresh + "\\s+\\(no cert9.db yet: start Firefox once.*"), out);

        Cli.Result none = Cli.run(lab, "trust", "targets", "--home", home.resolve("elsewhere").toString());
        assertTrue(none.out().contains("firefox not available: no Firefox profiles found (looked for "
                + home.resolve("elsewhere/.mozilla/firefox/profiles.ini")), none::toString);
    }

    private static void assertBad(Path ini, String text, String expected) throws IOException {
        Files.writeString(ini, text);
        try {
            FirefoxProfiles.read(ini);
            throw new AssertionError("accepted: " + text);
        } catch (BadInputException e) {
            assertEquals(ini + expected, e.getMessage());
        }
    }

    private Cli.Result run(String command, String... target) {
        List<String> args = new java.util.ArrayList<>(List.of("trust", command, "--ca", "enterprise"));
        args.addAll(List.of(target));
        args.addAll(List.of("--home", home.toString(), "--yes"));
        return Cli.run(lab, args.toArray(new String[0]));
    }

    private static String listing(Path db) {
        Tools.Run r = Tools.run(List.of("certutil", "-L", "-d", "sql:" + db));
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
