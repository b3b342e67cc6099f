package pkilab.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What the scenario's "Exchange" presents: who issued its certificate, the names and validity
 * in it, its key and signature, usages, revocation, and exactly which certificates it sends
 * in the TLS handshake. Everything left out comes from the issuing CA's leaf profile in
 * {@code ca/*.yaml}.
 *
 * @param issuer       who signs the server certificate (see {@link Issuer})
 * @param dns          subjectAltName DNS names, in order (wildcards like {@code *.contoso.test} allowed)
 * @param ip           subjectAltName IP addresses
 * @param cn           subject CN; if unset, the first DNS name, else the first IP
 * @param noSan        leave out the subjectAltName: the names stand in the CN only
 * @param notBefore    start of validity relative to now ({@code -30d}) or absolute; if unset, now minus 1 hour
 * @param notAfter     end of validity relative to now ({@code -1d}, {@code +90d}) or absolute; if unset, the profile's validity
 * @param key          key type ({@code rsa-2048}, {@code rsa-1024}, {@code ec-p256}…); if unset, the profile's
 * @param signature    signature hash ({@code sha256}, {@code sha1}); if unset, the profile's
 * @param keyUsage     keyUsage names replacing the profile's (e.g. {@code [digitalSignature]})
 * @param extKeyUsage  extended key usages replacing the profile's (e.g. {@code [clientAuth]})
 * @param revoked      whether the CA has revoked the certificate, and which pointer the leaf carries
 * @param revocationUrls where the leaf's CRL and OCSP pointers lead
 * @param permittedNames for {@link Issuer#CONSTRAINED_ROOT}: the DNS subtrees the root may vouch for
 * @param sends        the certificates the server sends, in order: {@code leaf}, {@code intermediate}
 *                     (every CA below the root), {@code root}; if unset, the leaf and its intermediates
 * @param isCa         the server's certificate says basicConstraints cA TRUE (a CA certificate used as a server's)
 * @param emptySubject the subject DN is empty; the names stand in a critical subjectAltName only
 * @param policies     certificatePolicies OIDs replacing the profile's (e.g. the EV policy 2.23.140.1.1)
 * @param extensions   extra raw extensions ({@code id}, {@code critical}, {@code value} as hex DER)
 * @param aia          where the leaf's caIssuers URL leads: {@code lab} (its issuer), or {@code wrong-issuer}
 *                     (another CA's certificate)
 * @param tls          the protocol versions and cipher suites the server accepts; if unset, the lab's defaults
 * @param clientAuth   the server asks for a client certificate (mutual TLS) from this CA; unset: it asks for none
 * @param staple       the server staples its CA's OCSP answer for the leaf to the handshake (needs the BoringSSL engine);
 *                     unset: it staples nothing
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServerSide(
        Issuer issuer,
        List<String> dns,
        List<String> ip,
        String cn,
        Boolean noSan,
        String notBefore,
        String notAfter,
        String key,
        String signature,
        List<String> keyUsage,
        List<String> extKeyUsage,
        Revoked revoked,
        RevocationUrls revocationUrls,
        List<String> permittedNames,
        List<ChainPart> sends,
        Boolean isCa,
        Boolean emptySubject,
        List<String> policies,
        List<pkilab.ca.CertTemplate.RawExtension> extensions,
        Aia aia,
        ServerTls tls,
        ClientAuth clientAuth,
        Boolean staple) {

    /** Where the lab server publishes the issuing CA of an {@code enterprise-two-tier} scenario: {@code /aia/SCENARIO.crt}. */
    public static final String ISSUING_CA_PATH = "/aia/";

    public ServerSide {
        // unset stays null (not false), so the material fingerprint of scenarios without them is unchanged
        staple = Boolean.TRUE.equals(staple) ? Boolean.TRUE : null;
        isCa = Boolean.TRUE.equals(isCa);
        emptySubject = Boolean.TRUE.equals(emptySubject);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        aia = aia == null ? Aia.LAB : aia;
        tls = tls == null ? ServerTls.DEFAULT : tls;
        dns = dns == null ? List.of() : List.copyOf(dns);
        ip = ip == null ? List.of() : List.copyOf(ip);
        noSan = Boolean.TRUE.equals(noSan);
        revoked = revoked == null ? Revoked.NONE : revoked;
        revocationUrls = revocationUrls == null ? RevocationUrls.LAB : revocationUrls;
        permittedNames = permittedNames == null ? List.of() : List.copyOf(permittedNames);
        if (sends == null) {
            sends = issuer != null && issuer.hasIntermediate() ? List.of(ChainPart.LEAF, ChainPart.INTERMEDIATE) : List.of(ChainPart.LEAF);
        } else {
            sends = List.copyOf(sends);
        }
    }

    /**
     * Who signs the server certificate. The first three are the article's three kinds of
     * certificates; the others build the odd chains that real deployments end up with.
     */
    public enum Issuer {
        /** The certificate signs itself, as Exchange set-up makes it ({@code ca/exchange-self-signed.yaml}). */
        SELF,
        /** The AD CS enterprise root of contoso.test signs it directly (WebServer template). */
        ENTERPRISE,
        /** The commercial issuing CA "Lab Trust TLS RSA CA" below "Lab Trust Global Root". */
        PUBLIC,
        /** A second issuing CA below Lab Trust Global Root whose own validity ended yesterday. */
        EXPIRED_INTERMEDIATE,
        /** An ordinary server certificate (CA:FALSE) from the enterprise root, whose key then signed this one. */
        NOT_A_CA,
        /** A private root made with a few openssl commands, trusted by no client. */
        UNTRUSTED_ROOT,
        /** A partner's root limited by name constraints to {@code permittedNames}; the client imported it. */
        CONSTRAINED_ROOT,
        /** Lab Trust Global Root → an issuing CA whose own certificate is signed with SHA-1. */
        SHA1_INTERMEDIATE,
        /** Lab Trust Global Root → a CA with pathLenConstraint 0 → a second CA below it → leaf (one CA too many). */
        PATHLEN_EXCEEDED,
        /** Lab Trust Global Root → an issuing CA whose extKeyUsage allows clientAuth only. */
        CLIENT_AUTH_INTERMEDIATE,
        /** A private root whose validity ended yesterday, imported by the client long ago. */
        EXPIRED_ROOT,
        /**
         * The commercial chain, plus a cross-certificate of Lab Trust Global Root signed by an
         * older Lab Trust Legacy Root that expired yesterday (the shape of the AddTrust expiry of 2020).
         */
        CROSS_SIGNED,
        /**
         * A two-tier AD CS: contoso-DC01-CA as the root above an enterprise issuing CA,
         * contoso-SUB01-CA, which signs the leaf. The issuing CA's certificate is published
         * where AD CS puts it (LDAP, and an HTTP copy at {@code {pki}/aia/SCENARIO.crt}).
         */
        ENTERPRISE_TWO_TIER,
        /**
         * A two-tier AD CS whose issuing CA, contoso-SUB02-CA, issues under one issuance policy
         * only: its certificate asserts that policy and a critical policyConstraints
         * requireExplicitPolicy 0, so every certificate below must assert it too (RFC 5280 §6.1).
         */
        ENTERPRISE_ISSUANCE_POLICY;

        /** The issuance policy contoso-SUB02-CA asserts (an AD CS forest OID of the lab's own making). */
        public static final String ISSUANCE_POLICY = "1.3.6.1.4.1.311.21.8.5512345.1234567.1.401";

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static Issuer parse(String s) {
            return Words.parse(Issuer.class, s, "issuer");
        }

        /** Whether a CA stands between the root and the leaf. */
        public boolean hasIntermediate() {
            return this == PUBLIC || this == EXPIRED_INTERMEDIATE || this == NOT_A_CA || this == SHA1_INTERMEDIATE
                    || this == PATHLEN_EXCEEDED || this == CLIENT_AUTH_INTERMEDIATE || this == CROSS_SIGNED
                    || this == ENTERPRISE_TWO_TIER || this == ENTERPRISE_ISSUANCE_POLICY;
        }

        /** Whether the lab's own CA records know the certificate (so it can be revoked and served by CRL/OCSP). */
        public boolean isLabCa() {
            return this == ENTERPRISE || this == PUBLIC || this == CROSS_SIGNED;
        }
    }

    /** Whether the server staples an OCSP answer (RFC 6066 status_request) to its certificate. */
    public boolean staples() {
        return Boolean.TRUE.equals(staple);
    }

    /**
     * Mutual TLS: the server (an IIS site set to "Require client certificates") asks for a
     * client certificate in the handshake and accepts only one that chains to {@code issuer}'s
     * root, is within its validity and allows clientAuth.
     *
     * @param require true: no acceptable certificate, no connection (the default); false: the
     *                server asks, and a client that sends none still gets in
     * @param issuer  the lab CA whose certificates the server accepts ({@code enterprise} or {@code public})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientAuth(Boolean require, Issuer issuer) {
        public ClientAuth {
            require = require == null || require;
        }

        /** The lab CA id of the accepted issuer, as {@code Lab.ca(id)} knows it. */
        public String caId() {
            return issuer == Issuer.PUBLIC ? "public" : "enterprise";
        }
    }

    /** One certificate of the chain, as the {@code sends:} list names it. */
    public enum ChainPart {
        /** The server's own certificate. */
        LEAF,
        /** Every CA certificate between the leaf and the root. */
        INTERMEDIATE,
        /** The self-signed root at the top (clients ignore it or, if they do not trust it, complain). */
        ROOT;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static ChainPart parse(String s) {
            return Words.parse(ChainPart.class, s, "chain part");
        }
    }

    /**
     * Revocation: {@code none} (good, with the profile's CRL and OCSP pointers), {@code crl}
     * (revoked, and the leaf points to the CRL only), {@code ocsp} (revoked, and the leaf points
     * to the OCSP responder only).
     */
    public enum Revoked {
        NONE, CRL, OCSP;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static Revoked parse(String s) {
            return Words.parse(Revoked.class, s, "revocation state");
        }
    }

    /** Where the leaf's AIA caIssuers URL leads: its own issuer's certificate, or another CA's. */
    public enum Aia {
        LAB, WRONG_ISSUER;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static Aia parse(String s) {
            return Words.parse(Aia.class, s, "aia value");
        }
    }

    /**
     * Where the leaf's CRL and OCSP URLs lead: {@code lab} (the lab server's {@code /pki/} and
     * {@code /ocsp/}), {@code unreachable} (a loopback port where nothing answers), or
     * {@code ldap} (AD CS's default: an LDAP CRL distribution point only, no OCSP).
     */
    public enum RevocationUrls {
        LAB, UNREACHABLE, LDAP;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static RevocationUrls parse(String s) {
            return Words.parse(RevocationUrls.class, s, "revocationUrls value");
        }
    }
}
