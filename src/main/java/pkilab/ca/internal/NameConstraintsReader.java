package pkilab.ca.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * Reads a CA certificate's nameConstraints extension (RFC 5280 §4.2.1.10) into plain lists:
 * dNSName subtrees as names ({@code test}, {@code contoso.test}) and iPAddress subtrees as
 * {@code address/prefix}. Other name forms (directoryName, rfc822Name…) are left out: TLS
 * server names are DNS names and IP addresses.
 */
public final class NameConstraintsReader {
    /** The subtrees of one nameConstraints extension. */
    public record Subtrees(List<String> permittedDns, List<String> permittedIp,
                           List<String> excludedDns, List<String> excludedIp) {
        public boolean restrictsDns() {
            return !permittedDns.isEmpty();
        }

        public boolean restrictsIp() {
            return !permittedIp.isEmpty();
        }
    }

    private NameConstraintsReader() {
    }

    /** Whether the certificate's nameConstraints has a uniformResourceIdentifier subtree, permitted or excluded. */
    public static boolean hasUri(X509Certificate ca) {
        byte[] ext = ca.getExtensionValue("2.5.29.30");
        if (ext == null) {
            return false;
        }
        NameConstraints nc;
        try {
            nc = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        } catch (RuntimeException e) {
            return false; // a nameConstraints that does not parse is reported as malformed
        }
        for (GeneralSubtree[] trees : new GeneralSubtree[][]{nc.getPermittedSubtrees(), nc.getExcludedSubtrees()}) {
            for (GeneralSubtree s : trees == null ? new GeneralSubtree[0] : trees) {
                if (s.getBase().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The certificate's constraints, or null when it has none. */
    public static Subtrees read(X509Certificate ca) {
        byte[] ext = ca.getExtensionValue("2.5.29.30");
        if (ext == null) {
            return null;
        }
        NameConstraints nc = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        List<String> pd = new ArrayList<>();
        List<String> pi = new ArrayList<>();
        List<String> ed = new ArrayList<>();
        List<String> ei = new ArrayList<>();
        collect(nc.getPermittedSubtrees(), pd, pi);
        collect(nc.getExcludedSubtrees(), ed, ei);
        return new Subtrees(List.copyOf(pd), List.copyOf(pi), List.copyOf(ed), List.copyOf(ei));
    }

    private static void collect(GeneralSubtree[] subtrees, List<String> dns, List<String> ips) {
        if (subtrees == null) {
            return;
        }
        for (GeneralSubtree s : subtrees) {
            GeneralName n = s.getBase();
            if (n.getTagNo() == GeneralName.dNSName) {
                dns.add(n.getName().toString());
            } else if (n.getTagNo() == GeneralName.iPAddress) {
                ips.add(cidr(ASN1OctetString.getInstance(n.getName()).getOctets()));
            }
        }
    }

    /** An iPAddress constraint is address bytes followed by mask bytes. */
    private static String cidr(byte[] addressAndMask) {
        int half = addressAndMask.length / 2;
        byte[] addr = new byte[half];
        System.arraycopy(addressAndMask, 0, addr, 0, half);
        int prefix = 0;
        for (int i = half; i < addressAndMask.length; i++) {
            prefix += Integer.bitCount(addressAndMask[i] & 0xff);
        }
        try {
            return InetAddress.getByAddress(addr).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad iPAddress constraint of " + addressAndMask.length + " bytes", e);
        }
    }
}
