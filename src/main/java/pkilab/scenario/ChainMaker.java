package pkilab.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.naming.ldap.Rdn;
import pkilab.ca.CaProfile;
import pkilab.ca.CaRecords;
import pkilab.ca.CertSpec;
import pkilab.ca.CertTemplate;
import pkilab.ca.IssuingCa;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LabHome;
import pkilab.ca.Names;
import pkilab.ca.SignatureHash;
import pkilab.ca.TimeSpec;
import pkilab.scenario.ServerSide.Issuer;

/**
 * Signs the chain of one scenario: the leaf from the issuing CA's leaf profile with the
 * scenario's overrides, and for the odd issuers the CA certificate they need:
 *
 * <pre>
 *   expired-intermediate  Lab Trust Global Root → Lab Trust TLS RSA CA 2019 (expired yesterday) → leaf
 *   not-a-ca              contoso-DC01-CA → web01.contoso.test (CA:FALSE) → leaf
 *   untrusted-root        Contoso Lab Root (private, trusted by nobody) → leaf
 *   constrained-root      Fabrikam Partner Root (nameConstraints permitted …) → leaf
 * </pre>
 *
 * Certificates signed by the lab's own CAs are entered into that CA's records, so its CRL
 * and OCSP responder know them.
 */
final class ChainMaker {
    /** Where revocation pointers lead when they must lead nowhere: the discard port on loopback. */
    static final String UNREACHABLE_BASE = "http://127.0.0.1:9";
    private static final ObjectMapper COPY = new ObjectMapper();

    /** A freshly made chain, leaf first, with the leaf's key. */
    record Made(KeyPair leafKey, List<X509Certificate> fullChain) {
    }

    private ChainMaker() {
    }

    /** The keys a scenario needs, in the order {@link #make} takes them: leaf first, then its odd issuer's. */
    static List<KeyType> keysNeeded(Lab lab, Scenario s) {
        List<KeyType> out = new ArrayList<>();
        String k = s.server().key() != null ? s.server().key() : leafTemplate(lab, s).key;
        out.add(KeyType.parse(k == null ? "rsa-2048" : k));
        if (!s.server().issuer().isLabCa() && s.server().issuer() != Issuer.SELF) {
            out.add(KeyType.RSA_2048);
        }
        return out;
    }

    static Made make(Lab lab, Scenario s, Iterator<KeyPair> keys, Instant now) {
        ServerSide srv = s.server();
        KeyPair leafKey = keys.next();
        CertTemplate t = leafTemplate(lab, s);
        List<X509Certificate> above = new ArrayList<>();
        X509Certificate issuerCert;
        java.security.PrivateKey issuerKey;
        String issuerId;
        String recordIn = null;
        switch (srv.issuer()) {
            case SELF -> {
                issuerCert = null;
                issuerKey = leafKey.getPrivate();
                issuerId = null;
            }
            case ENTERPRISE, PUBLIC -> {
                IssuingCa ca = lab.ca(srv.issuer() == Issuer.PUBLIC ? "public" : "enterprise");
                issuerCert = ca.certificate();
                issuerKey = ca.key();
                issuerId = ca.id();
                recordIn = ca.id();
                above.addAll(ca.chain());
            }
            default -> {
                KeyPair caKey = keys.next();
                X509Certificate caCert = oddIssuer(lab, srv, caKey, now, above);
                issuerCert = caCert;
                issuerKey = caKey.getPrivate();
                issuerId = null;
                above.add(0, caCert);
                // the odd CAs publish nothing: no AIA, CRL or OCSP to point at
                t.crlDistributionPoints = null;
                t.authorityInfoAccess = null;
            }
        }
        pointers(srv, t);
        if (srv.keyUsage() != null) {
            CertTemplate.Usage ku = new CertTemplate.Usage();
            ku.critical = t.keyUsage == null || t.keyUsage.critical == null || t.keyUsage.critical;
            ku.values = new ArrayList<>(srv.keyUsage());
            t.keyUsage = ku;
        }
        Instant nb = srv.notBefore() != null ? TimeSpec.instant(srv.notBefore(), now)
                : now.minus(t.backdate == null ? Duration.ofHours(1) : TimeSpec.period(t.backdate));
        Instant na = srv.notAfter() != null ? TimeSpec.instant(srv.notAfter(), now)
                : nb.plus(t.validity == null ? Duration.ofDays(365) : TimeSpec.period(t.validity));
        List<String> dns = srv.noSan() ? List.of() : srv.dns().stream().map(Names::dns).toList();
        List<String> ips = srv.noSan() ? List.of() : srv.ip().stream().map(Names::ip).toList();
        // an address-only leaf has an empty subject, as Lab.issue makes it (see there why)
        String cn = srv.cn() != null ? srv.cn() : !srv.dns().isEmpty() ? srv.dns().get(0) : null;
        SignatureHash sig = SignatureHash.parse(srv.signature() != null ? srv.signature() : t.signature == null ? "sha256" : t.signature);
        X509Certificate leaf = Lab.sign(new CertSpec(cn == null ? "" : "CN=" + Rdn.escapeValue(cn), leafKey.getPublic(), issuerCert, issuerKey,
                sig, Lab.serial(t), nb, na, t, dns, ips, srv.extKeyUsage(), pkiBase(lab, s), issuerId));
        if (recordIn != null) {
            lab.record(recordIn, leaf);
        }
        List<X509Certificate> full = new ArrayList<>();
        full.add(leaf);
        full.addAll(above);
        return new Made(leafKey, List.copyOf(full));
    }

