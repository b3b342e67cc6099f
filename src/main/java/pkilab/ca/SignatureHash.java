package pkilab.ca;

import java.util.Locale;
import pkilab.BadInputException;

/** The hash of a certificate signature; the algorithm follows from the signing key (RSA or ECDSA). */
public enum SignatureHash {
    /** Broken since 2004 and refused by every client; only for showing that refusal. */
    MD5,
    SHA1, SHA256, SHA384;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** JCA name of the signature algorithm, e.g. {@code SHA256withRSA}. */
    public String jcaName(String keyAlgorithm) {
        if (this == MD5 && "EC".equals(keyAlgorithm)) {
            throw new BadInputException("md5 signs only with RSA keys (there is no MD5withECDSA); use an rsa-… key");
        }
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
        throw new BadInputException("unknown signature hash '" + s + "' (expected md5, sha1, sha256 or sha384)");
    }

    @Override
    public String toString() {
        return label();
    }
}
