package pkilab.ca;

import java.util.Locale;
import pkilab.BadInputException;

/** The hash of a certificate signature; the algorithm follows from the signing key (RSA or ECDSA). */
public enum SignatureHash {
    SHA1, SHA256, SHA384;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** JCA name of the signature algorithm, e.g. {@code SHA256withRSA}. */
    public String jcaName(String keyAlgorithm) {
        String hash = name();
        return hash + "with" + ("EC".equals(keyAlgorithm) ? "ECDSA" : "RSA");
    }

    public static SignatureHash parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (SignatureHash h : values()) {
            if (h.label().equals(v)) {
                return h;
            }
        }
        throw new BadInputException("unknown signature hash '" + s + "' (expected sha1, sha256 or sha384)");
    }

    @Override
    public String toString() {
        return label();
    }
}
