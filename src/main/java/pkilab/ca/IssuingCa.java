package pkilab.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A CA of the lab that can sign: its certificate, its private key and the chain above it.
 *
 * @param id      the CA's id in the lab home and in URLs ({@code enterprise}, {@code public}, {@code public-root})
 * @param profile the CA profile it was made from
 * @param chain   this CA's certificate first, then its issuers up to the root
 */
public record IssuingCa(String id, CaProfile profile, X509Certificate certificate, PrivateKey key,
                        List<X509Certificate> chain) {

    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    public boolean isRoot() {
        return chain.size() == 1;
    }
}
