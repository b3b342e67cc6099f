package pkilab.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.BadInputException;

/**
 * Firefox's {@code profiles.ini}: the list of a user's profiles, one {@code [ProfileN]} section
 * each, that Firefox reads at start to find the folder (and so the NSS database) to use.
 * <pre>
 *   [Profile0]
 *   Name=default-release
 *   IsRelative=1
 *   Path=x1y2z3.default-release     relative to the folder holding profiles.ini
 * </pre>
 * The reader is strict on purpose: a line that is neither a section, a {@code Key=Value}, a
 * blank nor a {@code ;}/{@code #} comment is reported with file and line rather than guessed at.
 */
final class ProfilesIni {
    /** One {@code [Section]} with its keys in file order, and the line its header is on. */
    record Section(String name, int line, Map<String, String> keys) {
    }

    private ProfilesIni() {
    }

    static List<Section> read(Path file) {
        String text;
        text = pkilab.InputFiles.readUtf8(file, pkilab.InputFiles.Kind.SETTINGS);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // written by a Windows editor
        }
        List<Section> sections = new ArrayList<>();
        Section current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new BadInputException(where + ": expected a section header like [Profile0], found '" + line + "'");
                }
                current = new Section(line.substring(1, line.length() - 1).strip(), i + 1, new LinkedHashMap<>());
                sections.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException(where + ": expected Key=Value or [Section], found '" + line + "'");
            }
            if (current == null) {
                throw new BadInputException(where + ": '" + line + "' comes before any [Section]");
            }
            current.keys().put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return sections;
    }
}
