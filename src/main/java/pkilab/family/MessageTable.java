package pkilab.family;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import pkilab.verdict.Diagnosis;

/**
 * What a TLS stack's error text means in pkilab's {@link Diagnosis} list (REFERENCE §7): the
 * reading half of a {@link ClientFamily}. The first rule whose pattern occurs in the text
 * wins, so more specific texts come first ("self-signed certificate in certificate chain" before
 * "self-signed certificate"). A rule lists every diagnosis its text is consistent with,
 * most likely first: clients often say one thing for several causes.
 */
public final class MessageTable {
    private record Rule(Pattern pattern, List<Diagnosis> diagnoses, boolean fallback) {
    }

    private final List<Rule> rules = new ArrayList<>();
    /** A client that prints every problem it found (GnuTLS's status flags, .NET's chain statuses): every matching rule counts. */
    private final boolean flags;

    MessageTable(boolean flags) {
        this.flags = flags;
    }

    MessageTable add(String regex, Diagnosis... diagnoses) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), List.of(diagnoses), false));
        return this;
    }

    /** A rule for a flag table's general words ("NOT trusted"), used only when no specific rule matched. */
    MessageTable otherwise(String regex, Diagnosis... diagnoses) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), List.of(diagnoses), true));
        return this;
    }

    /**
     * The diagnoses of the first rule matching somewhere in the text, or for a client that
     * prints flags, of every matching rule in the order of the table; empty when none does.
     */
    public List<Diagnosis> diagnose(String text) {
        if (text == null) {
            return List.of();
        }
        java.util.LinkedHashSet<Diagnosis> out = new java.util.LinkedHashSet<>();
        for (Rule r : rules) {
            if ((!r.fallback || out.isEmpty()) && r.pattern.matcher(text).find()) {
                if (!flags) {
                    return r.diagnoses;
                }
                out.addAll(r.diagnoses);
            }
        }
        return List.copyOf(out);
    }
}
