package pkilab.ca.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import pkilab.BadInputException;
import pkilab.ca.CertSpec;
import pkilab.ca.CertTemplate;

/**
 * Signs certificates with Bouncy Castle from a {@link CertSpec}: the only place that knows how
 * each X.509 extension is encoded. Extensions come out in the order real CAs use: basic
 * constraints, key usage, EKU, SKI, AKI, SAN, CDP, AIA, policies, name constraints, raw.
 */
public final class X509Maker {
    /** Names of keyUsage bits as RFC 5280 spells them. */
    public static final Map<String, Integer> KEY_USAGES = Map.of(
            "digitalSignature", KeyUsage.digitalSignature,
            "nonRepudiation", KeyUsage.nonRepudiation,
            "keyEncipherment", KeyUsage.keyEncipherment,
            "dataEncipherment", KeyUsage.dataEncipherment,
            "keyAgreement", KeyUsage.keyAgreement,
            "keyCertSign", KeyUsage.keyCertSign,
            "cRLSign", KeyUsage.cRLSign,
            "encipherOnly", KeyUsage.encipherOnly,
            "decipherOnly", KeyUsage.decipherOnly);

    /** Names of extended key usages, with their OIDs. */
    public static final Map<String, String> EXT_KEY_USAGES = Map.of(
            "serverAuth", "1.3.6.1.5.5.7.3.1",
            "clientAuth", "1.3.6.1.5.5.7.3.2",
            "codeSigning", "1.3.6.1.5.5.7.3.3",
            "emailProtection", "1.3.6.1.5.5.7.3.4",
            "timeStamping", "1.3.6.1.5.5.7.3.8",
            "OCSPSigning", "1.3.6.1.5.5.7.3.9",
            "anyExtendedKeyUsage", "2.5.29.37.0");

    /** The lab's namespaces: what a lab root may vouch for when its profile says "lab". */
    public static final List<String> LAB_NAMESPACES = List.of("test", "localhost", "127.0.0.0/8", "::1/128");

    private X509Maker() {
    }

