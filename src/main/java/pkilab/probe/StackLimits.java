package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import pkilab.ca.CertNames;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Finding;
import pkilab.verdict.Rule;

/**
 * Rules about how one stack finds and accepts a path rather than about a certificate: OpenSSL
 * takes only a self-signed root as a trust anchor (without {@code -partial_chain}), the JDK
 * rebuilds a chain sent out of order with a path builder that stops at 5 intermediates, and
 * Mono's BoringSSL can match no iPAddress name constraint and takes no trusted certificate
 * without keyCertSign as an issuer. Each is a {@link Rule} a profile adds.
 */
final class StackLimits {
    private StackLimits() {
    }

    /** Adds a failure for each limit of the profile's stack that this candidate path meets. */
    static void check(ChainInput in, ClientProfile profile, PathBuilder.Built b, List<Finding> out) {
        List<X509Certificate> path = b.path();
        X509Certificate last = b.last();
        if (b.end() == PathBuilder.End.TRUSTED && profile.applies(Rule.ANCHOR_SELF_SIGNED) && !PathBuilder.selfSigned(last)) {
            out.add(Finding.failure(Diagnosis.INCOMPLETE_CHAIN, path.size() - 1, last, "the trusted certificate "
                            + Finding.subjectOf(last) + " is not a self-signed root, and its issuer "
                            + last.getIssuerX500Principal().getName() + " is not trusted",
                    "a self-signed root in the trust store (this client does not stop at a trusted intermediate)",
                    "trust the root above it, or run the client with partial-chain trust (openssl -partial_chain)", null));
        }
        boolean[] anchorKu = last.getKeyUsage();
        if (b.end() == PathBuilder.End.TRUSTED && profile.applies(Rule.ANCHOR_NEEDS_KEY_CERT_SIGN) && anchorKu != null
                && !anchorKu[5] && PathBuilder.selfIssued(last)) {
            out.add(Finding.failure(path.size() == 1 ? Diagnosis.SELF_SIGNED : Diagnosis.UNTRUSTED_ROOT, path.size() - 1, last,
                    "it is in the trusted roots, but its keyUsage lacks keyCertSign, so this client does not take it as its own"
                            + " issuer and no path ends in it", "a trusted root whose keyUsage includes keyCertSign",
                    "give the server a certificate from a CA the client trusts instead of trusting its self-signed certificate",
                    null));
        }
        if (profile.applies(Rule.IP_NAME_CONSTRAINTS_UNSUPPORTED) && !CertNames.of(path.get(0)).ips.isEmpty()) {
            for (int i = 1; i < path.size(); i++) {
                pkilab.ca.internal.NameConstraintsReader.Subtrees nc = Structures.of(path.get(i)).nameConstraintsError() != null
                        ? null : pkilab.ca.internal.NameConstraintsReader.read(path.get(i));
                if (nc != null && (!nc.permittedIp().isEmpty() || !nc.excludedIp().isEmpty())) {
                    out.add(Finding.failure(Diagnosis.NAME_CONSTRAINTS, i, path.get(i), "it constrains iPAddress names, and this"
                                    + " client cannot match the certificate's IP address " + CertNames.of(path.get(0)).ips.get(0)
                                    + " against them", "a CA without iPAddress name constraints above a certificate with an IP address",
                            "reach the server by a DNS name on its certificate, or issue it from a CA without iPAddress constraints",
                            null));
                    break;
                }
            }
        }
        if (profile.applies(Rule.BUILDER_MAX_5) && !inOrder(in.presented())) {
            long intermediates = path.subList(1, Math.max(1, path.size() - 1)).stream().filter(c -> !PathBuilder.selfIssued(c)).count();
            if (intermediates > 5) {
                out.add(Finding.failure(Diagnosis.INCOMPLETE_CHAIN, 0, path.get(0), "the chain was sent out of order and its path has "
                                + intermediates + " intermediate CAs; this client's path builder stops at 5",
                        "the chain sent in order, leaf first, each certificate followed by its issuer",
                        "configure the server to send the chain in order", null));
            }
        }
    }

    /** Each sent certificate is followed by its issuer, as RFC 8446 §4.4.2 asks. */
    private static boolean inOrder(List<X509Certificate> sent) {
        for (int i = 0; i + 1 < sent.size(); i++) {
            if (!sent.get(i).getIssuerX500Principal().equals(sent.get(i + 1).getSubjectX500Principal())) {
                return false;
            }
        }
        return true;
    }
}
