package pkilab.differential;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code documented.yaml}: the differences the project knows and accepts. A {@code documented}
 * entry says that under one profile pkilab knowingly differs from the real validator on the
 * cases its glob matches, and why; an {@code indistinct} entry names a twin that no installed
 * validator tells apart (pkilab must still get it right, but the validators cannot prove it).
 * A {@code faults} entry says that where both refuse, the validator's own words name another
 * fault than the one pkilab says its client names, and why.
 */
record Documented(List<Entry> documented, List<Entry> faults, List<Twin> indistinct) {

    /** Under {@code profile}, pkilab differs from the validator on cases matching {@code glob}. */
    record Entry(String profile, @JsonProperty("case") String glob, String why) {
        boolean matches(String profileId, String caseId) {
            return profile.equals(profileId) && globMatches(glob, caseId);
        }
    }

    /** A twin (glob over twin names) whose two variants every installed validator judges alike. */
    record Twin(String twin, String why) {
    }

    Documented {
        documented = documented == null ? List.of() : List.copyOf(documented);
        faults = faults == null ? List.of() : List.copyOf(faults);
        indistinct = indistinct == null ? List.of() : List.copyOf(indistinct);
    }

    static Documented load(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Documented.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    Entry entryFor(String profile, String caseId) {
        return documented.stream().filter(e -> e.matches(profile, caseId)).findFirst().orElse(null);
    }

    Entry faultFor(String profile, String caseId) {
        return faults.stream().filter(e -> e.matches(profile, caseId)).findFirst().orElse(null);
    }

    Twin indistinct(String twinName) {
        return indistinct.stream().filter(t -> glob(t.twin(), twinName)).findFirst().orElse(null);
    }

    /** {@code *} matches any run of characters; a glob without {@code /} matches both variants of a twin. */
    static boolean globMatches(String glob, String id) {
        return glob(glob.contains("/") ? glob : glob + "/*", id);
    }

    private static boolean glob(String glob, String s) {
        return s.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
    }
}
