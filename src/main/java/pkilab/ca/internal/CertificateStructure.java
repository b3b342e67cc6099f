package pkilab.ca.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;

/**
 * What a certificate's DER says about its own well-formedness, read before any client logic:
 * a certificate is a signed structure (RFC 5280 §4.1) whose parts a validator must be able to
 * trust byte for byte. Some faults make it no certificate at all for every client — two
 * copies of one extension, an inner signature algorithm that differs from the outer one,
 * extensions in a version 1 certificate, bytes that are not DER — and are listed as
 * {@link #malformed()}. Others are facts that only strict clients refuse (a negative serial,
 * a UTCTime where GeneralizedTime belongs, an empty issuer); they are kept as fields and the
 * client profile decides.
 *
 * @param malformed       why the bytes are not a well-formed certificate (empty when they are)
 * @param version         1, 2 or 3
 * @param serial          the serial number as encoded (may be negative or zero)
 * @param serialOctets    length of the serial's encoding in octets (RFC 5280: at most 20)
 * @param timeEncoding    null, or why notBefore/notAfter use the wrong ASN.1 time type for their year
 * @param emptyIssuer     the issuer DN has no RDN
 * @param emptySubject    the subject DN has no RDN
 * @param critical        each extension's OID → its critical flag, in certificate order
 * @param akiKeyId        the authorityKeyIdentifier's keyIdentifier, or null
 * @param skiKeyId        the subjectKeyIdentifier, or null
 * @param nameConstraintsError null, or why the nameConstraints extension cannot be used
 * @param policy          the certificate-policy extensions, as RFC 5280 §6.1 policy processing reads them
 */
