package pkilab.ca;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import pkilab.BadInputException;

/**
 * Whether a CA of the lab home can sign what relying parties will accept. A CA is two files,
 * {@code key.pem} and {@code cert.pem}; a signature is checked with the public key in the
 * issuer's certificate, so the two must be halves of one key pair, and the certificate
 * itself must be signed by the key of the CA above it (or by its own key, for a root).
 * A key copied from another CA, or a root certificate swapped for another, would make every
 * certificate and CRL signed from then on fail with "certificate signature failure" at the
 * client, far from the cause. These checks run on every load of a CA, and once more on
 * everything the lab signs, before it is written.
 */
final class CaIntegrity {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaIntegrity() {
    }

    /**
     * Refuses a CA whose key is not its certificate's, or whose certificate is not signed by
     * {@code parent} (null for a root: then by its own key).
     */
    static void check(String id, Path dir, X509Certificate cert, PrivateKey key, IssuingCa parent) {
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        if (!matches(key, cert.getPublicKey())) {
            throw new BadInputException(keyFile + " does not belong to " + certFile + " (found an " + key.getAlgorithm()
                    + " key whose signatures the certificate's " + describe(cert.getPublicKey()) + " does not verify; a key copied from"
                    + " another CA, or a damaged file?):"
                    + " restore the CA's own key.pem, or re-create the CA: pkilab ca init --force " + id);
        }
        if (parent == null) {
            if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal()) || !verifies(cert, cert.getPublicKey())) {
                throw new BadInputException(certFile + " is not a root signed by its own key (issuer " + cert.getIssuerX500Principal().getName()
                        + ", subject " + cert.getSubjectX500Principal().getName() + "): re-create the CA: pkilab ca init --force " + id);
            }
            return;
        }
        if (!verifies(cert, parent.certificate().getPublicKey())) {
            throw new BadInputException(certFile + " (" + cert.getSubjectX500Principal().getName() + ") is not signed by the key of its issuer "
                    + parent.id() + " (" + parent.certificate().getSubjectX500Principal().getName() + "), so no chain through it verifies:"
                    + " re-create it under that CA: pkilab ca init --force " + id);
        }
    }

    /** Refuses a certificate the CA just made that its own public key does not verify (never written). */
    static void signedBy(X509Certificate made, X509Certificate issuer, String id, Path dir) {
        if (issuer == null) {
            // signed with the key pair just made for it: only a bug can break this
            if (!verifies(made, made.getPublicKey())) {
                throw new IllegalStateException("the self-signed certificate made for " + made.getSubjectX500Principal().getName()
                        + " does not verify with its own key");
            }
            return;
        }
        if (!verifies(made, issuer.getPublicKey())) {
            throw new BadInputException("the certificate made for " + made.getSubjectX500Principal().getName() + " does not verify with"
                    + " the public key of " + dir.resolve("cert.pem") + "; nothing was written: re-create the CA: pkilab ca init --force " + id);
        }
    }

    /** Refuses a CRL the CA just made that its certificate's key does not verify (never written). */
    static void signedBy(X509CRL crl, X509Certificate issuer, String id, Path dir) {
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BadInputException("the CRL made by " + id + " does not verify with the public key of " + dir.resolve("cert.pem")
                    + "; nothing was written: re-create the CA: pkilab ca init --force " + id);
        }
    }

    private static boolean verifies(X509Certificate c, PublicKey key) {
        try {
            c.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether {@code priv} and {@code pub} are one key pair that can sign: by signing a random
     * challenge and verifying it. Comparing an RSA key's modulus is not enough: a key.pem
     * damaged in its private exponent still has the certificate's modulus, and every signature
     * it makes fails (found by the fuzz suite).
     */
    static boolean matches(PrivateKey priv, PublicKey pub) {
        if (priv instanceof RSAPrivateCrtKey r && !(pub instanceof RSAPublicKey p && r.getModulus().equals(p.getModulus())
                && r.getPublicExponent().equals(p.getPublicExponent()))) {
            return false;
        }
        if (!priv.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        String alg = "EC".equals(priv.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + priv.getAlgorithm();
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature s = Signature.getInstance(alg);
            s.initSign(priv);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(PublicKey k) {
        if (k instanceof RSAPublicKey r) {
            return "RSA " + r.getModulus().bitLength() + " key";
        }
        return k.getAlgorithm() + " key";
    }
}
