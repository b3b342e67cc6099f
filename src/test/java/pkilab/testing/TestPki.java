package pkilab.testing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import pkilab.ca.CertSpec;
import pkilab.ca.CertTemplate;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.IssuingCa;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.ca.SignatureHash;
import pkilab.probe.ChainInput;
import pkilab.scenario.ClientProfiles;
import pkilab.server.ExchangeContent;
import pkilab.verdict.ClientProfile;

/**
 * The JVM's shared initialised lab (the public root's RSA 4096 key takes seconds to make, see
 * {@link TestLabs}), quick leaves from it, odd chains the lab's CAs would never issue, the client
 * profiles of {@code scenarios/clients.yaml} and the lab's canned Exchange answers.
 */
public final class TestPki {
    private static final ClientProfiles PROFILES = ClientProfiles.load(Repo.root());

    private TestPki() {
    }

    public static Lab lab() {
        return TestLabs.shared();
    }

    public static IssuedCertificate issue(LeafRequest r) {
        return lab().issue(r);
    }

    /** A leaf for {@code names} from {@code ca} (public, enterprise, self), with a quick EC key. */
    public static IssuedCertificate leaf(String ca, String... names) {
        return issue(new LeafRequest().ca(ca).dns(names).key(KeyType.EC_P256));
    }

    public static X509Certificate root(String id) {
        return ca(id).certificate();
    }

    public static IssuingCa ca(String id) {
        return lab().ca(id);
    }

    /** Lab CA ids by subject, as the CLI passes them to the engine. */
    public static Map<String, String> labCas() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : lab().caIds()) {
            m.put(lab().ca(id).certificate().getSubjectX500Principal().getName(), id);
        }
        return m;
    }

    public static ChainInput input(List<X509Certificate> presented, List<X509Certificate> trusted, String host) {
        return new ChainInput(presented, trusted, host, labCas());
    }

    /** The canned answers the lab's "Exchange" serves, read from {@code server/}. */
    public static ExchangeContent content() {
        return ExchangeContent.load(Repo.root().resolve("server"));
    }

    public static ClientProfile profile(String id) {
        return PROFILES.get(id);
    }

    /** A copy of a profile with one policy changed, for twins that differ in one thing. */
    public static ClientProfile with(ClientProfile p, UnaryOperator<Policy> change) {
        Policy x = change.apply(new Policy(p.aiaFetch(), p.revocation(), p.cnFallback(), p.sha1(), p.minRsaBits(),
                p.anchorNameConstraints(), p.tlsVersions()));
        return new ClientProfile(p.id(), p.description(), p.family(), p.trusts(), x.aia, x.revocation, x.cn, x.sha1,
                x.minRsa, x.anchorNc, x.tls, p.refusesCiphers(), p.adds(), p.skips());
    }

    /** The policy switches of a client profile that twins change one at a time. */
    public record Policy(boolean aia, ClientProfile.Revocation revocation, boolean cn, boolean sha1, int minRsa,
                         boolean anchorNc, List<String> tls) {
        public Policy aia(boolean v) {
            return new Policy(v, revocation, cn, sha1, minRsa, anchorNc, tls);
        }

        public Policy revocation(ClientProfile.Revocation v) {
            return new Policy(aia, v, cn, sha1, minRsa, anchorNc, tls);
        }

        public Policy cn(boolean v) {
            return new Policy(aia, revocation, v, sha1, minRsa, anchorNc, tls);
        }

        public Policy tls(List<String> v) {
            return new Policy(aia, revocation, cn, sha1, minRsa, anchorNc, v);
        }
    }

    /** A CA certificate (CA:TRUE, or CA:FALSE for the not-a-ca case) signed by {@code issuer}. */
    public static Signed caBelow(IssuingCa issuer, String subject, boolean isCa) {
        KeyPair kp = KeyType.RSA_2048.generate();
        CertTemplate t = new CertTemplate();
        t.basicConstraints = new CertTemplate.BasicConstraints();
        t.basicConstraints.ca = isCa;
        t.keyUsage = new CertTemplate.Usage();
        t.keyUsage.critical = true;
        t.keyUsage.values = new ArrayList<>(isCa ? List.of("digitalSignature", "keyCertSign", "cRLSign") : List.of("digitalSignature", "keyEncipherment"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate c = Lab.sign(new CertSpec(subject, kp.getPublic(), issuer.certificate(), issuer.key(), SignatureHash.SHA256,
                Lab.serial(t), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), t, List.of(), List.of(), null,
                Lab.DEFAULT_PKI_BASE, issuer.id()));
        return new Signed(c, kp);
    }

    /** A server certificate for {@code dns}, signed by {@code issuer} with {@code signingKey} (a wrong key makes a bad signature). */
    public static X509Certificate leafBelow(X509Certificate issuer, PrivateKey signingKey, String dns) {
        KeyPair kp = KeyType.RSA_2048.generate();
        CertTemplate t = new CertTemplate();
        t.keyUsage = new CertTemplate.Usage();
        t.keyUsage.critical = true;
        t.keyUsage.values = new ArrayList<>(List.of("digitalSignature", "keyEncipherment"));
        t.extKeyUsage = new CertTemplate.Usage();
        t.extKeyUsage.values = new ArrayList<>(List.of("serverAuth"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Lab.sign(new CertSpec("CN=" + dns, kp.getPublic(), issuer, signingKey, SignatureHash.SHA256, Lab.serial(t),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), t, List.of(dns), List.of(), null,
                Lab.DEFAULT_PKI_BASE, null));
    }

    /** A certificate with the key pair it holds. */
    public record Signed(X509Certificate certificate, KeyPair keys) {
        /** This certificate as an issuing CA, to sign below it. */
        public IssuingCa asCa(String id) {
            return new IssuingCa(id, null, certificate, keys.getPrivate(), List.of(certificate));
        }
    }
}
