package pkilab.differential;

import java.time.Duration;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Twins for RFC 5280 §6.1.3 and §6.1.4 as a chain meets them: validity of each certificate,
 * signatures, basicConstraints and pathLenConstraint (with a self-issued key rollover),
 * keyUsage, extended key usage, and critical extensions nobody knows.
 */
final class ChainCases {
    /** A private-arc OID no validator knows. */
    static final ASN1ObjectIdentifier UNKNOWN = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7.1");

    private ChainCases() {
    }

    static void addTo(Corpus c) {
        validity(c);
        signatures(c);
        basicConstraints(c);
        pathLength(c);
        keyUsage(c);
        extendedKeyUsage(c);
        criticalExtensions(c);
    }

    private static void validity(Corpus c) {
        Duration day = Duration.ofDays(1);
        // three days ahead: NSS accepts a notBefore up to one day in the future (its "pending slop")
        Duration ahead = Duration.ofDays(3);
        c.twin("leaf-expired", "validity", "leaf valid at the validation time", "leaf's notAfter one day before the validation time",
                p -> p.leaf.notAfter = p.at.minus(day));
        c.twin("leaf-not-yet-valid", "validity", "leaf valid at the validation time", "leaf's notBefore three days after the validation time",
                p -> p.leaf.notBefore = p.at.plus(ahead));
        c.twin("leaf-not-yet-valid-by-hours", "validity", "leaf valid since six hours before the validation time",
                "leaf's notBefore six hours after the validation time",
                p -> p.leaf.notBefore = p.at.minus(Duration.ofHours(6)), p -> p.leaf.notBefore = p.at.plus(Duration.ofHours(6)));
        c.twin("intermediate-expired", "validity", "intermediate valid", "intermediate's notAfter one day before the validation time",
                p -> p.ca.notAfter = p.at.minus(day));
        c.twin("intermediate-not-yet-valid", "validity", "intermediate valid", "intermediate's notBefore three days after the validation time",
                p -> p.ca.notBefore = p.at.plus(ahead));
        c.twin("root-expired", "validity", "trusted root valid", "trusted root's notAfter one day before the validation time",
                p -> p.root.notAfter = p.at.minus(day));
        c.twin("root-not-yet-valid", "validity", "trusted root valid", "trusted root's notBefore three days after the validation time",
                p -> p.root.notBefore = p.at.plus(ahead));
    }

    private static void signatures(Corpus c) {
        c.twin("leaf-bad-signature", "signature", "leaf signature intact", "one bit of the leaf's signature flipped",
                p -> p.leaf.corruptSignature = true);
        c.twin("intermediate-bad-signature", "signature", "intermediate signature intact", "one bit of the intermediate's signature flipped",
                p -> p.ca.corruptSignature = true);
        c.twin("leaf-signed-by-other-key", "signature", "leaf signed by its issuer's key",
                "leaf names the intermediate as issuer (name and AKI) but is signed by another key",
                p -> p.leaf.signingKey = Keys.rsa(9).getPrivate());
        c.twin("intermediate-signed-by-other-key", "signature", "intermediate signed by the root's key",
                "intermediate names the root as issuer but is signed by another key",
                p -> p.ca.signingKey = Keys.rsa(9).getPrivate());
    }

    private static void basicConstraints(Corpus c) {
        c.twin("intermediate-without-basic-constraints", "basic-constraints", "intermediate with basicConstraints CA:TRUE",
                "intermediate without basicConstraints", p -> p.ca.remove(Extension.basicConstraints));
        c.twin("intermediate-ca-false", "basic-constraints", "intermediate with CA:TRUE", "intermediate with CA:FALSE",
                p -> p.ca.set(Extension.basicConstraints, true, new BasicConstraints(false)));
        c.twin("leaf-ca-true", "basic-constraints", "leaf with CA:FALSE", "leaf with CA:TRUE",
                p -> p.leaf.set(Extension.basicConstraints, true, new BasicConstraints(true)));
        c.twin("ca-basic-constraints-not-critical", "basic-constraints", "intermediate's basicConstraints critical",
                "intermediate's basicConstraints not critical", p -> p.ca.critical(Extension.basicConstraints, false));
    }

