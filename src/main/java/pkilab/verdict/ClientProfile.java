package pkilab.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import pkilab.BadInputException;

/**
 * A simulated client machine from {@code scenarios/clients.yaml}: which roots it trusts and
 * how its TLS stack validates a server certificate (REFERENCE §6). The diagnosis engine
 * takes one of these as the policy it judges a chain by.
 *
 * @param id          profile name: email-router, workgroup-pc, java, openssl, browser, strict…
 * @param description one line: which real machine/stack this models
 * @param family      whose error texts the client prints
 * @param trusts      lab CA ids whose certificates are in the client's root store
 *                    ({@code public-root}, {@code enterprise})
 * @param aiaFetch    fetches a missing intermediate from the leaf's AIA caIssuers URL
 * @param revocation  whether it checks CRL/OCSP and what it does when it cannot
 * @param cnFallback  accepts a certificate without SAN when the subject CN matches
 * @param sha1        accepts SHA-1 signatures on certificates below the root
 * @param minRsaBits  smallest RSA key it accepts in the chain
 * @param anchorNameConstraints applies name constraints found in a trusted root certificate
 *                    (Java does not: it ignores constraints in trust anchors)
 * @param tlsVersions protocol versions it offers, e.g. [TLSv1.2, TLSv1.3]
 * @param refusesCiphers kinds of cipher suites it no longer offers ({@link CipherKind}: 3des, static-rsa)
 * @param adds        validator rules this stack applies beyond RFC 5280 §6 ({@link pkilab.verdict.Rule} ids)
 * @param skips       RFC 5280 §6 rules this stack does not apply
 */
public record ClientProfile(
        String id,
        String description,
        Family family,
        List<String> trusts,
        boolean aiaFetch,
        Revocation revocation,
        boolean cnFallback,
        boolean sha1,
        int minRsaBits,
        boolean anchorNameConstraints,
        List<String> tlsVersions,
        List<CipherKind> refusesCiphers,
        List<String> adds,
        List<String> skips) {

    /** The validator rules this profile applies: RFC 5280 §6, plus {@code adds}, minus {@code skips}. */
    public java.util.Set<pkilab.verdict.Rule> rules() {
        return pkilab.verdict.Rule.of(adds, skips);
    }

    /** Whether this profile applies a rule. */
    public boolean applies(pkilab.verdict.Rule r) {
        return rules().contains(r);
    }

    /** Whose vocabulary a client's error messages use. */
    public enum Family {
        DOTNET, JAVA, OPENSSL, GNUTLS, NSS, BROWSER;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Family parse(String s) {
            for (Family f : values()) {
                if (f.id().equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new BadInputException("unknown client family '" + s + "' (expected dotnet, java, openssl, gnutls, nss or browser)");
        }
    }

    /** Revocation checking: off; soft-fail (checks, ignores unreachable responders); hard-fail. */
    public enum Revocation {
        OFF, SOFT, HARD;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Revocation parse(String s) {
            for (Revocation r : values()) {
                if (r.id().equalsIgnoreCase(s)) {
                    return r;
                }
            }
            throw new BadInputException("unknown revocation mode '" + s + "' (expected off, soft or hard)");
        }
    }
}
