package pkilab.family;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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
    /** A client that prints its errors in the order met ({@code openssl verify}): the one mentioned first counts. */
    private final boolean firstMentioned;

    MessageTable(boolean flags) {
        this(flags, false);
    }

    private MessageTable(boolean flags, boolean firstMentioned) {
        this.flags = flags;
        this.firstMentioned = firstMentioned;
    }

    /** A table for a client that may print several errors, the one it met first first. */
    static MessageTable firstMentioned() {
        return new MessageTable(false, true);
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
     * The diagnoses of the first rule matching somewhere in the text (for a table of errors in
     * the order met: of the rule matching earliest in the text, the table's order breaking a
     * tie), or for a client that prints flags, of every matching rule in the order of the
     * table; empty when none does.
     */
    public List<Diagnosis> diagnose(String text) {
        if (text == null) {
            return List.of();
        }
        if (firstMentioned) {
            Rule best = null;
            int at = Integer.MAX_VALUE;
            for (Rule r : rules) {
                Matcher m = r.pattern.matcher(text);
                if (m.find() && m.start() < at) {
                    best = r;
                    at = m.start();
                }
            }
            return best == null ? List.of() : best.diagnoses;
        }
        Set<Diagnosis> out = new LinkedHashSet<>();
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
