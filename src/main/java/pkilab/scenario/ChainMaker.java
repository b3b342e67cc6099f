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
 *   sha1-intermediate     Lab Trust Global Root → Lab Trust TLS RSA CA SHA1 (signed with SHA-1) → leaf
 *   pathlen-exceeded      Lab Trust Global Root → Lab Trust Policy CA (pathLen 0) → Lab Trust Departmental CA → leaf
 *   client-auth-intermediate  Lab Trust Global Root → Lab Trust Client CA (EKU clientAuth only) → leaf
 *   expired-root          Contoso Legacy Root (ended yesterday; the client imported it) → leaf
 *   cross-signed          Lab Trust Legacy Root (expired) → Lab Trust Global Root (cross-certificate)
 *                         → Lab Trust TLS RSA CA 2026 → leaf; the valid self-signed Global Root is trusted
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
        if (s.server().issuer() == Issuer.CROSS_SIGNED) {
            out.add(KeyType.RSA_2048); // the legacy root that cross-signed the Global Root
        }
        if (s.server().issuer() == Issuer.PATHLEN_EXCEEDED) {
            out.add(KeyType.RSA_2048); // the CA with the path length limit, above the issuing one
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
            case CROSS_SIGNED -> {
                IssuingCa ca = lab.ca("public");
                issuerCert = ca.certificate();
                issuerKey = ca.key();
                issuerId = ca.id();
                recordIn = ca.id();
                above.add(ca.certificate());
                above.addAll(crossSigned(lab, keys.next(), now));
            }
            default -> {
                KeyPair caKey = keys.next();
                X509Certificate caCert = oddIssuer(lab, srv, caKey, keys, now, above);
                issuerCert = caCert;
                issuerKey = caKey.getPrivate();
                issuerId = null;
                above.add(0, caCert);
                // the odd CAs publish nothing: no AIA, CRL or OCSP to point at, except the
                // AD CS issuing CA, whose certificate is where its leaves say
                t.crlDistributionPoints = null;
                t.authorityInfoAccess = srv.issuer() == Issuer.ENTERPRISE_TWO_TIER ? issuingCaAia(s) : null;
            }
        }
        pointers(srv, t);
        if (srv.isCa()) {
            t.basicConstraints = new CertTemplate.BasicConstraints();
            t.basicConstraints.ca = true;
            t.basicConstraints.critical = true;
        }
        if (srv.policies() != null) {
            t.certificatePolicies = new ArrayList<>(srv.policies());
        }
        if (!srv.extensions().isEmpty()) {
            t.extensions = new ArrayList<>(t.extensions == null ? List.of() : t.extensions);
            t.extensions.addAll(srv.extensions());
        }
        if (srv.aia() == ServerSide.Aia.WRONG_ISSUER && t.authorityInfoAccess != null) {
            // a copy-paste mistake seen in the wild: the URL of another CA's certificate
            t.authorityInfoAccess.caIssuers = List.of("{pki}/pki/enterprise.crt");
        }
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
        String cn = srv.emptySubject() ? null : srv.cn() != null ? srv.cn() : !srv.dns().isEmpty() ? srv.dns().get(0) : null;
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

    /**
     * Lab Trust Global Root certified once more, by an older root that has expired: the
     * cross-certificate (same subject and key as the trusted root) and the legacy root above it.
     */
    private static List<X509Certificate> crossSigned(Lab lab, KeyPair legacyKey, Instant now) {
        IssuingCa global = lab.ca("public-root");
        CertTemplate rootT = new CertTemplate();
        rootT.keyUsage = usage(true, "keyCertSign", "cRLSign");
        rootT.basicConstraints = new CertTemplate.BasicConstraints();
        rootT.basicConstraints.ca = true;
        rootT.basicConstraints.critical = true;
        Instant nb = now.minus(Duration.ofDays(20 * 365));
        Instant expired = now.minus(Duration.ofDays(1));
        X509Certificate legacy = Lab.sign(new CertSpec("CN=Lab Trust Legacy Root, O=Lab Trust, C=US", legacyKey.getPublic(), null,
                legacyKey.getPrivate(), SignatureHash.SHA256, Lab.serial(rootT), nb, expired, rootT, List.of(), List.of(), null,
                Lab.DEFAULT_PKI_BASE, null));
        X509Certificate cross = Lab.sign(new CertSpec(global.certificate().getSubjectX500Principal().getName(),
                global.certificate().getPublicKey(), legacy, legacyKey.getPrivate(), SignatureHash.SHA256, Lab.serial(rootT),
                now.minus(Duration.ofDays(5 * 365)), expired, rootT, List.of(), List.of(), null, Lab.DEFAULT_PKI_BASE, null));
        return List.of(cross, legacy);
    }

    /** An issuing CA below Lab Trust Global Root, made from the public profile's intermediate template. */
    private static X509Certificate belowPublicRoot(Lab lab, String subject, KeyPair key, Instant now, SignatureHash sig,
                                                   java.util.function.Consumer<CertTemplate> change, List<X509Certificate> above) {
        IssuingCa root = lab.ca("public-root");
        CertTemplate t = copy(lab.profiles().get("public").intermediate);
        change.accept(t);
        X509Certificate c = Lab.sign(new CertSpec(subject, key.getPublic(), root.certificate(), root.key(), sig, Lab.serial(t),
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(5 * 365)), t, List.of(), List.of(), null,
                pkiBase(lab.profiles().get("public")), root.id()));
        lab.record(root.id(), c);
        above.add(root.certificate());
        return c;
    }

    /**
     * Where AD CS points a leaf for its issuing CA's certificate: LDAP first (only domain members
     * reach it), then the HTTP copy an administrator publishes, which the lab server answers at
     * {@code /aia/SCENARIO.crt}.
     */
    private static CertTemplate.AuthorityInfoAccess issuingCaAia(Scenario s) {
        CertTemplate.AuthorityInfoAccess aia = new CertTemplate.AuthorityInfoAccess();
        aia.caIssuers = List.of("ldap:///CN=contoso-SUB01-CA,CN=AIA,CN=Public%20Key%20Services,CN=Services,CN=Configuration,"
                + "DC=contoso,DC=test?cACertificate?base?objectClass=certificationAuthority", "{pki}" + ServerSide.ISSUING_CA_PATH + s.id() + ".crt");
        return aia;
    }

    /** Makes the CA certificate of an odd issuer and puts the certificates above it into {@code above}. */
    private static X509Certificate oddIssuer(Lab lab, ServerSide srv, KeyPair key, Iterator<KeyPair> keys, Instant now,
                                             List<X509Certificate> above) {
        switch (srv.issuer()) {
            case SHA1_INTERMEDIATE -> {
                return belowPublicRoot(lab, "CN=Lab Trust TLS RSA CA SHA1, O=Lab Trust, C=US", key, now, SignatureHash.SHA1,
                        t -> { }, above);
            }
            case CLIENT_AUTH_INTERMEDIATE -> {
                return belowPublicRoot(lab, "CN=Lab Trust Client Authentication CA, O=Lab Trust, C=US", key, now,
                        SignatureHash.SHA256, t -> {
                            t.extKeyUsage = new CertTemplate.Usage();
                            t.extKeyUsage.critical = false;
                            t.extKeyUsage.values = new ArrayList<>(List.of("clientAuth"));
                        }, above);
            }
            case PATHLEN_EXCEEDED -> {
                KeyPair policyKey = keys.next();
                X509Certificate policy = belowPublicRoot(lab, "CN=Lab Trust Policy CA, O=Lab Trust, C=US", policyKey, now,
                        SignatureHash.SHA256, t -> {
                            t.basicConstraints = new CertTemplate.BasicConstraints();
                            t.basicConstraints.ca = true;
                            t.basicConstraints.critical = true;
                            t.basicConstraints.pathLen = 0;
                        }, above);
                CertTemplate t = copy(lab.profiles().get("public").intermediate);
                t.basicConstraints = new CertTemplate.BasicConstraints();
                t.basicConstraints.ca = true;
                t.basicConstraints.critical = true;
                t.crlDistributionPoints = null;
                t.authorityInfoAccess = null;
                X509Certificate dept = Lab.sign(new CertSpec("CN=Lab Trust Departmental CA, O=Lab Trust, C=US", key.getPublic(),
                        policy, policyKey.getPrivate(), SignatureHash.SHA256, Lab.serial(t), now.minus(Duration.ofDays(30)),
                        now.plus(Duration.ofDays(3 * 365)), t, List.of(), List.of(), null, Lab.DEFAULT_PKI_BASE, null));
                above.add(0, policy);
                return dept;
            }
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
            case ENTERPRISE_TWO_TIER -> {
                return adcsSubordinate(lab, key, now, above, "CN=contoso-SUB01-CA, DC=contoso, DC=test", t -> t.certificatePolicies = null);
            }
            case ENTERPRISE_ISSUANCE_POLICY -> {
                // set up for one issuance policy (CAPolicy.inf [PolicyStatementExtension] and
                // RequireExplicitPolicy=0): the policy, and a critical policyConstraints
                return adcsSubordinate(lab, key, now, above, "CN=contoso-SUB02-CA, DC=contoso, DC=test", t -> {
                    t.certificatePolicies = new ArrayList<>(List.of(Issuer.ISSUANCE_POLICY));
                    CertTemplate.RawExtension constraints = new CertTemplate.RawExtension();
                    constraints.id = "2.5.29.36";
                    constraints.critical = true;
                    constraints.value = "3003800100";   // SEQUENCE { requireExplicitPolicy [0] 0 }
                    constraints.name = "policyConstraints: requireExplicitPolicy 0";
                    t.extensions = new ArrayList<>(List.of(constraints));
                });
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
                boolean expired = srv.issuer() == Issuer.EXPIRED_ROOT;
                String subject = constrained ? "CN=Fabrikam Partner Root, O=Fabrikam, C=US"
                        : expired ? "CN=Contoso Legacy Root, O=Contoso, C=US" : "CN=Contoso Lab Root, O=Contoso, C=US";
                Instant nb = expired ? now.minus(Duration.ofDays(10 * 365)) : now.minus(Duration.ofDays(1));
                Instant na = expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(10 * 365));
                return Lab.sign(new CertSpec(subject, key.getPublic(), null, key.getPrivate(), SignatureHash.SHA256,
                        Lab.serial(t), nb, na, t, List.of(), List.of(), null, Lab.DEFAULT_PKI_BASE, null));
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
        if (srv.revocationUrls() == ServerSide.RevocationUrls.LDAP) {
            // AD CS's default: the CRL is published in Active Directory only, no OCSP
            t.crlDistributionPoints = List.of("ldap:///CN=contoso-DC01-CA,CN=DC01,CN=CDP,CN=Public%20Key%20Services,CN=Services,"
                    + "CN=Configuration,DC=contoso,DC=test?certificateRevocationList?base?objectClass=cRLDistributionPoint");
            if (t.authorityInfoAccess != null) {
                t.authorityInfoAccess.ocsp = new ArrayList<>();
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
            case ENTERPRISE, NOT_A_CA, ENTERPRISE_TWO_TIER, ENTERPRISE_ISSUANCE_POLICY -> lab.profiles().get("enterprise");
            default -> lab.profiles().get("public");
        };
    }

    private static String pkiBase(Lab lab, Scenario s) {
        return pkiBase(profileOf(lab, s));
    }

    private static String pkiBase(CaProfile p) {
        return p.pkiBaseUrl == null ? Lab.DEFAULT_PKI_BASE : p.pkiBaseUrl;
    }

    /**
     * An enterprise issuing CA below contoso-DC01-CA, as AD CS writes a subordinate CA: no path
     * length, usage (86), no EKU; {@code specific} adds what this CA's CAPolicy.inf asked for.
     */
    private static X509Certificate adcsSubordinate(Lab lab, KeyPair key, Instant now, List<X509Certificate> above, String subject,
                                                   java.util.function.Consumer<CertTemplate> specific) {
        IssuingCa ent = lab.ca("enterprise");
        CertTemplate t = copy(lab.profiles().get("public").intermediate);
        t.keyUsage = usage(false, "digitalSignature", "keyCertSign", "cRLSign");
        t.basicConstraints = new CertTemplate.BasicConstraints();
        t.basicConstraints.ca = true;
        t.basicConstraints.critical = true;
        t.extKeyUsage = null;
        specific.accept(t);
        X509Certificate c = Lab.sign(new CertSpec(subject, key.getPublic(), ent.certificate(), ent.key(), SignatureHash.SHA256,
                Lab.serial(t), now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(4 * 365)), t, List.of(), List.of(), null,
                pkiBase(lab.profiles().get("enterprise")), ent.id()));
        lab.record(ent.id(), c);
        above.add(ent.certificate());
        return c;
    }

    private static CertTemplate copy(CertTemplate t) {
        return COPY.convertValue(t, CertTemplate.class);
    }

}
