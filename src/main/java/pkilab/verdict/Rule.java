package pkilab.verdict;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/**
 * The rules the validator knows, each a small named check with the {@link Diagnosis} it
 * reports. RFC 5280 §6.1 path validation is the base every client starts from
 * ({@link #base()}); a client profile then {@code adds} stricter rules (OpenSSL's
 * {@code -x509_strict}, the CA/Browser Forum profile Chromium enforces) and {@code skips}
 * rules its stack does not apply. A profile is data: the same engine speaks for every client.
 */
public enum Rule {
    // RFC 5280 §6.1: every client applies these unless its profile skips one
    /** The bytes are a well-formed DER certificate: no duplicate extension, matching signature algorithms, extensions only in v3. */
    WELL_FORMED("well-formed", Diagnosis.MALFORMED, true),
    /** §6.1.3 (a)(1): each signature verifies with the issuer's public key. */
    SIGNATURE("signature", Diagnosis.BAD_SIGNATURE, true),
    /** §6.1.3 (a)(2): the time is within each certificate's validity (the trust anchor aside). */
    VALIDITY("validity", Diagnosis.EXPIRED, true),
    /** §6.1.4 (k): every issuer is a CA (basicConstraints cA TRUE). */
    BASIC_CONSTRAINTS("basic-constraints", Diagnosis.NOT_A_CA, true),
    /** §6.1.4 (n): an issuer's keyUsage, when present, has keyCertSign. */
    KEY_CERT_SIGN("key-cert-sign", Diagnosis.NOT_A_CA, true),
    /** §6.1.4 (l, m): no more non-self-issued CAs below a CA than its pathLenConstraint. */
    PATH_LENGTH("path-length", Diagnosis.PATH_LENGTH, true),
    /** §6.1.3 (b, c): every name below a CA is within its nameConstraints. */
    NAME_CONSTRAINTS("name-constraints", Diagnosis.NAME_CONSTRAINTS, true),
    /** §6.1.4 (o), §4.2: a critical extension the client does not process refuses the certificate. */
    CRITICAL_EXTENSIONS("critical-extensions", Diagnosis.UNKNOWN_CRITICAL_EXTENSION, true),
    /** RFC 5280 §4.2.1.12 with RFC 6125: the server's keyUsage and extKeyUsage allow TLS server authentication. */
    LEAF_USAGE("leaf-usage", Diagnosis.WRONG_USAGE, true),
    /** RFC 6125: the certificate names the host of the URL. */
    HOST("host", Diagnosis.HOSTNAME_MISMATCH, true),
    /** An MD5 signature anywhere below the trust anchor refuses the path (MD5 collisions forged a CA certificate in 2008). */
    MD5_REFUSED("md5-refused", Diagnosis.WEAK_SIGNATURE, true),
    /** RFC 6125 §6.4.3: a wildcard stands for one whole left-most label; a partial one ({@code w*.example.com}) matches nothing. */
    WHOLE_LABEL_WILDCARD("whole-label-wildcard", Diagnosis.HOSTNAME_MISMATCH, true),
    /** An issuer's subjectKeyIdentifier equals the certificate's authorityKeyIdentifier when both are there (OpenSSL, Go, NSS). */
    KEY_ID_MATCHING("key-id-matching", Diagnosis.INCOMPLETE_CHAIN, true),
    /** When one candidate path fails, the other candidate issuers are tried (RFC 4158); without it the first issuer found is the path. */
    ALTERNATIVE_PATHS("alternative-paths", Diagnosis.INCOMPLETE_CHAIN, true),
    /** §6.1.4 (l): self-issued intermediates (a CA's key rollover) do not count against a pathLenConstraint. */
    SELF_ISSUED_NOT_COUNTED("self-issued-not-counted", Diagnosis.PATH_LENGTH, true),
    /** authorityKeyIdentifier or subjectKeyIdentifier marked critical is an unprocessed critical extension (OpenSSL, the JDK). */
    CRITICAL_KEY_IDS("critical-key-ids", Diagnosis.UNKNOWN_CRITICAL_EXTENSION, true),
    /** A nameConstraints iPAddress subtree of a length other than 8 or 32 octets refuses the server's IP names (OpenSSL error 53, NSS). */
    NAME_CONSTRAINTS_SYNTAX("name-constraints-syntax", Diagnosis.MALFORMED, true),
    /** Name constraints in every form (directoryName, URI too) and on the intermediates' own names, not only the server's DNS/IP names. */
    NAME_CONSTRAINTS_ALL_FORMS("name-constraints-all-forms", Diagnosis.NAME_CONSTRAINTS, true),
    /**
     * §6.1.2–6.1.5: certificate policy processing with the certificates' own requireExplicitPolicy,
     * inhibitPolicyMapping, inhibitAnyPolicy and policyMappings (the client asks for no policy itself).
     */
    POLICIES("policies", Diagnosis.POLICY, true),

