package pkilab.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Lab;
import pkilab.ca.LabHome;
import pkilab.ca.LeafRequest;
import pkilab.ca.internal.OcspClient;
import pkilab.pem.Pem;

/**
 * The client side of mutual TLS in a scenario: the certificate the E-mail Router's service
 * account presents when Exchange asks for one. An IIS site set to "Require client
 * certificates" sends a CertificateRequest naming the CAs it accepts; the client answers with
 * a certificate (extKeyUsage clientAuth) chaining to one of them, or with none. The lab makes
 * the one the scenario's {@code client.presents} names, keeps it in the scenario's folder
 * ({@code client.pem} leaf first, {@code client-key.pem} 0600), and reuses it while it is
 * still what the scenario describes.
 *
 * <pre>
 *   valid     contoso-DC01-CA → CN=CRM Email Router (clientAuth)          accepted
 *   other-ca  Lab Trust Global Root → Lab Trust TLS RSA CA → CN=…         unknown CA to the server
 *   expired   contoso-DC01-CA → CN=… (notAfter yesterday)                 expired
 * </pre>
 */
final class ClientCertificates {
    static final String CERT_FILE = "client.pem";
    static final String KEY_FILE = "client-key.pem";
    private static final String NAME = "emailrouter.contoso.test";

    /** A client certificate with its key, leaf first. */
    record Made(PrivateKey key, List<X509Certificate> chain) {
    }

    private ClientCertificates() {
    }

    /** The root the server checks client certificates against, or null when the scenario asks for none. */
    static X509Certificate acceptedRoot(Lab lab, Scenario s) {
        ServerSide.ClientAuth a = s.server().clientAuth();
        return a == null ? null : lab.ca(a.caId()).root();
    }

    /** The kept certificate when it is still the one the scenario wants, else a new one; null when the client presents none. */
    static Made materialise(Lab lab, Scenario s, Path dir, Instant now) {
        ClientSide.Presents p = s.client().presenting();
        if (s.server().clientAuth() == null || p == ClientSide.Presents.NONE) {
            return null;
        }
        String caId = caOf(s, p);
        Made kept = kept(lab, dir, caId, p, now);
        if (kept != null) {
            return kept;
        }
        LeafRequest r = new LeafRequest().ca(caId).dns(NAME).commonName("CRM Email Router")
                .extKeyUsage(List.of("clientAuth")).keyUsage(List.of("digitalSignature"));
        if (p == ClientSide.Presents.EXPIRED) {
            r.notBefore(now.minus(Duration.ofDays(91))).notAfter(now.minus(Duration.ofDays(1)));
        } else {
            r.notBefore(now.minus(Duration.ofHours(1))).lifetime(Duration.ofDays(90));
        }
        IssuedCertificate c = lab.issue(r);
        List<X509Certificate> chain = new ArrayList<>(c.serverChain());
        LabHome.privateDir(dir);
        LabHome.writeAtomic(dir.resolve(KEY_FILE), Pem.encodeBytes(c.key()), true);
        LabHome.writeAtomic(dir.resolve(CERT_FILE), Pem.encodeBytes(chain.toArray()), false);
        return new Made(c.key(), List.copyOf(chain));
    }

    /** Which lab CA issues it: the accepted one, or for {@code other-ca} the other lab CA. */
    private static String caOf(Scenario s, ClientSide.Presents p) {
        String accepted = s.server().clientAuth().caId();
        return p == ClientSide.Presents.OTHER_CA ? ("public".equals(accepted) ? "enterprise" : "public") : accepted;
    }

    private static Made kept(Lab lab, Path dir, String caId, ClientSide.Presents p, Instant now) {
        try {
            if (!Files.exists(dir.resolve(CERT_FILE)) || !Files.exists(dir.resolve(KEY_FILE))) {
                return null;
            }
            List<X509Certificate> chain = Pem.readCertificates(dir.resolve(CERT_FILE));
            PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
            X509Certificate leaf = chain.get(0);
            boolean expired = now.isAfter(leaf.getNotAfter().toInstant());
            boolean sameCa = leaf.getIssuerX500Principal().equals(lab.ca(caId).certificate().getSubjectX500Principal());
            if (!sameCa || expired != (p == ClientSide.Presents.EXPIRED)
                    || (!expired && now.plus(Duration.ofDays(1)).isAfter(leaf.getNotAfter().toInstant()))) {
                return null;
            }
            leaf.verify(lab.ca(caId).certificate().getPublicKey());
            return new Made(key, chain);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return null;   // damaged, or from a CA that was re-created: made again
        }
    }

    /**
     * The OCSP answer the scenario's server staples: its CA's responder asked about the leaf,
     * as the server would have asked it (RFC 6066 status_request). Made on demand, so it says
     * what the CA's records say now.
     */
    static byte[] staple(Lab lab, Scenario s, List<X509Certificate> fullChain, Instant now) {
        String caId = s.server().issuer() == ServerSide.Issuer.ENTERPRISE ? "enterprise" : "public";
        X509Certificate leaf = fullChain.get(0);
        X509Certificate issuer = fullChain.size() > 1 ? fullChain.get(1) : lab.ca(caId).certificate();
        return lab.ocsp(caId, OcspClient.request(leaf, issuer), now);
    }
}
