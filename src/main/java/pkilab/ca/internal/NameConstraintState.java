package pkilab.ca.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

/**
 * The permitted_subtrees and excluded_subtrees state of RFC 5280 §6.1.2 (b, c): what the CAs
 * above a certificate allow it to name. Each CA's nameConstraints narrows the permitted set
 * (intersection) and widens the excluded one (union); every certificate below is then checked
 * with its subject DN, its email addresses and every subjectAltName — dNSName, iPAddress,
 * directoryName, rfc822Name and URI alike. Bouncy Castle's validator keeps the sets; this
 * class feeds it certificates and words the answers.
 */
public final class NameConstraintState {
    private final PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    private boolean any;

    /** Whether any constraint has been added, so an unconstrained path costs nothing. */
    public boolean constrains() {
        return any;
    }

    /** §6.1.4 (g): narrows the state by a CA's nameConstraints; returns false when it had none. */
    public boolean add(X509Certificate ca) {
        byte[] ext = ca.getExtensionValue("2.5.29.30");
        if (ext == null) {
            return false;
        }
        NameConstraints nc = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        if (nc.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(nc.getPermittedSubtrees());
        }
        if (nc.getExcludedSubtrees() != null) {
            for (GeneralSubtree s : nc.getExcludedSubtrees()) {
                validator.addExcludedSubtree(s);
            }
        }
        any = true;
        return true;
    }

    /**
     * §6.1.3 (b, c): the names of one certificate that the state does not allow, each as
     * "dNSName www.example.com". {@code extraDns} are names a client also treats as DNS names
     * (a CN when the certificate has no DNS SAN).
     */
    public List<String> violations(X509Certificate c, Collection<String> extraDns) {
        List<String> out = new ArrayList<>();
        if (!any) {
            return out;
        }
        X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        if (subject.getRDNs().length > 0) {
            try {
                validator.checkPermittedDN(subject);
                validator.checkExcludedDN(subject);
            } catch (NameConstraintValidatorException e) {
                out.add("directoryName " + c.getSubjectX500Principal().getName());
            }
            for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
                String email = IETFUtils.valueToString(rdn.getFirst().getValue());
                check(new GeneralName(GeneralName.rfc822Name, email), out);
            }
        }
        byte[] san = c.getExtensionValue("2.5.29.17");
        if (san != null) {
            try {
                for (GeneralName n : GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets()).getNames()) {
                    check(n, out);
                }
            } catch (RuntimeException e) {
                out.add("a subjectAltName that does not parse (" + e.getMessage() + ")");
            }
        }
        for (String dns : extraDns) {
            check(new GeneralName(GeneralName.dNSName, dns), out);
        }
        return out;
    }

    private void check(GeneralName n, List<String> out) {
        try {
            validator.checkPermitted(n);
            validator.checkExcluded(n);
        } catch (NameConstraintValidatorException | RuntimeException e) {
            String v = ExtensionReader.generalName(n);
            out.add(typeName(n.getTagNo()) + " " + v.substring(v.indexOf(':') + 1));
        }
    }

    private static String typeName(int tag) {
        return switch (tag) {
            case GeneralName.dNSName -> "dNSName";
            case GeneralName.rfc822Name -> "rfc822Name";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "iPAddress";
            case GeneralName.directoryName -> "directoryName";
            default -> "name";
        };
    }
}