    // stricter than RFC 5280 §6: profiles add them
    /** The trust anchor's own validity dates are checked (RFC 5280 leaves the anchor's dates to the relying party). */
    ANCHOR_VALIDITY("anchor-validity", Diagnosis.EXPIRED, false),
    /** A notBefore up to 24 hours ahead is accepted, for clocks that lag (NSS's "pending slop"). */
    NOT_BEFORE_GRACE("not-before-grace", Diagnosis.NOT_YET_VALID, false),
    /** The trust anchor's pathLenConstraint counts (the JDK makes anchors without it). */
    ANCHOR_PATH_LENGTH("anchor-path-length", Diagnosis.PATH_LENGTH, false),
    /**
     * policyConstraints and policyMappings are extensions this stack does not process: marked
     * critical, they refuse the certificate (GnuTLS and NSS, measured).
     */
    POLICY_EXTENSIONS_UNKNOWN("policy-extensions-unknown", Diagnosis.UNKNOWN_CRITICAL_EXTENSION, false),
    /** inhibitAnyPolicy is an extension this stack does not process; it is always critical (NSS, measured; GnuTLS knows it). */
    INHIBIT_ANY_POLICY_UNKNOWN("inhibit-any-policy-unknown", Diagnosis.UNKNOWN_CRITICAL_EXTENSION, false),
    /** An unknown critical extension in the trust anchor refuses it too (OpenSSL, GnuTLS). */
    ANCHOR_CRITICAL_EXTENSIONS("anchor-critical-extensions", Diagnosis.UNKNOWN_CRITICAL_EXTENSION, false),
    /** A trust anchor must be a self-signed root: a trusted intermediate still needs its issuer (OpenSSL without -partial_chain). */
    ANCHOR_SELF_SIGNED("anchor-self-signed", Diagnosis.INCOMPLETE_CHAIN, false),
    /** anyExtendedKeyUsage alone does not allow serverAuth (OpenSSL, NSS). */
    ANY_EKU_REFUSED("any-eku-refused", Diagnosis.WRONG_USAGE, false),
    /** The server's keyUsage, when present, has digitalSignature, which (EC)DHE and TLS 1.3 need (the JDK). */
    LEAF_DIGITAL_SIGNATURE("leaf-digital-signature", Diagnosis.WRONG_USAGE, false),
    /** An RSA server key's keyUsage, when present, has keyEncipherment (NSS's certUsageSSLServer). */
    RSA_KEY_ENCIPHERMENT("rsa-key-encipherment", Diagnosis.WRONG_USAGE, false),
    /** A chain sent out of order is rebuilt by the JDK's path builder, which allows at most 5 intermediates. */
    BUILDER_MAX_5("builder-max-5", Diagnosis.INCOMPLETE_CHAIN, false),
    /** A nameConstraints iPAddress subtree must be an address and a contiguous mask, else the CA is refused (GnuTLS). */
    NAME_CONSTRAINTS_MASK("name-constraints-mask", Diagnosis.MALFORMED, false),
    /** A CA whose nameConstraints uses a URI subtree is refused: the client cannot apply that form (Chromium). */
    NAME_CONSTRAINTS_URI_REFUSED("name-constraints-uri-refused", Diagnosis.NAME_CONSTRAINTS, false),
    /**
     * An iPAddress subjectAltName below a CA that constrains iPAddress names is refused whatever
     * the address: the stack cannot match them (Mono 6.8's BoringSSL: UNSUPPORTED_CONSTRAINT_TYPE).
     */
    IP_NAME_CONSTRAINTS_UNSUPPORTED("ip-name-constraints-unsupported", Diagnosis.NAME_CONSTRAINTS, false),
    /**
     * A trusted certificate is an issuer only if its keyUsage, when present, has keyCertSign: a
     * trusted self-signed server certificate anchors nothing (Mono 6.8's BoringSSL: PartialChain).
     */
    ANCHOR_NEEDS_KEY_CERT_SIGN("anchor-needs-key-cert-sign", Diagnosis.UNTRUSTED_ROOT, false),
    /**
     * An order rule: the host name is matched only once the path stands, so when both are wrong
     * the client names the path's fault (JSSE's trust manager, curl and node after OpenSSL's
     * verify, NSS, GnuTLS's first line). Without it the name comes first, as Chromium's error
     * priority and .NET's SslPolicyErrors have it.
     */
    HOST_AFTER_PATH("host-after-path", null, false),
    /**
     * An order rule: the client names the last problem OpenSSL's verification found, not the
     * first. Node.js lets the verification go on through every error and reads the result at
     * the end, so a self-signed certificate that has also expired is CERT_HAS_EXPIRED there and
     * "self-signed certificate" in curl.
     */
    LAST_ERROR("last-error", null, false),
    /**
     * Revocation is checked against CRLs only, never by asking an OCSP responder: OpenSSL's
     * verification ({@code -crl_check}, curl {@code --crlfile}). A certificate that names only an
     * OCSP responder then has an unknown status.
     */
    CRL_ONLY("crl-only", Diagnosis.REVOCATION_UNKNOWN, false),
    /**
     * A server certificate whose TLS Feature extension (RFC 7633) lists status_request is
     * refused when the handshake brings no stapled OCSP answer ("must-staple": GnuTLS, Firefox).
     */
    MUST_STAPLE("must-staple", Diagnosis.MUST_STAPLE, false),
    /**
     * A stapled OCSP answer (RFC 6066 status_request) is read even with revocation checking off,
     * and "revoked" refuses the server (GnuTLS asks for and checks the staple by default).
     */
    STAPLED_OCSP("stapled-ocsp", Diagnosis.REVOKED, false),
    /** Every CA, a trust anchor too, has basicConstraints cA TRUE: no v1 root, no CA known by keyUsage only (-x509_strict). */
    STRICT_CA("strict-ca", Diagnosis.NOT_A_CA, false),
    /** A CA's extKeyUsage, when present, allows serverAuth (EKU chaining: Windows, OpenSSL, NSS, Chromium). */
    EKU_CHAIN("eku-chain", Diagnosis.WRONG_USAGE, false),
    /** A certificate that is not a CA has no keyCertSign in its keyUsage. */
    LEAF_NOT_CERT_SIGN("leaf-not-cert-sign", Diagnosis.WRONG_USAGE, false),
    /** The server's certificate is not itself a CA (basicConstraints cA FALSE or absent). */
    LEAF_NOT_CA("leaf-not-ca", Diagnosis.NON_CONFORMING, false),
    /** A CA certificate has a keyUsage extension (RFC 5280 §4.2.1.3 MUST). */
    CA_KEY_USAGE("ca-key-usage", Diagnosis.NON_CONFORMING, false),
    /** A CA's basicConstraints is marked critical (§4.2.1.9 MUST). */
    CA_BASIC_CONSTRAINTS_CRITICAL("ca-basic-constraints-critical", Diagnosis.NON_CONFORMING, false),
    /** pathLenConstraint appears only with cA TRUE (§4.2.1.9). */
    PATH_LEN_ONLY_CA("path-len-only-ca", Diagnosis.NON_CONFORMING, false),
    /** Every certificate but a self-signed one carries an authorityKeyIdentifier (§4.2.1.1 MUST). */
    AKI_REQUIRED("aki-required", Diagnosis.NON_CONFORMING, false),
    /** Every CA certificate carries a subjectKeyIdentifier (§4.2.1.2 MUST). */
    SKI_REQUIRED("ski-required", Diagnosis.NON_CONFORMING, false),
    /** authorityKeyIdentifier and subjectKeyIdentifier are not critical (§4.2.1.1, §4.2.1.2). */
    KEY_IDS_NOT_CRITICAL("key-ids-not-critical", Diagnosis.NON_CONFORMING, false),
    /** A certificate with an empty subject has a subjectAltName, and it is critical (§4.1.2.6, §4.2.1.6). */
    EMPTY_SUBJECT_SAN_CRITICAL("empty-subject-san-critical", Diagnosis.NON_CONFORMING, false),
    /** The issuer DN is not empty (§4.1.2.4). */
    ISSUER_NOT_EMPTY("issuer-not-empty", Diagnosis.NON_CONFORMING, false),
    /** The serial number is positive and at most 20 octets (§4.1.2.2, CA/Browser Forum). */
    SERIAL_NUMBER("serial-number", Diagnosis.NON_CONFORMING, false),
    /** UTCTime through 2049 and GeneralizedTime from 2050 (§4.1.2.5). */
    TIME_ENCODING("time-encoding", Diagnosis.NON_CONFORMING, false);

