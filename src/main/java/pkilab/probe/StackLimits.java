package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import pkilab.ca.internal.NameConstraintsReader;
import pkilab.scenario.ClientProfile;

/**
 * Refusals that come from a TLS stack's own limits rather than from a rule of RFC 5280: a
 * path the standard accepts and the stack cannot check. Both are measured on Mono 6.8,
 * whose TLS provider checks chains with an old BoringSSL:
 *
 * <ul>
 *   <li>no iPAddress name constraint matching: a certificate with an IP address in its
 *       subjectAltName, below a CA that constrains IP addresses, stops with
 *       {@code X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE}, even for an address the CA permits
 *       ({@code ipNameConstraints: false});</li>
 *   <li>a trusted certificate is an issuer only if its keyUsage (when present) has
 *       keyCertSign: a self-signed server certificate imported as trusted, with keyUsage
 *       digitalSignature and keyEncipherment, is not its own issuer, so the chain ends
 *       nowhere ({@code nonSigningAnchors: false}; Mono reports PartialChain).</li>
 * </ul>
 *
 * Applied after the diagnosis, as findings of their own, to a path the engine built.
 */
public final class StackLimits {
    private StackLimits() {
    }

    /** The result with a finding added for each limit of the profile's stack this path meets. */
    public static DiagnosisResult apply(DiagnosisResult d, ClientProfile p) {
        List<X509Certificate> path = d.path();
        if (path.isEmpty()) {
            return d;
        }
        DiagnosisResult out = d;
        if (!p.ipNameConstraints() && !CertNames.of(path.get(0)).ips.isEmpty() && !out.has(Diagnosis.NAME_CONSTRAINTS)) {
            for (int i = 1; i < path.size(); i++) {
                NameConstraintsReader.Subtrees nc = NameConstraintsReader.read(path.get(i));
                if (nc != null && (!nc.permittedIp().isEmpty() || !nc.excludedIp().isEmpty())) {
                    out = DiagnosisEngine.with(out, Finding.failure(Diagnosis.NAME_CONSTRAINTS, i, path.get(i),
                            "it constrains iPAddress names, and this client cannot match the certificate's IP address "
                                    + CertNames.of(path.get(0)).ips.get(0) + " against them (Mono 6: UNSUPPORTED_CONSTRAINT_TYPE)",
                            "a CA without iPAddress name constraints above a certificate with an IP address",
                            "reach the server by a DNS name on its certificate, or issue it from a CA without iPAddress constraints",
                            null));
                    break;
                }
            }
        }
        X509Certificate anchor = path.get(path.size() - 1);
        boolean[] ku = anchor.getKeyUsage();
        if (!p.nonSigningAnchors() && d.trusted() && ku != null && !ku[5]
                && anchor.getSubjectX500Principal().equals(anchor.getIssuerX500Principal())) {
            Diagnosis why = path.size() == 1 ? Diagnosis.SELF_SIGNED : Diagnosis.UNTRUSTED_ROOT;
            out = DiagnosisEngine.with(out, Finding.failure(why, path.size() - 1, anchor,
                    "it is in the trusted roots, but its keyUsage lacks keyCertSign, so this client does not take it as its own issuer"
                            + " and no path ends in it (Mono 6: PartialChain)",
                    "a trusted root whose keyUsage includes keyCertSign",
                    "give the server a certificate from a CA the client trusts instead of trusting its self-signed certificate",
                    null));
        }
        return out;
    }
}