    public static X509Certificate make(CertSpec spec) {
        try {
            X500Principal subject = new X500Principal(spec.subject());
            X500Principal issuer = spec.issuer() == null ? subject : spec.issuer().getSubjectX500Principal();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, spec.serial(),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), subject, spec.publicKey());
            addExtensions(b, spec);
            String keyAlg = spec.signingKey().getAlgorithm();
            ContentSigner signer = new JcaContentSignerBuilder(spec.signature().jcaName(keyAlg)).build(spec.signingKey());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign the certificate for " + spec.subject() + ": " + e.getMessage(), e);
        }
    }

    private static void addExtensions(X509v3CertificateBuilder b, CertSpec spec)
            throws IOException, GeneralSecurityException {
        CertTemplate t = spec.template();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        if (t.basicConstraints != null) {
            CertTemplate.BasicConstraints bc = t.basicConstraints;
            BasicConstraints v = bc.ca
                    ? (bc.pathLen == null ? new BasicConstraints(true) : new BasicConstraints(bc.pathLen))
                    : new BasicConstraints(false);
            b.addExtension(Extension.basicConstraints, bc.critical == null || bc.critical, v);
        }
        if (t.keyUsage != null && !t.keyUsage.values.isEmpty()) {
            int bits = 0;
            for (String u : t.keyUsage.values) {
                Integer bit = KEY_USAGES.get(u);
                if (bit == null) {
                    throw new BadInputException("unknown keyUsage '" + u + "' (expected one of " + String.join(", ", KEY_USAGES.keySet()) + ")");
                }
                bits |= bit;
            }
            b.addExtension(Extension.keyUsage, Boolean.TRUE.equals(t.keyUsage.critical), new KeyUsage(bits));
        }
        List<String> eku = spec.extKeyUsage() != null ? spec.extKeyUsage()
                : t.extKeyUsage == null ? List.of() : t.extKeyUsage.values;
        if (!eku.isEmpty()) {
            List<KeyPurposeId> ids = new ArrayList<>();
            for (String u : eku) {
                ids.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(ekuOid(u))));
            }
            boolean critical = t.extKeyUsage != null && Boolean.TRUE.equals(t.extKeyUsage.critical);
            b.addExtension(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(ids.toArray(new KeyPurposeId[0])));
        }
        if (t.subjectKeyIdentifier == null || t.subjectKeyIdentifier) {
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spec.publicKey()));
        }
        if (spec.issuer() != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdOf(spec.issuer(), utils)));
        }
        List<GeneralName> san = new ArrayList<>();
        for (String dns : spec.dnsNames()) {
            san.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : spec.ipAddresses()) {
            san.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (!san.isEmpty()) {
            // RFC 5280 4.2.1.6: the SAN must be critical when the subject DN is empty
            boolean emptySubject = spec.subject().isBlank();
            b.addExtension(Extension.subjectAlternativeName, emptySubject, new GeneralNames(san.toArray(new GeneralName[0])));
        }
        if (t.crlDistributionPoints != null && !t.crlDistributionPoints.isEmpty()) {
            List<GeneralName> uris = new ArrayList<>();
            for (String u : t.crlDistributionPoints) {
                uris.add(new GeneralName(GeneralName.uniformResourceIdentifier, expand(u, spec)));
            }
            DistributionPoint dp = new DistributionPoint(
                    new DistributionPointName(new GeneralNames(uris.toArray(new GeneralName[0]))), null, null);
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {dp}));
        }
        if (t.authorityInfoAccess != null) {
            List<AccessDescription> ads = new ArrayList<>();
            for (String u : t.authorityInfoAccess.ocsp) {
                ads.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, expand(u, spec))));
            }
            for (String u : t.authorityInfoAccess.caIssuers) {
                ads.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, expand(u, spec))));
            }
            if (!ads.isEmpty()) {
                b.addExtension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(ads.toArray(new AccessDescription[0])));
            }
        }
        if (t.certificatePolicies != null && !t.certificatePolicies.isEmpty()) {
            PolicyInformation[] pis = t.certificatePolicies.stream()
                    .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                    .toArray(PolicyInformation[]::new);
            b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(pis));
        }
        NameConstraints nc = nameConstraints(t.nameConstraints);
        if (nc != null) {
            // RFC 5280 4.2.1.10: conforming CAs MUST mark this extension critical
            b.addExtension(Extension.nameConstraints, true, nc);
        }
        for (CertTemplate.RawExtension raw : t.extensions) {
            b.addExtension(new ASN1ObjectIdentifier(raw.id), raw.critical, rawValue(raw.value));
        }
    }

    private static byte[] keyIdOf(X509Certificate issuer, JcaX509ExtensionUtils utils) throws GeneralSecurityException {
        byte[] ext = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext != null) {
            return SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        }
        PublicKey key = issuer.getPublicKey();
        return utils.createSubjectKeyIdentifier(key).getKeyIdentifier();
    }

    /** OID of an EKU given by name (serverAuth…) or as a dotted OID. */
    public static String ekuOid(String nameOrOid) {
        String oid = EXT_KEY_USAGES.get(nameOrOid);
        if (oid != null) {
            return oid;
        }
        if (nameOrOid.matches("\\d+(\\.\\d+)+")) {
            return nameOrOid;
        }
        throw new BadInputException("unknown extended key usage '" + nameOrOid
                + "' (expected one of " + String.join(", ", EXT_KEY_USAGES.keySet()) + ", or an OID)");
    }

    private static String expand(String template, CertSpec spec) {
        return template.replace("{pki}", spec.pkiBaseUrl()).replace("{ca}", spec.issuerId() == null ? "" : spec.issuerId());
    }

    @SuppressWarnings("unchecked")
    private static NameConstraints nameConstraints(Object value) {
        if (value == null || "none".equals(value)) {
            return null;
        }
        List<String> permitted;
        List<String> excluded = List.of();
        if ("lab".equals(value)) {
            permitted = LAB_NAMESPACES;
        } else if (value instanceof Map<?, ?> map) {
            Map<String, List<String>> m = (Map<String, List<String>>) map;
            permitted = expandLab(m.getOrDefault("permitted", List.of()));
            excluded = expandLab(m.getOrDefault("excluded", List.of()));
        } else {
            throw new BadInputException("nameConstraints must be 'lab', 'none' or {permitted: [...], excluded: [...]}, not '" + value + "'");
        }
        return new NameConstraints(subtrees(permitted), subtrees(excluded));
    }

    private static List<String> expandLab(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if ("lab".equals(n)) {
                out.addAll(LAB_NAMESPACES);
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private static GeneralSubtree[] subtrees(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        GeneralSubtree[] out = new GeneralSubtree[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new GeneralSubtree(subtreeName(names.get(i)));
        }
        return out;
    }

    private static GeneralName subtreeName(String n) {
        int slash = n.indexOf('/');
        if (slash < 0) {
            return new GeneralName(GeneralName.dNSName, n.startsWith(".") ? n.substring(1) : n);
        }
        try {
            byte[] addr = InetAddress.getByName(n.substring(0, slash)).getAddress();
            int prefix = Integer.parseInt(n.substring(slash + 1));
            byte[] both = new byte[addr.length * 2];
            System.arraycopy(addr, 0, both, 0, addr.length);
            for (int i = 0; i < addr.length; i++) {
                int bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
                both[addr.length + i] = (byte) (0xff << (8 - bitsHere));
            }
            return new GeneralName(GeneralName.iPAddress, new DEROctetString(both));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new BadInputException("bad name constraint '" + n + "' (expected a DNS suffix or an address/prefix like 127.0.0.0/8)");
        }
    }

    private static ASN1Encodable rawValue(String value) throws IOException {
        String v = value == null ? "" : value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bmp:")) {
            return new DERBMPString(v.substring(4));
        }
        if (lower.startsWith("utf8:")) {
            return new DERUTF8String(v.substring(5));
        }
        if (lower.startsWith("int:")) {
            return new ASN1Integer(new BigInteger(v.substring(4).trim()));
        }
        try {
            return ASN1Primitive.fromByteArray(HexFormat.of().parseHex(v.replace(" ", "").replace(":", "")));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad raw extension value '" + value + "' (expected hex DER, bmp:TEXT, utf8:TEXT or int:N)");
        }
    }
}