    private final String id;
    private final Diagnosis diagnosis;
    private final boolean base;

    Rule(String id, Diagnosis diagnosis, boolean base) {
        this.id = id;
        this.diagnosis = diagnosis;
        this.base = base;
    }

    public String id() {
        return id;
    }

    /** The diagnosis a failure of this rule is reported as; null for an order rule, which decides which failure is named. */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** Part of RFC 5280 §6 path validation, which every profile starts from. */
    public boolean inBase() {
        return base;
    }

    /** The RFC 5280 §6 rules. */
    public static Set<Rule> base() {
        EnumSet<Rule> s = EnumSet.noneOf(Rule.class);
        for (Rule r : values()) {
            if (r.base) {
                s.add(r);
            }
        }
        return s;
    }

    private static final java.util.Map<List<List<String>>, Set<Rule>> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rules of a profile: the base, plus what it adds, minus what it skips (worked out once per profile). */
    public static Set<Rule> of(List<String> adds, List<String> skips) {
        List<String> a = adds == null ? List.of() : adds;
        List<String> k = skips == null ? List.of() : skips;
        return PROFILES.computeIfAbsent(List.of(a, k), key -> java.util.Collections.unmodifiableSet(compute(a, k)));
    }

    private static Set<Rule> compute(List<String> adds, List<String> skips) {
        Set<Rule> s = base();
        for (String a : adds) {
            s.add(parse(a));
        }
        for (String k : skips) {
            s.remove(parse(k));
        }
        return s;
    }

    public static Rule parse(String id) {
        return find(id).orElseThrow(() -> new BadInputException(unknown(id)));
    }

    /** The rule of this id, if there is one. */
    public static java.util.Optional<Rule> find(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** "unknown rule 'x' (expected one of …)". */
    public static String unknown(String id) {
        return "unknown rule '" + id + "' (expected one of "
                + Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        return id;
    }
}