public record CertificateStructure(List<String> malformed, int version, BigInteger serial, int serialOctets,
                                   String timeEncoding, boolean emptyIssuer, boolean emptySubject,
                                   Map<String, Boolean> critical, byte[] akiKeyId, byte[] skiKeyId,
                                   Boolean basicConstraintsCa, Integer pathLen, String nameConstraintsError, Policy policy) {

    /**
     * The extensions RFC 5280 §6.1 policy processing reads.
     *
     * @param policies        certificatePolicies' policy OIDs; null when the extension is absent
     * @param requireExplicit policyConstraints requireExplicitPolicy (skip certificates); null when absent
     * @param inhibitMapping  policyConstraints inhibitPolicyMapping; null when absent
     * @param inhibitAny      inhibitAnyPolicy's skip certificates; null when absent
     * @param mappings        policyMappings: issuerDomainPolicy → its subjectDomainPolicies, in order
     */
    public record Policy(List<String> policies, Integer requireExplicit, Integer inhibitMapping, Integer inhibitAny,
                         Map<String, List<String>> mappings) {
        public static final Policy NONE = new Policy(null, null, null, null, Map.of());
    }

    /** Reads the structure of one certificate's DER; never throws for bad bytes. */
    public static CertificateStructure of(byte[] der) {
        List<String> bad = new ArrayList<>();
        ASN1Primitive p;
        try {
            p = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            return broken("the bytes are not ASN.1: " + oneLine(e));
        }
        try {
            if (!Arrays.equals(p.getEncoded(ASN1Encoding.DER), der)) {
                bad.add("the certificate is not DER-encoded (a BER form, a non-minimal length or trailing bytes)");
            }
        } catch (IOException e) {
            return broken("the bytes cannot be re-encoded: " + oneLine(e));
        }
        Certificate cert;
        TBSCertificate tbs;
        try {
            ASN1Sequence outer = ASN1Sequence.getInstance(p);
            if (outer.size() != 3) {
                return broken("a certificate is a SEQUENCE of 3 parts (signed data, algorithm, signature); this one has " + outer.size());
            }
            tbs = TBSCertificate.getInstance(outer.getObjectAt(0));
            cert = Certificate.getInstance(outer);
        } catch (RuntimeException e) {
            return broken("the certificate does not parse: " + oneLine(e));
        }
        if (!tbs.getSignature().equals(cert.getSignatureAlgorithm())) {
            bad.add("the signature algorithm inside the signed part (" + tbs.getSignature().getAlgorithm().getId()
                    + ") differs from the outer one (" + cert.getSignatureAlgorithm().getAlgorithm().getId() + ")");
        }
        int version = tbs.getVersionNumber();
        Map<String, Boolean> critical = new LinkedHashMap<>();
        byte[] aki = null;
        byte[] ski = null;
        Boolean ca = null;
        Integer pathLen = null;
        String ncError = null;
        List<String> policies = null;
        Integer requireExplicit = null;
        Integer inhibitMapping = null;
        Integer inhibitAny = null;
        Map<String, List<String>> mappings = new LinkedHashMap<>();
        Extensions exts;
        try {
            exts = tbs.getExtensions();
        } catch (RuntimeException e) {
            exts = null;
            bad.add("its extensions do not parse: " + oneLine(e));
        }
        if (exts != null) {
            if (version < 3) {
                bad.add("a version " + version + " certificate carries extensions (only version 3 may)");
            }
            for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
                Extension e = exts.getExtension(oid);
                critical.put(oid.getId(), e.isCritical());
                try {
                    if (oid.equals(Extension.authorityKeyIdentifier)) {
                        ASN1OctetString keyId = AuthorityKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifierObject();
                        aki = keyId == null ? null : keyId.getOctets();
                    } else if (oid.equals(Extension.subjectKeyIdentifier)) {
                        ski = SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
                    } else if (oid.equals(Extension.basicConstraints)) {
                        BasicConstraints bc = BasicConstraints.getInstance(e.getParsedValue());
                        ca = bc.isCA();
                        pathLen = bc.getPathLenConstraint() == null ? null : bc.getPathLenConstraint().intValue();
                    } else if (oid.equals(Extension.nameConstraints)) {
                        ncError = nameConstraintsProblem(NameConstraints.getInstance(e.getParsedValue()));
                    } else if (oid.equals(Extension.authorityInfoAccess)) {
                        org.bouncycastle.asn1.x509.AuthorityInformationAccess.getInstance(e.getParsedValue()).getAccessDescriptions();
                    } else if (oid.equals(Extension.cRLDistributionPoints)) {
                        org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(e.getParsedValue()).getDistributionPoints();
                    } else if (oid.equals(Extension.subjectAlternativeName)) {
                        org.bouncycastle.asn1.x509.GeneralNames.getInstance(e.getParsedValue()).getNames();
                    } else if (oid.equals(Extension.keyUsage)) {
                        org.bouncycastle.asn1.x509.KeyUsage.getInstance(e.getParsedValue());
                    } else if (oid.equals(Extension.extendedKeyUsage)) {
                        org.bouncycastle.asn1.x509.ExtendedKeyUsage.getInstance(e.getParsedValue()).getUsages();
                    } else if (oid.equals(Extension.certificatePolicies)) {
                        policies = new ArrayList<>();
                        for (org.bouncycastle.asn1.x509.PolicyInformation pi
                                : org.bouncycastle.asn1.x509.CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation()) {
                            policies.add(pi.getPolicyIdentifier().getId());
                        }
                    } else if (oid.equals(Extension.policyConstraints)) {
                        org.bouncycastle.asn1.x509.PolicyConstraints pc = org.bouncycastle.asn1.x509.PolicyConstraints.getInstance(e.getParsedValue());
                        requireExplicit = skipCerts(pc.getRequireExplicitPolicyMapping());
                        inhibitMapping = skipCerts(pc.getInhibitPolicyMapping());
                    } else if (oid.equals(Extension.inhibitAnyPolicy)) {
                        inhibitAny = skipCerts(org.bouncycastle.asn1.ASN1Integer.getInstance(e.getParsedValue()).getValue());
                    } else if (oid.equals(Extension.policyMappings)) {
                        for (org.bouncycastle.asn1.ASN1Encodable m : ASN1Sequence.getInstance(e.getParsedValue())) {
                            ASN1Sequence pair = ASN1Sequence.getInstance(m);
                            mappings.computeIfAbsent(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId(), k -> new ArrayList<>())
                                    .add(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId());
                        }
                    }
                } catch (RuntimeException ex) {
                    bad.add("its " + ExtensionReader.nameOf(oid.getId()) + " extension does not parse: " + oneLine(ex));
                }
            }
        }
        BigInteger serial = tbs.getSerialNumber().getValue();
        int serialOctets = serial.toByteArray().length;
        String notBefore = timeEncoding(tbs.getStartDate(), "notBefore");
        return new CertificateStructure(List.copyOf(bad), version, serial, serialOctets,
                notBefore != null ? notBefore : timeEncoding(tbs.getEndDate(), "notAfter"),
                tbs.getIssuer().getRDNs().length == 0, tbs.getSubject().getRDNs().length == 0,
                critical, aki, ski, ca, pathLen, ncError,
                new Policy(policies == null ? null : List.copyOf(policies), requireExplicit, inhibitMapping, inhibitAny, mappings));
    }

    /** A SkipCerts value (RFC 5280 §4.2.1.11: INTEGER (0..MAX)), capped at Integer.MAX_VALUE; null stays null. */
    private static Integer skipCerts(BigInteger v) {
        return v == null ? null : v.min(BigInteger.valueOf(Integer.MAX_VALUE)).max(BigInteger.ZERO).intValue();
    }

    /** The DER of an extension value's inner octets, for readers that need the raw value. */
    public static byte[] innerOctets(byte[] extensionValue) {
        return ASN1OctetString.getInstance(extensionValue).getOctets();
    }

    private static CertificateStructure broken(String why) {
        return new CertificateStructure(List.of(why), 0, BigInteger.ZERO, 0, null, false, false, Map.of(), null, null,
                null, null, null, Policy.NONE);
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static String timeEncoding(Time t, String field) {
        ASN1Primitive p = t.toASN1Primitive();
        int year = t.getDate().toInstant().atZone(java.time.ZoneOffset.UTC).getYear();
        if (p instanceof ASN1UTCTime && year >= 2050) {
            return field + " (" + year + ") is a UTCTime; from 2050 it must be a GeneralizedTime";
        }
        if (p instanceof ASN1GeneralizedTime && year < 2050) {
            return field + " (" + year + ") is a GeneralizedTime; before 2050 it must be a UTCTime";
        }
        return null;
    }

    /** An iPAddress subtree is an address and a mask of the same length, the mask contiguous ones. */
    private static String nameConstraintsProblem(NameConstraints nc) {
        for (GeneralSubtree[] trees : new GeneralSubtree[][]{nc.getPermittedSubtrees(), nc.getExcludedSubtrees()}) {
            if (trees == null) {
                continue;
            }
            for (GeneralSubtree s : trees) {
                if (s.getBase().getTagNo() != GeneralName.iPAddress) {
                    continue;
                }
                byte[] b = ASN1OctetString.getInstance(s.getBase().getName()).getOctets();
                if (b.length != 8 && b.length != 32) {
                    return "an iPAddress constraint of " + b.length + " bytes (expected 8 for IPv4, 32 for IPv6: address and mask)";
                }
                boolean zero = false;
                for (int i = b.length / 2; i < b.length; i++) {
                    for (int bit = 7; bit >= 0; bit--) {
                        boolean one = (b[i] >> bit & 1) == 1;
                        if (one && zero) {
                            return "an iPAddress constraint whose mask is not contiguous ("
                                    + ExtensionReader.generalName(s.getBase()) + ")";
                        }
                        zero |= !one;
                    }
                }
            }
        }
        return null;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
