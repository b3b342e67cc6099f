package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What a client has in hand when it judges a server: the certificates the server presented
 * (leaf first, in the order sent), the roots the client trusts, and the host name or IP
 * address it asked for (the URL's host, not the address it connected to).
 *
 * @param presented the server's chain, leaf first
 * @param trusted   the client's trusted root certificates
 * @param host      the URL's host: a DNS name, a single-label NetBIOS name, or an IP literal
 * @param labCas    lab CA ids by subject DN (RFC 2253), so fixes can name {@code --ca enterprise};
 *                  empty when the certificates do not come from a lab
 */
public record ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host,
                         Map<String, String> labCas) {
    public ChainInput {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("the server presented no certificate");
        }
        presented = List.copyOf(presented);
        trusted = List.copyOf(trusted);
        labCas = Map.copyOf(labCas);
    }

    public ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host) {
        this(presented, trusted, host, Map.of());
    }

    public X509Certificate leaf() {
        return presented.get(0);
    }

    /** The lab CA id of a certificate's issuer, or null. */
    public String labIssuerId(X509Certificate c) {
        return labCas.get(c.getIssuerX500Principal().getName());
    }
}
