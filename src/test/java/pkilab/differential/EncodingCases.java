package pkilab.differential;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Twins for how a certificate is written (RFC 5280 §4.1, §4.2): unique extensions, the TBS
 * signature algorithm matching the outer one, empty names, serial numbers, versions, the
 * UTCTime/GeneralizedTime rule, key identifiers, and the weak algorithms and key sizes
 * clients refuse by policy.
 */
final class EncodingCases {
    private EncodingCases() {
    }

    static void addTo(Corpus c) {
        structure(c);
        names(c);
        serials(c);
        versions(c);
        times(c);
        keyIdentifiers(c);
        weakAlgorithms(c);
    }

    private static void structure(Corpus c) {
        c.twin("leaf-duplicate-extension", "extension-uniqueness", "leaf with one keyUsage extension",
                "leaf with two identical keyUsage extensions",
                p -> p.leaf.add(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)));
        c.twin("intermediate-duplicate-extension", "extension-uniqueness", "intermediate with one basicConstraints extension",
                "intermediate with two identical basicConstraints extensions",
                p -> p.ca.add(Extension.basicConstraints, true, new BasicConstraints(true)));
        c.twin("leaf-tbs-algorithm-mismatch", "malformed", "leaf's TBS and outer signature algorithm both sha256WithRSA",
                "leaf's TBS names sha384WithRSA, the outer signature is sha256WithRSA",
                p -> p.leaf.tbsSignatureAlgorithm = "SHA384withRSA");
        c.twin("intermediate-tbs-algorithm-mismatch", "malformed", "intermediate's TBS and outer algorithm agree",
                "intermediate's TBS names sha384WithRSA, the outer signature is sha256WithRSA",
                p -> p.ca.tbsSignatureAlgorithm = "SHA384withRSA");
    }

    private static void names(Corpus c) {
        c.twin("empty-issuer-name", "empty-name", "intermediate subject (and so the leaf's issuer) O=Corpus, CN=Corpus Issuing CA",
                "intermediate subject and the leaf's issuer both the empty DN",
                p -> p.ca.subject = new X500Name(new RDN[0]));
        Corpus.Change emptySubject = p -> p.leaf.subject = new X500Name(new RDN[0]);
        c.twin("empty-subject-san-not-critical", "empty-name", "leaf with an empty subject and a critical subjectAltName",
                "leaf with an empty subject and a non-critical subjectAltName",
                p -> { emptySubject.apply(p); p.leaf.critical(Extension.subjectAlternativeName, true); },
                p -> { emptySubject.apply(p); p.leaf.critical(Extension.subjectAlternativeName, false); });
        c.twin("empty-subject-without-san", "empty-name", "leaf with an empty subject and a subjectAltName",
                "leaf with an empty subject and no subjectAltName",
                p -> { emptySubject.apply(p); p.leaf.critical(Extension.subjectAlternativeName, true); },
                p -> { emptySubject.apply(p); p.leaf.remove(Extension.subjectAlternativeName); });
    }

    private static void serials(Corpus c) {
        c.twin("serial-negative", "serial", "leaf serial 0x1234567", "leaf serial -0x1234567",
                p -> p.leaf.serial = BigInteger.valueOf(0x1234567), p -> p.leaf.serial = BigInteger.valueOf(-0x1234567));
        c.twin("serial-zero", "serial", "leaf serial 1", "leaf serial 0",
                p -> p.leaf.serial = BigInteger.ONE, p -> p.leaf.serial = BigInteger.ZERO);
        c.twin("serial-21-octets", "serial", "leaf serial of 20 octets (the RFC 5280 maximum)", "leaf serial of 21 octets",
                p -> p.leaf.serial = octets(20), p -> p.leaf.serial = octets(21));
    }

    /** A positive serial whose DER INTEGER content is exactly {@code n} octets. */
    private static BigInteger octets(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0x5a);
        return new BigInteger(1, b);
    }

    private static void versions(Corpus c) {
        c.twin("intermediate-v1", "version", "v3 intermediate", "v1 intermediate (no extensions, so no basicConstraints)",
                p -> p.ca.version = 1);
        c.twin("anchor-v1", "version", "v3 trusted root", "v1 trusted root (no extensions)",
                p -> p.root.version = 1);
    }

    private static void times(Corpus c) {
        Instant y2050 = Instant.parse("2050-06-01T00:00:00Z");
        c.twin("utctime-2050", "time-encoding", "leaf notAfter 2050-06-01 as GeneralizedTime (as RFC 5280 requires from 2050)",
                "leaf notAfter 2050-06-01 as UTCTime '500601…', which reads as 1950",
                p -> p.leaf.notAfter = y2050,
                p -> { p.leaf.notAfter = y2050; p.leaf.notAfterForm = Blueprint.TimeForm.UTC; });
        c.twin("generalizedtime-before-2050", "time-encoding", "leaf notBefore as UTCTime",
                "leaf notBefore (before 2050) as GeneralizedTime, which RFC 5280 forbids",
                p -> p.leaf.notBeforeForm = Blueprint.TimeForm.GENERALIZED);
    }

    private static void keyIdentifiers(Corpus c) {
        c.twin("leaf-without-aki", "key-identifiers", "leaf with authorityKeyIdentifier", "leaf without authorityKeyIdentifier",
                p -> p.leaf.aki = false);
        c.twin("intermediate-without-aki", "key-identifiers", "intermediate with authorityKeyIdentifier",
                "intermediate without authorityKeyIdentifier", p -> p.ca.aki = false);
        c.twin("aki-not-matching-issuer-ski", "key-identifiers", "leaf AKI keyIdentifier equal to the intermediate's SKI",
                "leaf AKI keyIdentifier that matches no key (twenty 0x42 octets)", p -> {
                    byte[] id = new byte[20];
                    Arrays.fill(id, (byte) 0x42);
                    p.leaf.akiKeyId = id;
                });
        c.twin("ca-without-ski", "key-identifiers", "intermediate with subjectKeyIdentifier", "intermediate without subjectKeyIdentifier",
                p -> p.ca.ski = false);
        c.twin("aki-critical", "key-identifiers", "leaf AKI not critical", "leaf AKI marked critical",
                p -> p.leaf.akiCritical = true);
        c.twin("ski-critical", "key-identifiers", "intermediate SKI not critical", "intermediate SKI marked critical",
                p -> p.ca.skiCritical = true);
    }

    private static void weakAlgorithms(Corpus c) {
        c.twin("sha1-leaf", "weak-algorithm", "leaf signed sha256WithRSA", "leaf signed sha1WithRSA",
                p -> p.leaf.signatureAlgorithm = "SHA1withRSA");
        c.twin("sha1-intermediate", "weak-algorithm", "intermediate signed sha256WithRSA", "intermediate signed sha1WithRSA",
                p -> p.ca.signatureAlgorithm = "SHA1withRSA");
        c.twin("sha1-root-self-signature", "weak-algorithm", "trusted root self-signed sha256WithRSA",
                "trusted root self-signed sha1WithRSA (a signature nobody needs to check)",
                p -> p.root.signatureAlgorithm = "SHA1withRSA");
        c.twin("md5-leaf", "weak-algorithm", "leaf signed sha256WithRSA", "leaf signed md5WithRSA",
                p -> p.leaf.signatureAlgorithm = "MD5withRSA");
        c.twin("rsa-1024-leaf", "weak-algorithm", "leaf key RSA 2048", "leaf key RSA 1024",
                p -> p.leaf.key = Keys.rsa(1024, 0));
        c.twin("rsa-512-leaf", "weak-algorithm", "leaf key RSA 2048", "leaf key RSA 512",
                p -> p.leaf.key = Keys.rsa(512, 0));
        c.twin("rsa-1024-intermediate", "weak-algorithm", "intermediate key RSA 2048", "intermediate key RSA 1024",
                p -> p.ca.key = Keys.rsa(1024, 1));
    }
}
