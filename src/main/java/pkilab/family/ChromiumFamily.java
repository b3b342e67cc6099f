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
 * {@code expired-and-wrong-name}: ERR_CERT_COMMON_NAME_INVALID). Its path builder takes a
 * certificate whose signature does not verify, or an issuer it cannot parse, as no issuer at
 * all, so both read as an unknown authority (measured with the differential corpus).
 */
public final class ChromiumFamily extends ClientFamily {
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, MALFORMED, SELF_SIGNED, UNTRUSTED_ROOT,
            INCOMPLETE_CHAIN, BAD_SIGNATURE, HOSTNAME_MISMATCH, NO_SAN, UNKNOWN_CRITICAL_EXTENSION, NOT_A_CA, PATH_LENGTH,
            NAME_CONSTRAINTS, POLICY, NON_CONFORMING, EXPIRED, NOT_YET_VALID, WEAK_SIGNATURE, WEAK_KEY, WRONG_USAGE,
            REVOKED, REVOCATION_UNKNOWN, CLIENT_CERTIFICATE, MUST_STAPLE);

    private ChromiumFamily() {
        super(ClientProfile.Family.BROWSER, ORDER, TABLE, false);
    }

    /** The net error the page shows, or "ok". */
    @Override
    public String say(DiagnosisResult r) {
        Finding f = reported(r);
        if (f == null) {
            return "ok";
        }
        return switch (f.diagnosis()) {
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, BAD_SIGNATURE -> "net::ERR_CERT_AUTHORITY_INVALID";
            case HOSTNAME_MISMATCH, NO_SAN -> "net::ERR_CERT_COMMON_NAME_INVALID";
            case EXPIRED, NOT_YET_VALID -> "net::ERR_CERT_DATE_INVALID";
            case REVOKED -> "net::ERR_CERT_REVOKED";
            case REVOCATION_UNKNOWN -> "net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION";
            case WEAK_SIGNATURE -> "net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM";
            // BoringSSL cannot sign a handshake with an RSA key under 1024 bits: no signature algorithm is left
            case WEAK_KEY -> f.depth() == 0 && rsaBits(f.found()) < 1024 ? "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH" : "net::ERR_CERT_WEAK_KEY";
            case NAME_CONSTRAINTS -> "net::ERR_CERT_NAME_CONSTRAINT_VIOLATION";
            // a keyUsage that does not fit the key exchange is the TLS layer's error, not the verifier's
            case WRONG_USAGE -> f.found().startsWith("keyUsage") ? "net::ERR_SSL_KEY_USAGE_INCOMPATIBLE" : "net::ERR_CERT_INVALID";
            case MALFORMED -> f.depth() > 0 ? "net::ERR_CERT_AUTHORITY_INVALID" : "net::ERR_CERT_INVALID";
            case NOT_A_CA, PATH_LENGTH, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING, MUST_STAPLE, POLICY -> "net::ERR_CERT_INVALID";
            case PROTOCOL, CIPHER -> "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH";
            case SNI_REQUIRED -> "net::ERR_SSL_UNRECOGNIZED_NAME_ALERT";
            case CLIENT_CERTIFICATE -> "certificate_required".equals(OpenSslFamily.alert(f))
                    ? "net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED" : "net::ERR_BAD_SSL_CLIENT_AUTH_CERT";
        };
    }

    private static final java.util.regex.Pattern RSA_BITS = java.util.regex.Pattern.compile("RSA key of (\\d+) bits");

    /** The key size in a weak-key finding ("RSA key of 512 bits"); max when it names none. */
    private static int rsaBits(String found) {
        java.util.regex.Matcher m = RSA_BITS.matcher(String.valueOf(found));
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    @Override
    public String line(DiagnosisResult r) {
        return say(r);
    }

    /** Chromium's net error names ({@code net::ERR_CERT_…}). */
    private static final MessageTable TABLE = new MessageTable(false)
            .add("ERR_CERT_COMMON_NAME_INVALID", HOSTNAME_MISMATCH, NO_SAN)
            .add("ERR_CERT_AUTHORITY_INVALID", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN, BAD_SIGNATURE, MALFORMED)
            .add("ERR_CERT_DATE_INVALID", EXPIRED, NOT_YET_VALID)
            .add("ERR_CERT_REVOKED", REVOKED)
            .add("ERR_CERT_UNABLE_TO_CHECK_REVOCATION|ERR_CERT_NO_REVOCATION_MECHANISM", REVOCATION_UNKNOWN)
            .add("ERR_CERT_WEAK_SIGNATURE_ALGORITHM|ERR_CERT_SHA1", WEAK_SIGNATURE)
            .add("ERR_CERT_WEAK_KEY", WEAK_KEY)
            .add("ERR_CERT_NAME_CONSTRAINT_VIOLATION", NAME_CONSTRAINTS)
            // measured with Chromium 156: a SHA-1 leaf, a clientAuth-only leaf and a name outside
            // the root's name constraints all give this one code
            .add("ERR_CERT_INVALID", BAD_SIGNATURE, WEAK_SIGNATURE, WRONG_USAGE, NAME_CONSTRAINTS, NOT_A_CA, PATH_LENGTH,
                    UNKNOWN_CRITICAL_EXTENSION, MALFORMED, NON_CONFORMING, POLICY)
            .add("ERR_BAD_SSL_CLIENT_AUTH_CERT|ERR_SSL_CLIENT_AUTH_CERT_NEEDED", CLIENT_CERTIFICATE)
            // the driver counts these as a refusal only where the server asked for a certificate Chromium lacks
            .add("ERR_SOCKET_NOT_CONNECTED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED", CLIENT_CERTIFICATE)
            .add("ERR_SSL_UNRECOGNIZED_NAME_ALERT", SNI_REQUIRED)
            .add("ERR_SSL_KEY_USAGE_INCOMPATIBLE", WRONG_USAGE)
            // also what a leaf with an RSA key under 1024 bits gives: BoringSSL has no signature algorithm for it
            .add("ERR_SSL_VERSION_OR_CIPHER_MISMATCH", PROTOCOL, CIPHER, WEAK_KEY)
            .add("ERR_SSL_PROTOCOL_ERROR", PROTOCOL);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final ChromiumFamily INSTANCE = new ChromiumFamily();
}
