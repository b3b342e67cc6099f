package pkilab.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate the lab issued, with its private key.
 *
 * @param caId    the issuing CA's id, or {@code self}
 * @param issuers the issuing CA first, up to and including the root; for a self-signed
 *                certificate, just the certificate itself
 */
public record IssuedCertificate(String caId, X509Certificate certificate, PrivateKey key, List<X509Certificate> issuers) {

    /** What a server should send: the leaf, then the intermediates; never the root. */
    public List<X509Certificate> serverChain() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(certificate);
        if (!selfSigned()) {
            out.addAll(issuers.subList(0, issuers.size() - 1));
        }
        return out;
    }

    public X509Certificate root() {
        return issuers.get(issuers.size() - 1);
    }

    public boolean selfSigned() {
        return issuers.size() == 1 && issuers.get(0).equals(certificate);
    }
}
