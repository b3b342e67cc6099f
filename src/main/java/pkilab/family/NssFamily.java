package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * NSS, as {@code vfychain} and the libraries of Firefox and Thunderbird report it: one error
 * code with its text ({@code ERROR -8179: Peer's Certificate issuer is not recognized.}).
 * The codes below are what vfychain 3.87 printed for the differential corpus and the lab's
 * chains; Firefox's page shows the same name, except that it calls an untrusted self-signed
 * certificate {@code MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT}. NSS leaves the host name to its
 * caller: the name's code is the TLS layer's.
 */
public final class NssFamily extends ClientFamily {
    /** The handshake, then the chain as mozilla::pkix builds and checks it, then the name. */
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE, MALFORMED, SELF_SIGNED,
            UNTRUSTED_ROOT, INCOMPLETE_CHAIN, NOT_A_CA, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING, BAD_SIGNATURE, WEAK_SIGNATURE,
            WEAK_KEY, EXPIRED, NOT_YET_VALID, PATH_LENGTH, NAME_CONSTRAINTS, POLICY, WRONG_USAGE, REVOKED, REVOCATION_UNKNOWN, MUST_STAPLE,
            HOSTNAME_MISMATCH, NO_SAN);

    /** One NSS error: its number, its name and NSS's text; number and text null where not measured here, the name alone then. */
    private record Code(Integer number, String name, String text) {
        Code(String name) {
            this(null, name, null);
        }

        String line() {
            return number == null ? name : "ERROR " + number + ": " + text;
        }
    }

    private static final Code UNTRUSTED_ISSUER = new Code(-8172, "SEC_ERROR_UNTRUSTED_ISSUER",
            "Peer's certificate issuer has been marked as not trusted by the user.");
    private static final Code UNKNOWN_ISSUER = new Code(-8179, "SEC_ERROR_UNKNOWN_ISSUER", "Peer's Certificate issuer is not recognized.");

    private NssFamily() {
        super(ClientProfile.Family.NSS, ORDER, TABLE, false);
    }

    /** {@code code}, {@code name} and {@code line} ({@code ERROR -8179: …}); code 0 when it passes. */
    @Override
    public Map<String, Object> say(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Finding f = reported(r);
        if (f == null) {
            m.put("code", 0);
            m.put("name", null);
            m.put("line", "Chain is good!");
            return m;
        }
        Code c = code(f);
        m.put("code", c.number());
        m.put("name", c.name());
        m.put("line", c.line());
        return m;
    }

    @Override
    public String line(DiagnosisResult r) {
        return (String) say(r).get("line");
    }

    private static Code code(Finding f) {
        return switch (f.diagnosis()) {
            // a root the server sent (or the self-signed leaf) is found and distrusted; an issuer nobody sent is unknown
            case SELF_SIGNED -> UNTRUSTED_ISSUER;
            case UNTRUSTED_ROOT -> f.found().contains("not sent by the server") ? UNKNOWN_ISSUER : UNTRUSTED_ISSUER;
            // measured: an issuer that is no CA is not taken as an issuer at all
            case INCOMPLETE_CHAIN, NOT_A_CA -> UNKNOWN_ISSUER;
            case EXPIRED, NOT_YET_VALID -> f.depth() == 0
                    ? new Code(-8181, "SEC_ERROR_EXPIRED_CERTIFICATE", "Peer's Certificate has expired.")
                    : new Code(-8162, "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE",
                    "The certificate issuer's certificate has expired. Check your system date and time.");
            case REVOKED -> new Code(-8180, "SEC_ERROR_REVOKED_CERTIFICATE", "Peer's Certificate has been revoked.");
            case REVOCATION_UNKNOWN -> new Code("SEC_ERROR_OCSP_SERVER_ERROR");
            case BAD_SIGNATURE -> new Code(-8182, "SEC_ERROR_BAD_SIGNATURE", "Peer's certificate has an invalid signature.");
            case MALFORMED -> new Code(-8183, "SEC_ERROR_BAD_DER",
                    "Security library: improperly formatted DER-encoded message.");
            case WEAK_SIGNATURE -> new Code(-8016, "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED",
                    "The certificate was signed using a signature algorithm that is disabled because it is not secure.");
            case WEAK_KEY -> new Code("MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE");
            case WRONG_USAGE -> f.found().contains("extendedKeyUsage")
                    ? new Code(-8101, "SEC_ERROR_INADEQUATE_CERT_TYPE", "Certificate type not approved for application.")
                    : new Code(-8102, "SEC_ERROR_INADEQUATE_KEY_USAGE", "Certificate key usage inadequate for attempted operation.");
            case NON_CONFORMING -> new Code(-8101, "SEC_ERROR_INADEQUATE_CERT_TYPE", "Certificate type not approved for application.");
            case NAME_CONSTRAINTS -> new Code(-8080, "SEC_ERROR_CERT_NOT_IN_NAME_SPACE",
                    "The Certifying Authority for this certificate is not permitted to issue a certificate with this name.");
            case PATH_LENGTH -> new Code(-8155, "SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID", "Certificate path length constraint is invalid.");
            // NSS processes no policy: it refuses a critical policyConstraints as unknown (measured)
            case UNKNOWN_CRITICAL_EXTENSION, POLICY -> new Code(-8151, "SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION",
                    "Certificate contains unknown critical extension.");
            case HOSTNAME_MISMATCH, NO_SAN -> new Code(-12276, "SSL_ERROR_BAD_CERT_DOMAIN",
                    "Unable to communicate securely with peer: requested domain name does not match the server's certificate.");
            case MUST_STAPLE -> new Code("MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING");
            case PROTOCOL -> new Code("SSL_ERROR_UNSUPPORTED_VERSION");
            case CIPHER -> new Code(-12286, "SSL_ERROR_NO_CYPHER_OVERLAP", "Cannot communicate securely with peer: no common encryption algorithm(s).");
            case SNI_REQUIRED -> new Code("SSL_ERROR_UNRECOGNIZED_NAME_ALERT");
            case CLIENT_CERTIFICATE -> new Code("SSL_ERROR_BAD_CERT_ALERT");
        };
    }

    /** NSS's codes and texts, as vfychain prints them ({@code ERROR -8179: …}) and as applications name them. */
    private static final MessageTable TABLE = new MessageTable(false)
            .add("-8172|UNTRUSTED_ISSUER|issuer has been marked as not trusted|SELF_SIGNED_CERT", SELF_SIGNED, UNTRUSTED_ROOT)
            // vfychain says this for an issuer that is not a CA too (measured)
            .add("-8179|UNKNOWN_ISSUER|issuer is not recognized", INCOMPLETE_CHAIN, UNTRUSTED_ROOT, NOT_A_CA)
            // NSS says "expired" for a certificate not yet valid too (measured)
            .add("-8181|-8162|EXPIRED_CERTIFICATE|EXPIRED_ISSUER_CERTIFICATE|has expired", EXPIRED, NOT_YET_VALID)
            .add("-8180|REVOKED_CERTIFICATE|has been revoked", REVOKED)
            .add("OCSP_SERVER_ERROR|OCSP_UNKNOWN_CERT|OCSP_OLD_RESPONSE", REVOCATION_UNKNOWN)
            .add("-8182|BAD_SIGNATURE|invalid signature", BAD_SIGNATURE)
            // -8010: the signature algorithms inside and outside the signed part differ
            .add("-8183|-8010|BAD_DER|improperly formatted|does not match the algorithm in its signatureAlgorithm", MALFORMED)
            .add("-8016|SIGNATURE_ALGORITHM_DISABLED|signature algorithm that is disabled", WEAK_SIGNATURE)
            .add("INADEQUATE_KEY_SIZE|INVALID_KEY", WEAK_KEY)
            .add("-8101|INADEQUATE_CERT_TYPE|not approved for application", WRONG_USAGE, NON_CONFORMING)
            .add("-8102|INADEQUATE_KEY_USAGE|key usage inadequate", WRONG_USAGE, NOT_A_CA)
            .add("-8080|CERT_NOT_IN_NAME_SPACE|not permitted to issue a certificate with this name", NAME_CONSTRAINTS, MALFORMED)
            .add("-8155|PATH_LEN_CONSTRAINT_INVALID|path length constraint", PATH_LENGTH)
            .add("-8156|CA_CERT_INVALID|Issuer certificate is invalid", NOT_A_CA)
            .add("-8151|UNKNOWN_CRITICAL_EXTENSION|unknown critical extension", UNKNOWN_CRITICAL_EXTENSION)
            .add("-12276|BAD_CERT_DOMAIN|domain name does not match", HOSTNAME_MISMATCH, NO_SAN)
            .add("REQUIRED_TLS_FEATURE_MISSING", MUST_STAPLE)
            .add("UNRECOGNIZED_NAME", SNI_REQUIRED)
            .add("UNSUPPORTED_VERSION|PROTOCOL_VERSION_ALERT", PROTOCOL)
            .add("-12286|NO_CYPHER_OVERLAP|no common encryption", CIPHER, PROTOCOL)
            .add("BAD_CERT_ALERT|CERTIFICATE_REQUIRED_ALERT|UNKNOWN_CA_ALERT|EXPIRED_CERT_ALERT", CLIENT_CERTIFICATE);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final NssFamily INSTANCE = new NssFamily();
}
