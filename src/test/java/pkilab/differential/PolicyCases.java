package pkilab.differential;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * Twins for RFC 5280 §6.1 certificate policy processing: a CA that requires an explicit
 * policy ({@code policyConstraints requireExplicitPolicy 0}) makes every certificate below it
 * carry a policy the whole path accepts; {@code inhibitAnyPolicy 0} stops anyPolicy from
 * standing in for one.
 */
final class PolicyCases {
    /** Two private-arc policies of the corpus. */
    static final ASN1ObjectIdentifier POLICY_A = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");
    static final ASN1ObjectIdentifier POLICY_B = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.2");
    static final ASN1ObjectIdentifier ANY_POLICY = new ASN1ObjectIdentifier("2.5.29.32.0");

    private PolicyCases() {
    }

    static CertificatePolicies policies(ASN1ObjectIdentifier... ids) {
        PolicyInformation[] infos = new PolicyInformation[ids.length];
        for (int i = 0; i < ids.length; i++) {
            infos[i] = new PolicyInformation(ids[i]);
        }
        return new CertificatePolicies(infos);
    }

    /** The intermediate requires an explicit policy from here down and asserts {@code ids}. */
    private static void requireExplicit(Pki p, ASN1ObjectIdentifier... ids) {
        p.ca.set(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null));
        p.ca.set(Extension.certificatePolicies, false, policies(ids));
    }

    private static org.bouncycastle.asn1.x509.PolicyMappings mapping(ASN1ObjectIdentifier from, ASN1ObjectIdentifier to) {
        return new org.bouncycastle.asn1.x509.PolicyMappings(new org.bouncycastle.asn1.x509.CertPolicyId[] {
                org.bouncycastle.asn1.x509.CertPolicyId.getInstance(from)}, new org.bouncycastle.asn1.x509.CertPolicyId[] {
                org.bouncycastle.asn1.x509.CertPolicyId.getInstance(to)});
    }

    static void addTo(Corpus c) {
        c.twin("require-explicit-policy-leaf-without", "policy",
                "intermediate requires an explicit policy; leaf asserts the intermediate's policy",
                "intermediate requires an explicit policy; leaf asserts none",
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.leaf.set(Extension.certificatePolicies, false, policies(POLICY_A));
                },
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.leaf.remove(Extension.certificatePolicies);
                });
        c.twin("require-explicit-policy-mismatch", "policy",
                "intermediate requires an explicit policy A; leaf asserts A",
                "intermediate requires an explicit policy A; leaf asserts only B",
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.leaf.set(Extension.certificatePolicies, false, policies(POLICY_A));
                },
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.leaf.set(Extension.certificatePolicies, false, policies(POLICY_B));
                });
        c.twin("inhibit-any-policy", "policy",
                "intermediate asserts anyPolicy and requires an explicit policy; leaf asserts anyPolicy",
                "the same, and the intermediate inhibits anyPolicy below it (inhibitAnyPolicy 0)",
                p -> {
                    requireExplicit(p, ANY_POLICY);
                    p.leaf.set(Extension.certificatePolicies, false, policies(ANY_POLICY));
                },
                p -> {
                    requireExplicit(p, ANY_POLICY);
                    p.ca.set(Extension.inhibitAnyPolicy, true, new ASN1Integer(0));
                    p.leaf.set(Extension.certificatePolicies, false, policies(ANY_POLICY));
                });
        c.twin("policy-mapped", "policy",
                "intermediate requires an explicit policy and maps A to B; leaf asserts B",
                "the same, and the leaf asserts A, which the mapping replaced with B below the intermediate",
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.ca.set(Extension.policyMappings, true, mapping(POLICY_A, POLICY_B));
                    p.leaf.set(Extension.certificatePolicies, false, policies(POLICY_B));
                },
                p -> {
                    requireExplicit(p, POLICY_A);
                    p.ca.set(Extension.policyMappings, true, mapping(POLICY_A, POLICY_B));
                    p.leaf.set(Extension.certificatePolicies, false, policies(POLICY_A));
                });
        // the policy extensions marked critical where they change nothing: only a stack that does not know them refuses
        c.twin("critical-policy-constraints", "policy", "intermediate without policyConstraints",
                "intermediate with a critical policyConstraints that asks for nothing this short path meets (requireExplicitPolicy 9)",
                p -> p.ca.set(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.valueOf(9), null)));
        c.twin("critical-inhibit-any-policy", "policy", "intermediate without inhibitAnyPolicy",
                "intermediate with a critical inhibitAnyPolicy 9",
                p -> p.ca.set(Extension.inhibitAnyPolicy, true, new ASN1Integer(9)));
        c.twin("critical-policy-mappings", "policy", "intermediate without policyMappings",
                "intermediate with a critical policyMappings (A to B) on a path that asks for no policy",
                p -> p.ca.set(Extension.policyMappings, true, mapping(POLICY_A, POLICY_B)));
    }
}
