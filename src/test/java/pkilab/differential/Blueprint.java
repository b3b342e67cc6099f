package pkilab.differential;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * One certificate of the corpus, field by field, as the DER of RFC 5280 §4.1 lays it out:
 *
 * <pre>
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
 *   TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature (algorithm),
 *                                 issuer, validity {notBefore, notAfter}, subject,
 *                                 subjectPublicKeyInfo, [3] extensions }
 * </pre>
 *
 * Built from ASN.1 pieces rather than a certificate builder, because the corpus needs exactly
 * the certificates a builder refuses to make: negative serials, an empty issuer, a duplicated
 * extension, a TBS algorithm that differs from the outer one, UTCTime for 2050. Every field is
 * public and has a sane default, so a case changes one field and nothing else; the subject
 * key identifier is derived from the key, the authority key identifier from the issuer's key.
 */
final class Blueprint {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How a validity date is written: by the RFC 5280 rule (UTCTime through 2049), or forced. */
    enum TimeForm { AUTO, UTC, GENERALIZED }

    /** One extension as it will be encoded; {@code value} is the DER inside the OCTET STRING. */
    record Ext(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
    }

    /** 3 (the default; the only version with extensions) or 1 (no version field, no extensions). */
    int version = 3;
    /** If unset, a positive 16-octet number derived from the subject and key. */
    BigInteger serial;
    X500Name subject;
    KeyPair key;
    /** The issuing certificate; null for a self-signed one. */
    Blueprint issuer;
    /** If unset, the issuer's subject (or the own subject when self-signed). */
    X500Name issuerName;
    /** If unset, the issuer's private key: another key makes a signature that does not verify. */
    PrivateKey signingKey;
    String signatureAlgorithm = "SHA256withRSA";
    /** If unset, the TBS names the same algorithm as the outer signatureAlgorithm. */
    String tbsSignatureAlgorithm;
    /** Flip one bit of the signature value. */
    boolean corruptSignature;
    Instant notBefore;
    Instant notAfter;
    TimeForm notBeforeForm = TimeForm.AUTO;
    TimeForm notAfterForm = TimeForm.AUTO;
    /** Extensions in order (basicConstraints, keyUsage, …); SKI and AKI are added after them. */
    final List<Ext> extensions = new ArrayList<>();
    /** Adds a subjectKeyIdentifier (SHA-1 of the key, RFC 5280 §4.2.1.2 method 1). */
    boolean ski = true;
    boolean skiCritical;
    /** Adds an authorityKeyIdentifier naming the issuer's SKI; never on a self-signed certificate. */
    boolean aki = true;
    boolean akiCritical;
    /** If set, the AKI's keyIdentifier (a wrong one points at a key the issuer does not have). */
    byte[] akiKeyId;

    private byte[] der;

    Blueprint(X500Name subject, KeyPair key) {
        this.subject = subject;
        this.key = key;
    }

    /** Sets (replacing any earlier copy) an extension. */
    Blueprint set(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        remove(oid);
        return add(oid, critical, value);
    }

    /** Appends an extension, even a second copy of one already there. */
    Blueprint add(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        extensions.add(new Ext(oid, critical, encode(value)));
        der = null;
        return this;
    }

    Blueprint remove(ASN1ObjectIdentifier oid) {
        extensions.removeIf(e -> e.oid().equals(oid));
        der = null;
        return this;
    }

    Ext extension(ASN1ObjectIdentifier oid) {
        return extensions.stream().filter(e -> e.oid().equals(oid)).findFirst().orElse(null);
    }

    /** Replaces an extension's criticality, keeping its value and position. */
    Blueprint critical(ASN1ObjectIdentifier oid, boolean critical) {
        extensions.replaceAll(e -> e.oid().equals(oid) ? new Ext(oid, critical, e.value()) : e);
        return this;
    }

    boolean selfSigned() {
        return issuer == null;
    }

    byte[] subjectKeyId() {
        byte[] spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()).getPublicKeyData().getBytes();
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate's DER, built once (a blueprint is not changed after its first use). */
    byte[] der() {
        if (der == null) {
            der = build();
        }
        return der;
    }

    private byte[] build() {
        AlgorithmIdentifier outer = algorithm(signatureAlgorithm);
        ASN1EncodableVector tbs = new ASN1EncodableVector();
        if (version != 1) {
            tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(version - 1)));
        }
        tbs.add(new ASN1Integer(serial != null ? serial : defaultSerial()));
        tbs.add(tbsSignatureAlgorithm == null ? outer : algorithm(tbsSignatureAlgorithm));
        tbs.add(issuerName != null ? issuerName : selfSigned() ? subject : issuer.subject);
        tbs.add(new DERSequence(new ASN1Encodable[] {time(notBefore, notBeforeForm), time(notAfter, notAfterForm)}));
        tbs.add(subject);
        tbs.add(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        if (version == 3) {
            List<Ext> all = new ArrayList<>(extensions);
            if (ski) {
                all.add(new Ext(Extension.subjectKeyIdentifier, skiCritical, encode(new SubjectKeyIdentifier(subjectKeyId()))));
            }
            if (aki && !selfSigned()) {
                byte[] id = akiKeyId != null ? akiKeyId : issuer.subjectKeyId();
                all.add(new Ext(Extension.authorityKeyIdentifier, akiCritical, encode(new AuthorityKeyIdentifier(id))));
            }
            if (!all.isEmpty()) {
                ASN1EncodableVector exts = new ASN1EncodableVector();
                for (Ext e : all) {
                    ASN1EncodableVector one = new ASN1EncodableVector();
                    one.add(e.oid());
                    if (e.critical()) {
                        one.add(ASN1Boolean.TRUE);
                    }
                    one.add(new DEROctetString(e.value()));
                    exts.add(new DERSequence(one));
                }
                tbs.add(new DERTaggedObject(true, 3, new DERSequence(exts)));
            }
        }
        byte[] tbsDer = encode(new DERSequence(tbs));
        PrivateKey signer = signingKey != null ? signingKey : selfSigned() ? key.getPrivate() : issuer.key.getPrivate();
        byte[] sig;
        try {
            Signature s = Signature.getInstance(signatureAlgorithm);
            s.initSign(signer);
            s.update(tbsDer);
            sig = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign " + subject + " with " + signatureAlgorithm + ": " + e.getMessage(), e);
        }
        if (corruptSignature) {
            sig[sig.length / 2] ^= 0x01;
        }
        try {
            return new DERSequence(new ASN1Encodable[] {
                org.bouncycastle.asn1.ASN1Primitive.fromByteArray(tbsDer), outer, new DERBitString(sig)}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private BigInteger defaultSerial() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(subject.getEncoded(ASN1Encoding.DER));
            d.update(key.getPublic().getEncoded());
            d.update((byte) version);
            if (issuer != null) {
                d.update(issuer.subject.getEncoded(ASN1Encoding.DER));
            }
            byte[] b = Arrays.copyOf(d.digest(), 16);
            b[0] = (byte) ((b[0] & 0x3f) | 0x10);
            return new BigInteger(1, b);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1Encodable time(Instant t, TimeForm form) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        boolean utc = form == TimeForm.UTC || (form == TimeForm.AUTO && year < 2050);
        return utc ? new ASN1UTCTime(UTC.format(t)) : new ASN1GeneralizedTime(GENERALIZED.format(t));
    }

    private static AlgorithmIdentifier algorithm(String name) {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(name);
    }

    static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
