package pkilab.differential;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The differential corpus: chains made in-process at test time, as pass/fail twins. A twin is
 * two cases built from the same {@link Pki} that differ in exactly one property (a date, a
 * bit of keyUsage, an extension's criticality, the order the server sends); whatever a
 * validator says differently about the two, it says because of that property. Nothing binary
 * is committed: every run makes the corpus anew from the key pool, relative to the moment it
 * runs (GnuTLS's {@code certtool} cannot be told another time).
 *
 * <pre>
 *   List&lt;Case&gt; cases = Corpus.all(Instant.now());
 *   cases.get(0).id();   // leaf-expired/pass, then leaf-expired/fail, …
 * </pre>
 */
final class Corpus {
    /** One change to the standard PKI. */
    interface Change {
        void apply(Pki p);
    }

    private final Instant at;
    private final List<Case> cases = new ArrayList<>();
    private final Set<String> twins = new HashSet<>();

    private Corpus(Instant at) {
        this.at = at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Every case, twins adjacent, at {@code at} truncated to the minute (NSS's vfychain takes minutes). */
    static List<Case> all(Instant at) {
        Corpus c = new Corpus(at);
        ChainCases.addTo(c);
        EncodingCases.addTo(c);
        NameCases.addTo(c);
        PathCases.addTo(c);
        PolicyCases.addTo(c);
        return List.copyOf(c.cases);
    }

    /** A twin whose pass variant is the standard PKI. */
    void twin(String name, String rule, String pass, String fail, Change failChange) {
        twin(name, rule, pass, fail, p -> { }, failChange);
    }

    /** A twin where both variants change the standard PKI, each by its own change (callers share a common part). */
    void twin(String name, String rule, String pass, String fail, Change passChange, Change failChange) {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*") || !twins.add(name)) {
            throw new IllegalArgumentException("twin name '" + name + "' is not kebab-case or is used twice");
        }
        Pki p = new Pki(at);
        passChange.apply(p);
        cases.add(p.toCase(name + "/pass", rule, pass));
        Pki f = new Pki(at);
        failChange.apply(f);
        cases.add(f.toCase(name + "/fail", rule, fail));
    }
}
