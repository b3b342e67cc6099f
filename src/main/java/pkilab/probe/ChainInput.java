package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.pem.Pem;

/**
 * What a client has in hand when it judges a server: the certificates the server presented
 * (leaf first, in the order sent), the roots the client trusts, and the host name or IP
 * address it asked for (the URL's host, not the address it connected to).
 *
 * <p>A presented certificate that cannot be read at all is kept as its position and the
 * reason ({@code unparsed}): a malformed certificate is a verdict, not bad input. One that
 * only Bouncy Castle's lenient reader accepts is kept with the JDK's refusal
 * ({@code jdkRefusals}), because a Java client refuses it where OpenSSL may not.
 *
 * @param presented the server's chain as read, leaf first (without the unreadable ones)
 * @param trusted   the client's trusted root certificates
 * @param host      the URL's host: a DNS name, a single-label NetBIOS name, or an IP literal
 * @param labCas    lab CA ids by subject DN (RFC 2253), so fixes can name {@code --ca enterprise};
 *                  empty when the certificates do not come from a lab
 * @param unparsed  position in the sent chain (0 = leaf) → why the bytes are no certificate
 * @param jdkRefusals certificates the JDK could not read → its reason
 * @param stapledOcsp the OCSP answer the server stapled to the handshake (DER); empty when the server stapled
 *                  none; null when unknown (a chain read from files, not seen in a handshake)
 */
public record ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host,
                         Map<String, String> labCas, Map<Integer, String> unparsed,
                         Map<X509Certificate, String> jdkRefusals, byte[] stapledOcsp) {
    public ChainInput {
        if (presented.isEmpty() && !unparsed.containsKey(0)) {
            throw new IllegalArgumentException("the server presented no certificate");
        }
        presented = List.copyOf(presented);
        trusted = List.copyOf(trusted);
        labCas = Map.copyOf(labCas);
        unparsed = Map.copyOf(unparsed);
        jdkRefusals = Map.copyOf(jdkRefusals);
    }

    public ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host,
                      Map<String, String> labCas, Map<Integer, String> unparsed, Map<X509Certificate, String> jdkRefusals) {
        this(presented, trusted, host, labCas, unparsed, jdkRefusals, null);
    }

    /** The same input as seen in a handshake whose server stapled {@code ocsp} (empty: nothing stapled). */
    public ChainInput stapled(byte[] ocsp) {
        return new ChainInput(presented, trusted, host, labCas, unparsed, jdkRefusals, ocsp == null ? new byte[0] : ocsp);
    }

    public ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host,
                      Map<String, String> labCas) {
        this(presented, trusted, host, labCas, Map.of(), Map.of());
    }

    public ChainInput(List<X509Certificate> presented, List<X509Certificate> trusted, String host) {
        this(presented, trusted, host, Map.of());
    }

    /** The input for a chain given as DER blocks, leaf first, some of which may be malformed. */
    public static ChainInput ofDer(List<byte[]> chain, List<X509Certificate> trusted, String host, Map<String, String> labCas) {
        List<X509Certificate> presented = new ArrayList<>();
        Map<Integer, String> unparsed = new LinkedHashMap<>();
        Map<X509Certificate, String> refusals = new IdentityHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            Pem.Parsed p = Pem.parseLenient(chain.get(i));
            String keyProblem = p.certificate() == null ? null : keyProblem(p.certificate());
            if (p.certificate() == null) {
                unparsed.put(i, p.jdkRefusal());
            } else if (keyProblem != null) {
                unparsed.put(i, "its public key cannot be read: " + keyProblem);
            } else {
                presented.add(p.certificate());
                if (p.jdkRefusal() != null) {
                    refusals.put(p.certificate(), p.jdkRefusal());
                }
            }
        }
        return new ChainInput(presented, trusted, host, labCas, unparsed, new LinkedHashMap<>(refusals));
    }

    private static String keyProblem(X509Certificate c) {
        try {
            c.getPublicKey().getEncoded();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** Whether the server's own certificate could be read. */
    public boolean hasLeaf() {
        return !unparsed.containsKey(0) && !presented.isEmpty();
    }

    public X509Certificate leaf() {
        return presented.get(0);
    }

    /** The lab CA id of a certificate's issuer, or null. */
    public String labIssuerId(X509Certificate c) {
        return labCas.get(c.getIssuerX500Principal().getName());
    }
}
