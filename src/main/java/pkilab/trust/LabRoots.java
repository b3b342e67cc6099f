package pkilab.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pkilab.BadInputException;
import pkilab.ca.IssuingCa;
import pkilab.ca.Lab;

/**
 * The roots behind the CA names a user gives. Clients trust roots, not issuing CAs: naming
 * {@code public} (an intermediate) means its root {@code public-root}, and says so.
 */
public final class LabRoots {
    private LabRoots() {
    }

    /** The distinct roots of the named CAs, in the order given; {@code notes} hears about substitutions. */
    public static List<TrustRoot> of(Lab lab, List<String> caNames, Consumer<String> notes) {
        if (caNames.isEmpty()) {
            throw new BadInputException("no CA given (add --ca NAME; known: " + String.join(", ", lab.caIds()) + ")");
        }
        Map<String, TrustRoot> out = new LinkedHashMap<>();
        for (String name : caNames) {
            IssuingCa ca = lab.ca(name);
            String rootId = name;
            if (!ca.isRoot()) {
                rootId = Lab.caIds(ca.profile()).get(0);
                notes.accept("note: " + name + " is an issuing CA; clients trust its root, so using " + rootId);
            }
            TrustRoot root = new TrustRoot(rootId, ca.root());
            out.putIfAbsent(root.alias(), root);
        }
        return new ArrayList<>(out.values());
    }

    /** A trust check that signs its throwaway leaves with the lab's root keys. */
    public static TrustCheck check(Lab lab) {
        return new TrustCheck(id -> lab.ca(id).key());
    }
}
