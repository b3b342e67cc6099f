package pkilab.trust;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.BadInputException;

/**
 * A user's Firefox profiles, found the way Firefox finds them: through {@code profiles.ini}.
 * Firefox does not use the shared {@code ~/.pki/nssdb}; each profile folder holds its own
 * NSS database ({@code cert9.db}), made the first time Firefox starts with that profile, so a
 * lab root must go into every profile the user browses with. Firefox installed as a Debian
 * package, as a Snap, as a Flatpak and on macOS each keep profiles.ini in a different place;
 * every one that exists is read, in the order of {@link #places}.
 */
public final class FirefoxProfiles {
    /**
     * One {@code [ProfileN]} section.
     *
     * @param name what Firefox's profile manager shows ({@code Name=}), or the folder name when there is none
     * @param dir  the profile folder, resolved
     * @param ini  the profiles.ini that lists it
     */
    public record Profile(String name, Path dir, Path ini) {
        /** The folder's last name, such as {@code x1y2z3.default-release}: what {@code firefox:NAME} also accepts. */
        public String folder() {
            return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        }

        /** Whether Firefox has made the profile's NSS database yet. */
        public boolean hasDatabase() {
            return Files.isRegularFile(dir.resolve("cert9.db"));
        }

        /**
         * Whether a Firefox lock file is there: {@code lock} (a symbolic link to the running
         * Firefox's address and pid, so it is tested without following it) or {@code .parentlock}.
         * Firefox reads cert9.db at start and may not see changes made while it runs.
         */
        public boolean mayBeInUse() {
            return Files.exists(dir.resolve("lock"), LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(dir.resolve(".parentlock"), LinkOption.NOFOLLOW_LINKS);
        }

        /** {@code default-release (x1y2z3.default-release)}, or only the name when both are the same. */
        public String label() {
            return name.equals(folder()) ? name : name + " (" + folder() + ")";
        }
    }

    /**
     * What a search found.
     *
     * @param searched the profiles.ini files looked for, in order, found or not
     * @param profiles every profile they list, in file order
     */
    public record Found(List<Path> searched, List<Profile> profiles) {
        /** The files looked for, for a "looked in …" message. */
        public String searchedText() {
            return String.join(", ", searched.stream().map(Path::toString).toList());
        }
    }

    private FirefoxProfiles() {
    }

    /** Where Firefox keeps profiles.ini: package, Snap, Flatpak, and on macOS the Application Support folder. */
    public static List<Path> places(Path home) {
        List<Path> places = new ArrayList<>(List.of(
                home.resolve(".mozilla/firefox/profiles.ini"),
                home.resolve("snap/firefox/common/.mozilla/firefox/profiles.ini"),
                home.resolve(".var/app/org.mozilla.firefox/.mozilla/firefox/profiles.ini")));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            places.add(home.resolve("Library/Application Support/Firefox/profiles.ini"));
        }
        return places;
    }

    /** Reads every profiles.ini of {@link #places} that exists. */
    public static Found find(Path home) {
        List<Path> searched = places(home.toAbsolutePath());
        List<Profile> profiles = new ArrayList<>();
        for (Path ini : searched) {
            if (Files.isRegularFile(ini)) {
                profiles.addAll(read(ini));
            }
        }
        return new Found(searched, profiles);
    }

    /** The {@code [ProfileN]} sections of one profiles.ini ({@code [Install…]}, {@code [General]} and the like are not profiles). */
    static List<Profile> read(Path ini) {
        List<Profile> out = new ArrayList<>();
        for (ProfilesIni.Section s : ProfilesIni.read(ini)) {
            if (!s.name().matches("Profile\\d+")) {
                continue;
            }
            String where = ini + ":" + s.line() + ": [" + s.name() + "]";
            String path = s.keys().get("Path");
            if (path == null || path.isEmpty()) {
                throw new BadInputException(where + " has no Path= (expected the profile folder)");
            }
            String relative = s.keys().get("IsRelative");
            boolean isRelative;
            if (relative == null) {
                isRelative = !Path.of(path).isAbsolute();
            } else if (relative.equals("1") || relative.equals("0")) {
                isRelative = relative.equals("1");
            } else {
                throw new BadInputException(where + ": IsRelative=" + relative + " (expected 1 or 0)");
            }
            Path dir = (isRelative ? ini.getParent().resolve(path) : Path.of(path)).normalize();
            String name = s.keys().get("Name");
            out.add(new Profile(name == null || name.isEmpty() ? dir.getFileName().toString() : name, dir, ini));
        }
        return out;
    }
}
