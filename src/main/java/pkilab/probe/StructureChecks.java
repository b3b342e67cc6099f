package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.ca.internal.CertificateStructure;
import pkilab.ca.internal.ExtensionReader;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Finding;
import pkilab.verdict.Rule;

/**
 * The rules about each certificate's own make-up rather than its place in the path: is it
 * well-formed DER (every client refuses one that is not), does it carry a critical extension
 * the client cannot process (RFC 5280 §4.2: then it must refuse), and — for the strict
 * profiles that add them — the MUSTs of RFC 5280 §4 and the CA/Browser Forum profile that a
 * lenient validator lets pass: key identifiers present and not critical, basicConstraints
 * critical on a CA, a CA's keyUsage present, a positive serial of at most 20 octets, the
 * right ASN.1 time type for the year.
 */
final class StructureChecks {
    /**
     * Extensions every modelled client processes, so a critical one is not "unknown": the
     * RFC 5280 §4.2.1 set plus OCSP no-check. Anything else marked critical refuses the
     * certificate (Microsoft's template extensions are never critical).
     */
    static final Set<String> KNOWN = Set.of(
            "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.30", "2.5.29.31", "2.5.29.32", "2.5.29.33",
            "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54", "1.3.6.1.5.5.7.48.1.5");

    /** policyMappings and policyConstraints: known to a stack that processes policies, not to the others. */
    static final Set<String> POLICY_EXTENSIONS = Set.of("2.5.29.33", "2.5.29.36");
    static final String INHIBIT_ANY_POLICY = "2.5.29.54";

    private final ClientProfile profile;
    private final List<X509Certificate> path;
    private final boolean trusted;
    private final List<Finding> out;

    StructureChecks(ClientProfile profile, List<X509Certificate> path, boolean trusted, List<Finding> out) {
        this.profile = profile;
        this.path = path;
        this.trusted = trusted;
        this.out = out;
    }

    private boolean isAnchor(int d) {
        return trusted && d == path.size() - 1;
    }

    void check() {
        for (int d = 0; d < path.size(); d++) {
            X509Certificate c = path.get(d);
            CertificateStructure s = Structures.of(c);
            if (profile.applies(Rule.WELL_FORMED)) {
                for (String why : s.malformed()) {
                    fail(Diagnosis.MALFORMED, d, c, why, "a well-formed DER certificate (RFC 5280 §4.1)",
                            "issue the certificate again with a conforming CA; every client refuses this one");
                }
            }
            if (profile.applies(Rule.NAME_CONSTRAINTS_MASK)) {
                if (s.nameConstraintsError() != null) {
                    fail(Diagnosis.MALFORMED, d, c, "its nameConstraints has " + s.nameConstraintsError(),
                            "iPAddress subtrees of address and contiguous mask (RFC 5280 §4.2.1.10)",
                            "re-make the CA certificate with valid name constraints");
                }
            }
            if (profile.applies(Rule.CRITICAL_EXTENSIONS) && (!isAnchor(d) || profile.applies(Rule.ANCHOR_CRITICAL_EXTENSIONS))) {
                List<String> unknown = new ArrayList<>();
                boolean keyIds = profile.applies(Rule.CRITICAL_KEY_IDS);
                boolean policyExts = profile.applies(Rule.POLICY_EXTENSIONS_UNKNOWN);
                boolean inhibitAny = profile.applies(Rule.INHIBIT_ANY_POLICY_UNKNOWN);
                for (Map.Entry<String, Boolean> e : s.critical().entrySet()) {
                    boolean keyId = e.getKey().equals("2.5.29.35") || e.getKey().equals("2.5.29.14");
                    boolean unprocessed = POLICY_EXTENSIONS.contains(e.getKey()) && policyExts
                            || INHIBIT_ANY_POLICY.equals(e.getKey()) && inhibitAny;
                    if (e.getValue() && (!KNOWN.contains(e.getKey()) || keyId && keyIds || unprocessed)) {
                        unknown.add(ExtensionReader.nameOf(e.getKey()));
                    }
                }
                if (!unknown.isEmpty()) {
                    fail(Diagnosis.UNKNOWN_CRITICAL_EXTENSION, d, c, "critical extension " + String.join(", ", unknown)
                                    + " that this client does not process",
                            "only extensions the client knows marked critical (RFC 5280 §4.2: an unknown critical extension refuses the certificate)",
                            "issue the certificate without the extension, or with it non-critical");
                }
            }
            strict(d, c, s);
        }
    }

