package pkilab.ca.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
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

/** Reads X.509 extensions back into readable text, for {@code ca show}, the probe and the dashboard. */
public final class ExtensionReader {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(Extension.basicConstraints.getId(), "basicConstraints"),
            Map.entry(Extension.keyUsage.getId(), "keyUsage"),
            Map.entry(Extension.extendedKeyUsage.getId(), "extKeyUsage"),
            Map.entry(Extension.subjectKeyIdentifier.getId(), "subjectKeyIdentifier"),
            Map.entry(Extension.authorityKeyIdentifier.getId(), "authorityKeyIdentifier"),
            Map.entry(Extension.subjectAlternativeName.getId(), "subjectAltName"),
            Map.entry(Extension.cRLDistributionPoints.getId(), "crlDistributionPoints"),
            Map.entry(Extension.authorityInfoAccess.getId(), "authorityInfoAccess"),
            Map.entry(Extension.certificatePolicies.getId(), "certificatePolicies"),
            Map.entry(Extension.nameConstraints.getId(), "nameConstraints"),
            Map.entry("1.3.6.1.4.1.311.21.1", "Microsoft CA Version"),
            Map.entry("1.3.6.1.4.1.311.20.2", "Microsoft Certificate Template Name"),
            Map.entry("1.3.6.1.4.1.311.21.7", "Microsoft Certificate Template"),
            Map.entry("1.3.6.1.4.1.311.21.10", "Microsoft Application Policies"));

    private static final String[] KU_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private ExtensionReader() {
    }

    public static String nameOf(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    /** One extension as read: OID, its name, criticality and readable values. */
    public record Described(String oid, String name, boolean critical, List<String> values) {
    }

    /** Every extension of {@code c}, the known ones first, each with readable values. */
    public static List<Described> describe(X509Certificate c) {
        Set<String> critical = c.getCriticalExtensionOIDs() == null ? Set.of() : c.getCriticalExtensionOIDs();
        Set<String> all = new TreeSet<>(critical);
        if (c.getNonCriticalExtensionOIDs() != null) {
            all.addAll(c.getNonCriticalExtensionOIDs());
        }
        List<Described> out = new ArrayList<>();
        for (String oid : orderByKnown(all)) {
            byte[] raw = c.getExtensionValue(oid);
            List<String> values;
            try {
                ASN1Primitive v = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(raw).getOctets());
                values = values(oid, v);
            } catch (Exception e) {
                values = List.of("(cannot decode: " + e.getMessage() + ")");
            }
            out.add(new Described(oid, nameOf(oid), critical.contains(oid), values));
        }
        return out;
    }

    private static List<String> orderByKnown(Set<String> oids) {
        List<String> out = new ArrayList<>();
        for (String known : NAMES.keySet().stream().sorted().toList()) {
            if (oids.contains(known)) {
                out.add(known);
            }
        }
        for (String o : oids) {
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

    private static List<String> values(String oid, ASN1Primitive v) {
        List<String> out = new ArrayList<>();
        if (oid.equals(Extension.basicConstraints.getId())) {
            BasicConstraints bc = BasicConstraints.getInstance(v);
            out.add(bc.isCA() ? "CA:TRUE" + (bc.getPathLenConstraint() == null ? "" : ", pathlen:" + bc.getPathLenConstraint()) : "CA:FALSE");
        } else if (oid.equals(Extension.keyUsage.getId())) {
            KeyUsage ku = KeyUsage.getInstance(v);
            for (int i = 0; i < KU_NAMES.length; i++) {
                int bit = i < 8 ? (1 << (7 - i)) : (1 << 15);
                if (ku.hasUsages(bit)) {
                    out.add(KU_NAMES[i]);
                }
            }
        } else if (oid.equals(Extension.extendedKeyUsage.getId())) {
            for (KeyPurposeId id : ExtendedKeyUsage.getInstance(v).getUsages()) {
                String o = id.getId();
                out.add(X509Maker.EXT_KEY_USAGES.entrySet().stream().filter(e -> e.getValue().equals(o))
                        .map(Map.Entry::getKey).findFirst().orElse(o));
            }
        } else if (oid.equals(Extension.subjectKeyIdentifier.getId())) {
            out.add(hex(SubjectKeyIdentifier.getInstance(v).getKeyIdentifier()));
        } else if (oid.equals(Extension.authorityKeyIdentifier.getId())) {
            out.add("keyid:" + hex(AuthorityKeyIdentifier.getInstance(v).getKeyIdentifier()));
        } else if (oid.equals(Extension.subjectAlternativeName.getId())) {
            for (GeneralName n : GeneralNames.getInstance(v).getNames()) {
                out.add(generalName(n));
            }
        } else if (oid.equals(Extension.cRLDistributionPoints.getId())) {
            for (DistributionPoint dp : CRLDistPoint.getInstance(v).getDistributionPoints()) {
                DistributionPointName n = dp.getDistributionPoint();
                if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                        out.add(generalName(g));
                    }
                }
            }
        } else if (oid.equals(Extension.authorityInfoAccess.getId())) {
            for (AccessDescription ad : AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
                String method = ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? "OCSP"
                        : ad.getAccessMethod().equals(AccessDescription.id_ad_caIssuers) ? "CA Issuers" : ad.getAccessMethod().getId();
                out.add(method + " - " + generalName(ad.getAccessLocation()));
            }
        } else if (oid.equals(Extension.certificatePolicies.getId())) {
            for (PolicyInformation pi : CertificatePolicies.getInstance(v).getPolicyInformation()) {
                String p = pi.getPolicyIdentifier().getId();
                out.add(p + switch (p) {
                    case "2.23.140.1.2.1" -> " (domain validated)";
                    case "2.23.140.1.2.2" -> " (organization validated)";
                    case "2.23.140.1.2.3" -> " (individual validated)";
                    default -> "";
                });
            }
        } else if (oid.equals(Extension.nameConstraints.getId())) {
            NameConstraints nc = NameConstraints.getInstance(v);
            if (nc.getPermittedSubtrees() != null) {
                for (GeneralSubtree st : nc.getPermittedSubtrees()) {
                    out.add("permitted " + generalName(st.getBase()));
                }
            }
            if (nc.getExcludedSubtrees() != null) {
                for (GeneralSubtree st : nc.getExcludedSubtrees()) {
                    out.add("excluded " + generalName(st.getBase()));
                }
            }
        } else if (oid.equals("1.3.6.1.4.1.311.21.1")) {
            long n = ASN1Integer.getInstance(v).getValue().longValue();
            out.add("V" + (n >> 16) + "." + (n & 0xffff));
        } else if (v instanceof ASN1String s) {
            out.add(s.getString());
        } else {
            out.add(hex(encoded(v)));
        }
        return out;
    }

    private static byte[] encoded(ASN1Encodable v) {
        try {
            return v.toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    /** A GeneralName as OpenSSL prints it: {@code DNS:mail.contoso.test}, {@code IP Address:127.0.0.1}, {@code URI:…}. */
    public static String generalName(GeneralName n) {
        return switch (n.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + n.getName();
            case GeneralName.uniformResourceIdentifier -> "URI:" + n.getName();
            case GeneralName.rfc822Name -> "email:" + n.getName();
            case GeneralName.directoryName -> "DirName:" + n.getName();
            case GeneralName.iPAddress -> "IP Address:" + ip(ASN1OctetString.getInstance(n.getName()).getOctets());
            case GeneralName.registeredID -> "RID:" + ASN1ObjectIdentifier.getInstance(n.getName()).getId();
            default -> "othername:" + n.getName();
        };
    }

    private static String ip(byte[] b) {
        try {
            if (b.length == 8 || b.length == 32) {
                int half = b.length / 2;
                byte[] addr = java.util.Arrays.copyOf(b, half);
                byte[] mask = java.util.Arrays.copyOfRange(b, half, b.length);
                int prefix = 0;
                for (byte m : mask) {
                    prefix += Integer.bitCount(m & 0xff);
                }
                return java.net.InetAddress.getByAddress(addr).getHostAddress() + "/" + prefix;
            }
            return java.net.InetAddress.getByAddress(b).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return hex(b);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(b);
    }
}
