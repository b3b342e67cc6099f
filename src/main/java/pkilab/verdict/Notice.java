package pkilab.verdict;


/**
 * Findings that do not fail the client but are worth knowing: the chain was accepted only
 * thanks to a lenient client behaviour, or a check the client skips would have failed on a
 * stricter one.
 */
public enum Notice {
    /** The certificate has no subjectAltName; this client matched the subject CN instead (RFC 6125 deprecates it). */
    CN_FALLBACK("cn-fallback"),
    /** The server did not send an intermediate; this client fetched it from the AIA caIssuers URL. */
    AIA_FETCHED("aia-fetched"),
    /** This client does not check revocation, so a revoked certificate would pass. */
    REVOCATION_NOT_CHECKED("revocation-not-checked"),
    /** Revocation could not be checked; this client soft-fails and accepts. */
    REVOCATION_SOFT_FAIL("revocation-soft-fail"),
    /** A SHA-1 signature that this client still accepts and stricter ones refuse. */
    SHA1_ACCEPTED("sha1-accepted"),
    /** A name outside a trusted root's name constraints, accepted because this client ignores constraints in roots. */
    ANCHOR_CONSTRAINTS_IGNORED("anchor-constraints-ignored"),
    /** The server sends its root certificate too; harmless but useless. */
    ROOT_SENT("root-sent");

    private final String id;

    Notice(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
