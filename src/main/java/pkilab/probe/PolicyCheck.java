package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.ca.internal.CertificateStructure;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Finding;

/**
 * RFC 5280 §6.1 certificate policy processing, as a client that asks for no policy of its own
 * runs it (initial-policy-set anyPolicy; initial explicit-policy, policy-mapping inhibit and
 * any-policy inhibit all false). Policies only decide a verdict when a CA demands them: a CA's
 * {@code policyConstraints requireExplicitPolicy} makes every certificate from some depth down
 * carry a policy the whole path allows.
 *
 * <pre>
 *   root
 *    └ issuing CA   certificatePolicies [A], policyConstraints requireExplicitPolicy 0
 *       └ leaf      certificatePolicies [B]     ← no policy valid for the path: refused
 * </pre>
 *
 * The valid_policy_tree is kept level by level: each node has its valid policy and the set of
 * policies it expects in the certificate below (a policy mapping changes that set).
 */
final class PolicyCheck {
    static final String ANY_POLICY = "2.5.29.32.0";

    /** One node of a level of the valid_policy_tree. */
    private record Node(String valid, Set<String> expected) {
    }

    private PolicyCheck() {
    }

    /**
     * @param path leaf first, ending at the trust anchor, whose own extensions RFC 5280 does not process
     */
    static void check(List<X509Certificate> path, List<Finding> out) {
        int n = path.size() - 1;   // certificates below the anchor
        if (n < 1) {
            return;
        }
        int explicitPolicy = n + 1;
        int inhibitAny = n + 1;
        int policyMapping = n + 1;
        List<Node> level = new ArrayList<>(List.of(new Node(ANY_POLICY, Set.of(ANY_POLICY))));
        String requiredBy = null;
        for (int i = 1; i <= n; i++) {
            int depth = n - i;
            X509Certificate c = path.get(depth);
            CertificateStructure.Policy p = Structures.of(c).policy();
            boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            // (d), (e): the policies this certificate asserts, grown onto the tree
            level = level == null || p.policies() == null ? null : grow(level, p.policies(), inhibitAny > 0 || i < n && selfIssued);
            // (f)
            if (explicitPolicy == 0 && level == null) {
                out.add(refusal(depth, c, p, requiredBy));
                return;
            }
            if (i < n) {
                // 6.1.4 (a), (b): policy mappings
                if (level != null && !p.mappings().isEmpty()) {
                    level = map(level, p.mappings(), policyMapping > 0);
                }
                // (h), (i), (j): the counters
                if (!selfIssued) {
                    explicitPolicy = Math.max(0, explicitPolicy - 1);
                    policyMapping = Math.max(0, policyMapping - 1);
                    inhibitAny = Math.max(0, inhibitAny - 1);
                }
                if (p.requireExplicit() != null && p.requireExplicit() < explicitPolicy) {
                    explicitPolicy = p.requireExplicit();
                    requiredBy = Finding.subjectOf(c);
                }
                if (p.inhibitMapping() != null) {
                    policyMapping = Math.min(policyMapping, p.inhibitMapping());
                }
                if (p.inhibitAny() != null) {
                    inhibitAny = Math.min(inhibitAny, p.inhibitAny());
                }
            } else {
                // 6.1.5 (a), (b), (g)
                explicitPolicy = Math.max(0, explicitPolicy - 1);
                if (p.requireExplicit() != null && p.requireExplicit() == 0) {
                    explicitPolicy = 0;
                    requiredBy = Finding.subjectOf(c);
                }
                if (explicitPolicy == 0 && level == null) {
                    out.add(refusal(depth, c, p, requiredBy));
                }
            }
        }
    }

    /** §6.1.3 (d): the next level of the tree from the policies a certificate asserts. */
    private static List<Node> grow(List<Node> parents, List<String> asserted, boolean anyAllowed) {
        Map<String, Node> next = new LinkedHashMap<>();
        Node anyParent = parents.stream().filter(x -> x.valid().equals(ANY_POLICY)).findFirst().orElse(null);
        for (String policy : asserted) {
            if (policy.equals(ANY_POLICY)) {
                continue;
            }
            boolean matched = parents.stream().anyMatch(x -> x.expected().contains(policy));
            if (matched || anyParent != null) {
                next.put(policy, new Node(policy, Set.of(policy)));
            }
        }
        if (asserted.contains(ANY_POLICY) && anyAllowed) {
            for (Node parent : parents) {
                for (String e : parent.expected()) {
                    next.putIfAbsent(e, new Node(e, Set.of(e)));
                }
            }
        }
        return next.isEmpty() ? null : new ArrayList<>(next.values());
    }

    /** §6.1.4 (b): a mapped policy expects its subject-domain policies below; with mapping inhibited it is dropped. */
    private static List<Node> map(List<Node> level, Map<String, List<String>> mappings, boolean allowed) {
        List<Node> out = new ArrayList<>();
        Node any = level.stream().filter(x -> x.valid().equals(ANY_POLICY)).findFirst().orElse(null);
        Set<String> seen = new LinkedHashSet<>();
        for (Node node : level) {
            List<String> to = mappings.get(node.valid());
            if (to == null) {
                out.add(node);
            } else if (allowed) {
                out.add(new Node(node.valid(), new LinkedHashSet<>(to)));
            }
            seen.add(node.valid());
        }
        if (allowed && any != null) {
            mappings.forEach((from, to) -> {
                if (!seen.contains(from)) {
                    out.add(new Node(from, new LinkedHashSet<>(to)));
                }
            });
        }
        return out.isEmpty() ? null : out;
    }

    private static Finding refusal(int depth, X509Certificate c, CertificateStructure.Policy p, String requiredBy) {
        String asserted = p.policies() == null ? "asserts no certificate policy" : "asserts " + String.join(", ", p.policies().stream()
                .map(x -> x.equals(ANY_POLICY) ? "anyPolicy" : x).toList());
        return Finding.failure(Diagnosis.POLICY, depth, c, "it " + asserted + ", and no policy is valid for the whole path"
                        + (requiredBy == null ? "" : "; " + requiredBy + " requires an explicit policy (policyConstraints)"),
                "a certificate policy every CA above allows (RFC 5280 §6.1.3 (d), §6.1.4 (i))",
                "issue the certificate with the policy the issuing CA asserts (certificatePolicies)", null);
    }
}
