package pkilab.ca.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where a certificate says its issuer and its revocation status can be found: the AIA
 * extension's caIssuers and OCSP URLs, and the CRL distribution points (RFC 5280 §4.2.2.1,
 * §4.2.1.13). LDAP URLs are returned too; callers decide what they can reach.
 */
public final class AiaReader {
    private AiaReader() {
    }

    public static List<String> caIssuers(X509Certificate c) {
        return access(c, AccessDescription.id_ad_caIssuers.getId());
    }

    public static List<String> ocsp(X509Certificate c) {
        return access(c, AccessDescription.id_ad_ocsp.getId());
    }

    public static List<String> crlDistributionPoints(X509Certificate c) {
        byte[] ext = c.getExtensionValue("2.5.29.31");
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        CRLDistPoint cdp;
        try {
            cdp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
            cdp.getDistributionPoints();
        } catch (RuntimeException e) {
            return out; // a malformed extension points nowhere; CertificateStructure reports it as malformed
        }
        for (DistributionPoint dp : cdp.getDistributionPoints()) {
            DistributionPointName n = dp.getDistributionPoint();
            if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        out.add(g.getName().toString());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> access(X509Certificate c, String method) {
        byte[] ext = c.getExtensionValue("1.3.6.1.5.5.7.1.1");
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        AuthorityInformationAccess aia;
        try {
            aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(ext).getOctets());
            aia.getAccessDescriptions();
        } catch (RuntimeException e) {
            return out; // a malformed extension points nowhere; CertificateStructure reports it as malformed
        }
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().getId().equals(method)
                    && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                out.add(d.getAccessLocation().getName().toString());
            }
        }
        return out;
    }
}