    private static void pathLength(Corpus c) {
        // root → ca (pathLen n) → sub-ca → leaf: one CA below ca, so n = 0 is exceeded by one
        Corpus.Change below = p -> {
            Blueprint sub = Pki.ca(p.at, "Corpus Sub CA", 3, p.ca);
            p.leaf.issuer = sub;
            p.sent = java.util.List.of(p.leaf, sub, p.ca);
        };
        c.twin("pathlen-exceeded", "path-length", "intermediate pathLen 1 with one CA below it",
                "intermediate pathLen 0 with one CA below it",
                p -> { p.ca.set(Extension.basicConstraints, true, new BasicConstraints(1)); below.apply(p); },
                p -> { p.ca.set(Extension.basicConstraints, true, new BasicConstraints(0)); below.apply(p); });
        c.twin("pathlen-self-issued", "path-length",
                "intermediate pathLen 0, below it a self-issued key-rollover certificate (same name, new key) that §6.1.4(l) does not count",
                "intermediate pathLen 0, below it the same certificate under another name (not self-issued), which counts",
                p -> rollover(p, p.ca.subject), p -> rollover(p, Pki.name("Corpus Issuing CA G2")));
        c.twin("pathlen-on-anchor", "path-length", "trusted root pathLen 1 above one intermediate",
                "trusted root pathLen 0 above one intermediate",
                p -> p.root.set(Extension.basicConstraints, true, new BasicConstraints(1)),
                p -> p.root.set(Extension.basicConstraints, true, new BasicConstraints(0)));
    }

    private static void rollover(Pki p, org.bouncycastle.asn1.x500.X500Name name) {
        p.ca.set(Extension.basicConstraints, true, new BasicConstraints(0));
        Blueprint next = Pki.ca(p.at, "unused", 4, p.ca);
        next.subject = name;
        p.leaf.issuer = next;
        p.sent = java.util.List.of(p.leaf, next, p.ca);
    }

    private static void keyUsage(Corpus c) {
        c.twin("ca-without-keycertsign", "key-usage", "intermediate keyUsage keyCertSign, cRLSign",
                "intermediate keyUsage digitalSignature, cRLSign (no keyCertSign)",
                p -> p.ca.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign)));
        c.twin("ca-without-key-usage", "key-usage", "intermediate with keyUsage", "intermediate without a keyUsage extension",
                p -> p.ca.remove(Extension.keyUsage));
        c.twin("leaf-keycertsign", "key-usage", "leaf keyUsage digitalSignature, keyEncipherment",
                "leaf keyUsage digitalSignature, keyEncipherment, keyCertSign (on a CA:FALSE certificate)",
                p -> p.leaf.set(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign)));
        c.twin("leaf-rsa-key-agreement-only", "key-usage", "RSA leaf keyUsage digitalSignature only",
                "RSA leaf keyUsage keyAgreement only (an RSA key cannot agree keys)",
                p -> p.leaf.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)),
                p -> p.leaf.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement)));
    }

    private static void extendedKeyUsage(Corpus c) {
        c.twin("leaf-eku-client-auth-only", "eku", "leaf EKU serverAuth", "leaf EKU clientAuth only",
                p -> p.leaf.set(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        c.twin("intermediate-eku-without-server-auth", "eku", "intermediate EKU serverAuth", "intermediate EKU clientAuth only",
                p -> p.ca.set(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                p -> p.ca.set(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        c.twin("leaf-eku-any-only", "eku", "leaf EKU serverAuth", "leaf EKU anyExtendedKeyUsage only",
                p -> p.leaf.set(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage)));
    }

    private static void criticalExtensions(Corpus c) {
        DERUTF8String value = new DERUTF8String("corpus");
        c.twin("leaf-unknown-critical-extension", "critical-extension", "leaf with an unknown extension, not critical",
                "leaf with the same unknown extension, critical",
                p -> p.leaf.add(UNKNOWN, false, value), p -> p.leaf.add(UNKNOWN, true, value));
        c.twin("intermediate-unknown-critical-extension", "critical-extension", "intermediate with an unknown extension, not critical",
                "intermediate with the same unknown extension, critical",
                p -> p.ca.add(UNKNOWN, false, value), p -> p.ca.add(UNKNOWN, true, value));
        c.twin("root-unknown-critical-extension", "critical-extension", "trusted root with an unknown extension, not critical",
                "trusted root with the same unknown extension, critical",
                p -> p.root.add(UNKNOWN, false, value), p -> p.root.add(UNKNOWN, true, value));
    }
}
