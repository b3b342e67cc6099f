package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.util.List;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * Chromium (and Edge, Chrome): one {@code net::ERR_*} code on the interstitial page. The
 * certificate verifier collects every problem; the code shown is the most serious in
 * Chromium's own ranking, which {@link #ORDER} follows: a chain to no trusted root before
 * the name, the name before the dates (measured with Chromium 156 on
 * {@code expired-and-wrong-name}: ERR_CERT_COMMON_NAME_INVALID).
 */
public final class ChromiumFamily extends ClientFamily {
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, MALFORMED, SELF_SIGNED, UNTRUSTED_ROOT,
            INCOMPLETE_CHAIN, HOSTNAME_MISMATCH, NO_SAN, BAD_SIGNATURE, UNKNOWN_CRITICAL_EXTENSION, NOT_A_CA, PATH_LENGTH,
            NAME_CONSTRAINTS, NON_CONFORMING, EXPIRED, NOT_YET_VALID, WEAK_SIGNATURE, WEAK_KEY, WRONG_USAGE,
            REVOKED, REVOCATION_UNKNOWN, CLIENT_CERTIFICATE, MUST_STAPLE);

    private ChromiumFamily() {
        super(ClientProfile.Family.BROWSER, ORDER, TABLE, false);
    }

    /** The net error the page shows, or "ok". */
    @Override
    public String say(DiagnosisResult r) {
        Finding f = ClientFamily.firstFinding(r.failures(), ORDER);
        if (f == null) {
            return "ok";
        }
        return switch (f.diagnosis()) {
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> "net::ERR_CERT_AUTHORITY_INVALID";
            case HOSTNAME_MISMATCH, NO_SAN -> "net::ERR_CERT_COMMON_NAME_INVALID";
            case EXPIRED, NOT_YET_VALID -> "net::ERR_CERT_DATE_INVALID";
            case REVOKED -> "net::ERR_CERT_REVOKED";
            case REVOCATION_UNKNOWN -> "net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION";
            case WEAK_SIGNATURE -> "net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM";
            case WEAK_KEY -> "net::ERR_CERT_WEAK_KEY";
            case NAME_CONSTRAINTS -> "net::ERR_CERT_NAME_CONSTRAINT_VIOLATION";
            case WRONG_USAGE, NOT_A_CA, PATH_LENGTH, BAD_SIGNATURE, MALFORMED, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING, MUST_STAPLE ->
                    "net::ERR_CERT_INVALID";
            case PROTOCOL, CIPHER -> "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH";
            case SNI_REQUIRED -> "net::ERR_SSL_UNRECOGNIZED_NAME_ALERT";
            case CLIENT_CERTIFICATE -> "certificate_required".equals(OpenSslFamily.alert(f))
                    ? "net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED" : "net::ERR_BAD_SSL_CLIENT_AUTH_CERT";
        };
    }

    @Override
    public String line(DiagnosisResult r) {
        return say(r);
    }

    /** Chromium's net error names ({@code net::ERR_CERT_…}). */
    private static final MessageTable TABLE = new MessageTable(false)
            .add("ERR_CERT_COMMON_NAME_INVALID", HOSTNAME_MISMATCH, NO_SAN)
            .add("ERR_CERT_AUTHORITY_INVALID", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN)
            .add("ERR_CERT_DATE_INVALID", EXPIRED, NOT_YET_VALID)
            .add("ERR_CERT_REVOKED", REVOKED)
            .add("ERR_CERT_UNABLE_TO_CHECK_REVOCATION|ERR_CERT_NO_REVOCATION_MECHANISM", REVOCATION_UNKNOWN)
            .add("ERR_CERT_WEAK_SIGNATURE_ALGORITHM|ERR_CERT_SHA1", WEAK_SIGNATURE)
            .add("ERR_CERT_WEAK_KEY", WEAK_KEY)
            .add("ERR_CERT_NAME_CONSTRAINT_VIOLATION", NAME_CONSTRAINTS)
            // measured with Chromium 156: a SHA-1 leaf, a clientAuth-only leaf and a name outside
            // the root's name constraints all give this one code
            .add("ERR_CERT_INVALID", BAD_SIGNATURE, WEAK_SIGNATURE, WRONG_USAGE, NAME_CONSTRAINTS, NOT_A_CA, PATH_LENGTH,
                    UNKNOWN_CRITICAL_EXTENSION, MALFORMED, NON_CONFORMING)
            .add("ERR_BAD_SSL_CLIENT_AUTH_CERT|ERR_SSL_CLIENT_AUTH_CERT_NEEDED", CLIENT_CERTIFICATE)
            // the driver counts these as a refusal only where the server asked for a certificate Chromium lacks
            .add("ERR_SOCKET_NOT_CONNECTED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED", CLIENT_CERTIFICATE)
            .add("ERR_SSL_UNRECOGNIZED_NAME_ALERT", SNI_REQUIRED)
            .add("ERR_SSL_VERSION_OR_CIPHER_MISMATCH", PROTOCOL, CIPHER)
            .add("ERR_SSL_PROTOCOL_ERROR", PROTOCOL);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final ChromiumFamily INSTANCE = new ChromiumFamily();
}
