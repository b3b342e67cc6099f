package pkilab.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/**
 * The closed list of reasons a TLS client refuses (or nearly refuses) a server certificate.
 * Scenarios name their expected failure with these ids; the diagnosis engine reports them.
 * The article's two causes are {@link #SELF_SIGNED} (cause 1) and {@link #HOSTNAME_MISMATCH}
 * (cause 2).
 */
public enum Diagnosis {
    /** The server's certificate is its own issuer and the client does not trust it. (article cause 1) */
    SELF_SIGNED("self-signed", 1),
    /** The chain ends in a root the client does not trust. */
    UNTRUSTED_ROOT("untrusted-root", 0),
    /** The server did not send an intermediate and the client could not find it (no AIA fetching). */
    INCOMPLETE_CHAIN("incomplete-chain", 0),
    /** The URL's host name or IP is not among the certificate's names. (article cause 2) */
    HOSTNAME_MISMATCH("hostname-mismatch", 2),
    /** A certificate of the chain is past its notAfter. */
    EXPIRED("expired", 0),
    /** A certificate of the chain is before its notBefore. */
    NOT_YET_VALID("not-yet-valid", 0),
    /** The CA revoked a certificate of the chain (CRL or OCSP says so). */
    REVOKED("revoked", 0),
    /** Revocation checking was required but no CRL or OCSP answer could be had. */
    REVOCATION_UNKNOWN("revocation-unknown", 0),
    /** A signature in the chain uses a hash the client refuses (SHA-1). */
    WEAK_SIGNATURE("weak-signature", 0),
    /** A key in the chain is smaller than the client accepts (RSA 1024). */
    WEAK_KEY("weak-key", 0),
    /** The leaf's key usage or extended key usage does not allow TLS server authentication. */
    WRONG_USAGE("wrong-usage", 0),
    /** An issuer in the chain is not a CA (basicConstraints CA:FALSE or missing). */
    NOT_A_CA("not-a-ca", 0),
    /** A name in the leaf is outside a CA's name constraints. */
    NAME_CONSTRAINTS("name-constraints", 0),
    /** A CA's pathLenConstraint is exceeded. */
    PATH_LENGTH("path-length", 0),
    /** No common TLS protocol version: the server speaks only versions the client no longer offers, or the reverse. */
    PROTOCOL("protocol", 0),
    /** A common version, but no common cipher suite: the server accepts only suites the client dropped (3DES, static RSA). */
    CIPHER("cipher", 0),
    /** The server picks its certificate by the SNI name and refuses a ClientHello without one, which an IP-address URL sends. */
    SNI_REQUIRED("sni-required", 0),
    /** The certificate has no subjectAltName and the client does not fall back to the CN. */
    NO_SAN("no-san", 0),
    /** A signature in the chain does not verify. */
    BAD_SIGNATURE("bad-signature", 0),
    /** A certificate is not well-formed DER/X.509 (duplicate extension, mismatched signature algorithms, bytes that do not parse). */
    MALFORMED("malformed", 0),
    /** A certificate carries a critical extension the client does not know, so it must refuse it (RFC 5280 §4.2). */
    UNKNOWN_CRITICAL_EXTENSION("unknown-critical-extension", 0),
    /** A certificate breaks a rule of the certificate profile (RFC 5280 §4, CA/Browser Forum) that this strict client enforces. */
    NON_CONFORMING("non-conforming", 0),
    /**
     * The server asks for a client certificate (mutual TLS) and the client sent none, or one
     * the server does not accept: issued by another CA, expired, not for client authentication.
     * The server's certificate may be fine; here the server refuses the client.
     */
    CLIENT_CERTIFICATE("client-certificate", 0),
    /**
     * The certificate says the server must staple an OCSP answer (TLS Feature status_request,
     * RFC 7633 "must-staple") and the server stapled none.
     */
    MUST_STAPLE("must-staple", 0),
    /**
     * A CA requires an explicit certificate policy (policyConstraints requireExplicitPolicy) and
     * no policy is valid for the whole path: a certificate below asserts none, or none the CAs
     * above allow, or only anyPolicy where inhibitAnyPolicy forbids it (RFC 5280 §6.1).
     */
    POLICY("policy", 0);

    private final String id;
    private final int articleCause;

    Diagnosis(String id, int articleCause) {
        this.id = id;
        this.articleCause = articleCause;
    }

    /**
     * Whether the handshake decides this before any certificate is looked at (no common
     * version or suite, a refused hello): judging a chain alone never finds it.
     */
    public boolean decidedInHandshake() {
        return this == PROTOCOL || this == CIPHER || this == SNI_REQUIRED;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** 1 or 2 when this is one of KB 954584's causes, else 0. */
    public int articleCause() {
        return articleCause;
    }

    @JsonCreator
    public static Diagnosis parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Diagnosis d : values()) {
            if (d.id.equals(v)) {
                return d;
            }
        }
        throw new BadInputException("unknown diagnosis '" + s + "' (expected one of "
                + Arrays.stream(values()).map(Diagnosis::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