    /** Makes the CA certificate of an odd issuer and puts the certificates above it into {@code above}. */
    private static X509Certificate oddIssuer(Lab lab, ServerSide srv, KeyPair key, Instant now, List<X509Certificate> above) {
        switch (srv.issuer()) {
            case EXPIRED_INTERMEDIATE -> {
                IssuingCa root = lab.ca("public-root");
                CertTemplate t = copy(lab.profiles().get("public").intermediate);
                X509Certificate c = Lab.sign(new CertSpec("CN=Lab Trust TLS RSA CA 2019, O=Lab Trust, C=US", key.getPublic(),
                        root.certificate(), root.key(), SignatureHash.SHA256, Lab.serial(t),
                        now.minus(Duration.ofDays(7 * 365)), now.minus(Duration.ofDays(1)), t, List.of(), List.of(), null,
                        pkiBase(lab.profiles().get("public")), root.id()));
                lab.record(root.id(), c);
                above.add(root.certificate());
                return c;
            }
            case NOT_A_CA -> {
                IssuingCa ent = lab.ca("enterprise");
                CertTemplate t = copy(lab.profiles().get("enterprise").leaves.get(lab.profiles().get("enterprise").defaultLeafProfile()));
                CertTemplate.BasicConstraints bc = new CertTemplate.BasicConstraints();
                bc.ca = false;
                bc.critical = true;
                t.basicConstraints = bc;
                X509Certificate c = Lab.sign(new CertSpec("CN=web01.contoso.test", key.getPublic(), ent.certificate(), ent.key(),
                        SignatureHash.SHA256, Lab.serial(t), now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(700)), t,
                        List.of("web01.contoso.test"), List.of(), null, pkiBase(lab.profiles().get("enterprise")), ent.id()));
                lab.record(ent.id(), c);
                above.add(ent.certificate());
                return c;
            }
            default -> {
                boolean constrained = srv.issuer() == Issuer.CONSTRAINED_ROOT;
                CertTemplate t = new CertTemplate();
                t.keyUsage = usage(true, "keyCertSign", "cRLSign");
                t.basicConstraints = new CertTemplate.BasicConstraints();
                t.basicConstraints.ca = true;
                t.basicConstraints.critical = true;
                if (constrained) {
                    t.nameConstraints = Map.of("permitted", srv.permittedNames());
                }
                String subject = constrained ? "CN=Fabrikam Partner Root, O=Fabrikam, C=US" : "CN=Contoso Lab Root, O=Contoso, C=US";
                return Lab.sign(new CertSpec(subject, key.getPublic(), null, key.getPrivate(), SignatureHash.SHA256,
                        Lab.serial(t), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10 * 365)), t,
                        List.of(), List.of(), null, Lab.DEFAULT_PKI_BASE, null));
            }
        }
    }

    /** Adjusts the leaf's CRL and OCSP pointers to the scenario's revocation story. */
    private static void pointers(ServerSide srv, CertTemplate t) {
        switch (srv.revoked()) {
            case CRL -> {
                if (t.authorityInfoAccess != null) {
                    t.authorityInfoAccess.ocsp = new ArrayList<>();
                }
                t.crlDistributionPoints = List.of("{pki}/pki/{ca}.crl");
            }
            case OCSP -> {
                t.crlDistributionPoints = null;
                if (t.authorityInfoAccess == null) {
                    t.authorityInfoAccess = new CertTemplate.AuthorityInfoAccess();
                }
                t.authorityInfoAccess.ocsp = List.of("{pki}/ocsp/{ca}");
            }
            default -> {
            }
        }
        if (srv.revocationUrls() == ServerSide.RevocationUrls.UNREACHABLE) {
            t.crlDistributionPoints = List.of(UNREACHABLE_BASE + "/pki/{ca}.crl");
            if (t.authorityInfoAccess == null) {
                t.authorityInfoAccess = new CertTemplate.AuthorityInfoAccess();
            }
            t.authorityInfoAccess.ocsp = List.of(UNREACHABLE_BASE + "/ocsp/{ca}");
        }
    }

    private static CertTemplate.Usage usage(boolean critical, String... values) {
        CertTemplate.Usage u = new CertTemplate.Usage();
        u.critical = critical;
        u.values = new ArrayList<>(List.of(values));
        return u;
    }

    /** A private copy of the leaf profile the scenario's issuer signs with. */
    static CertTemplate leafTemplate(Lab lab, Scenario s) {
        CaProfile p = profileOf(lab, s);
        return copy(p.leaves.get(p.defaultLeafProfile()));
    }

    private static CaProfile profileOf(Lab lab, Scenario s) {
        return switch (s.server().issuer()) {
            case SELF -> lab.profiles().all().stream().filter(CaProfile::selfSigned).findFirst()
                    .orElseThrow(() -> new pkilab.BadInputException("no self-signed leaf profile in ca/"));
            case ENTERPRISE, NOT_A_CA -> lab.profiles().get("enterprise");
            default -> lab.profiles().get("public");
        };
    }

    private static String pkiBase(Lab lab, Scenario s) {
        return pkiBase(profileOf(lab, s));
    }

    private static String pkiBase(CaProfile p) {
        return p.pkiBaseUrl == null ? Lab.DEFAULT_PKI_BASE : p.pkiBaseUrl;
    }

    private static CertTemplate copy(CertTemplate t) {
        return COPY.convertValue(t, CertTemplate.class);
    }

}