    private void strict(int d, X509Certificate c, CertificateStructure s) {
        boolean ca = Boolean.TRUE.equals(s.basicConstraintsCa());
        boolean selfIssued = PathBuilder.selfIssued(c);
        Map<String, Boolean> crit = s.critical();
        if (d == 0 && ca && path.size() > 1 && profile.applies(Rule.LEAF_NOT_CA)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "the server's certificate is a CA (basicConstraints cA TRUE)",
                    "cA FALSE or no basicConstraints on a server certificate (CA/Browser Forum)", "issue a server certificate, not a CA");
        }
        boolean[] ku = c.getKeyUsage();
        if (!ca && ku != null && ku.length > 5 && ku[5] && profile.applies(Rule.LEAF_NOT_CERT_SIGN)) {
            fail(Diagnosis.WRONG_USAGE, d, c, "keyUsage keyCertSign on a certificate that is not a CA",
                    "keyCertSign only with basicConstraints cA TRUE (RFC 5280 §4.2.1.3)", "issue the certificate without keyCertSign");
        }
        if (path.size() < 2) {
            return; // OpenSSL's strict checks, like the rest, are about chains; a lone trusted certificate is the anchor
        }
        if (ca && ku == null && profile.applies(Rule.CA_KEY_USAGE)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "a CA certificate without keyUsage", "keyUsage with keyCertSign (RFC 5280 §4.2.1.3)",
                    "re-make the CA certificate with keyUsage keyCertSign, cRLSign");
        }
        if (ca && !Boolean.TRUE.equals(crit.get("2.5.29.19")) && profile.applies(Rule.CA_BASIC_CONSTRAINTS_CRITICAL)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "basicConstraints of a CA not marked critical", "critical (RFC 5280 §4.2.1.9)",
                    "re-make the CA certificate with critical basicConstraints");
        }
        if (!ca && s.pathLen() != null && profile.applies(Rule.PATH_LEN_ONLY_CA)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "pathLenConstraint " + s.pathLen() + " without cA TRUE",
                    "pathLenConstraint only in CA certificates (RFC 5280 §4.2.1.9)", "issue the certificate without a path length");
        }
        if (s.version() >= 3 && s.akiKeyId() == null && !crit.containsKey("2.5.29.35") && !selfIssued
                && !isAnchor(d) && profile.applies(Rule.AKI_REQUIRED)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "no authorityKeyIdentifier", "an authorityKeyIdentifier on every certificate a CA issued (RFC 5280 §4.2.1.1)",
                    "issue the certificate again with a CA that sets the authority key identifier");
        }
        if (s.version() >= 3 && ca && s.skiKeyId() == null && profile.applies(Rule.SKI_REQUIRED)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "a CA certificate without subjectKeyIdentifier", "a subjectKeyIdentifier on every CA certificate (RFC 5280 §4.2.1.2)",
                    "re-make the CA certificate with a subject key identifier");
        }
        if (profile.applies(Rule.KEY_IDS_NOT_CRITICAL)) {
            for (String oid : List.of("2.5.29.35", "2.5.29.14")) {
                if (Boolean.TRUE.equals(crit.get(oid))) {
                    fail(Diagnosis.NON_CONFORMING, d, c, ExtensionReader.nameOf(oid) + " marked critical",
                            "not critical (RFC 5280 §4.2.1.1, §4.2.1.2)", "issue the certificate with the key identifier non-critical");
                }
            }
        }
        if (s.emptySubject() && profile.applies(Rule.EMPTY_SUBJECT_SAN_CRITICAL)) {
            if (!crit.containsKey("2.5.29.17")) {
                // measured: openssl verify -x509_strict says "Subject name empty" before it looks at the host name
                fail(Diagnosis.NON_CONFORMING, d, c, "an empty subject without subjectAltName",
                        "a subject, or a critical subjectAltName (RFC 5280 §4.1.2.6)", "issue the certificate with a subject and a SAN");
            } else if (!crit.get("2.5.29.17")) {
                fail(Diagnosis.NON_CONFORMING, d, c, "an empty subject with a non-critical subjectAltName",
                        "subjectAltName critical when the subject is empty (RFC 5280 §4.2.1.6)", "issue the certificate with a subject, or a critical SAN");
            }
        }
        if (s.emptyIssuer() && profile.applies(Rule.ISSUER_NOT_EMPTY)) {
            fail(Diagnosis.NON_CONFORMING, d, c, "an empty issuer name", "a non-empty issuer DN (RFC 5280 §4.1.2.4)",
                    "issue from a CA whose subject is not empty");
        }
        if (profile.applies(Rule.SERIAL_NUMBER) && !isAnchor(d)) {
            if (s.serial().signum() <= 0) {
                fail(Diagnosis.NON_CONFORMING, d, c, "serial number " + s.serial(), "a positive serial number (RFC 5280 §4.1.2.2)",
                        "issue the certificate again (pkilab uses 16 random octets)");
            } else if (s.serialOctets() > 20) {
                fail(Diagnosis.NON_CONFORMING, d, c, "a serial number of " + s.serialOctets() + " octets", "at most 20 octets (RFC 5280 §4.1.2.2)",
                        "issue the certificate again with a shorter serial");
            }
        }
        if (s.timeEncoding() != null && profile.applies(Rule.TIME_ENCODING) && !isAnchor(d)) {
            fail(Diagnosis.NON_CONFORMING, d, c, s.timeEncoding(), "UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)",
                    "issue the certificate again with a conforming CA");
        }
    }

    private void fail(Diagnosis diag, int d, X509Certificate c, String found, String expected, String fix) {
        out.add(Finding.failure(diag, d, c, found, expected, fix, null));
    }
}
