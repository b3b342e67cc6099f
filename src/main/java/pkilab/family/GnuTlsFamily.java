package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * GnuTLS ({@code gnutls-cli}, {@code certtool --verify}): verification sets status flags and
 * the client prints every one ({@code - Status: The certificate is NOT trusted. The
 * certificate issuer is unknown. The certificate chain uses expired certificate.}); a
 * handshake that ends on an alert prints {@code Received alert [N]: NAME}. The texts are
 * GnuTLS 3.7's, as gnutls-cli and certtool print them here.
 */
public final class GnuTlsFamily extends ClientFamily {
    /**
     * The handshake, the parsing of the certificates (an unreadable one stops everything:
     * {@code error parsing CRTs}), then the status flags in the order GnuTLS prints them.
     */
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE, MALFORMED, REVOKED,
            SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, NOT_A_CA, WEAK_SIGNATURE, WEAK_KEY, NOT_YET_VALID, EXPIRED,
            BAD_SIGNATURE, HOSTNAME_MISMATCH, NO_SAN, WRONG_USAGE, NAME_CONSTRAINTS, PATH_LENGTH, NON_CONFORMING,
            UNKNOWN_CRITICAL_EXTENSION, POLICY, MUST_STAPLE, REVOCATION_UNKNOWN);

    private static final String NOT_TRUSTED = "The certificate is NOT trusted.";

    private GnuTlsFamily() {
        super(ClientProfile.Family.GNUTLS, ORDER, TABLE, true);
    }

    /** {@code status} (the flags' texts, or the alert received) and {@code exit} (gnutls-cli's: 0 or 1). */
    @Override
    public Map<String, Object> say(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", line(r));
        m.put("exit", r.failures().isEmpty() ? 0 : 1);
        return m;
    }

    @Override
    public String line(DiagnosisResult r) {
        Finding first = reported(r);
        if (first == null) {
            return "The certificate is trusted.";
        }
        String alert = alert(first);
        if (alert != null) {
            return "*** Fatal error: A TLS fatal alert has been received. *** Received alert " + alert;
        }
        if (first.diagnosis() == MALFORMED && !nameConstraint(first)) {
            return "*** Fatal error: Error in the certificate.";
        }
        Set<String> flags = new LinkedHashSet<>();
        for (Diagnosis d : ORDER) {
            if (r.has(d)) {
                String flag = flag(d);
                if (flag != null) {
                    flags.add(flag);
                }
            }
        }
        return NOT_TRUSTED + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
    }

    /** The alert that ends a handshake refused before or beside verification ({@code [N]: its GnuTLS name}); null otherwise. */
    private static String alert(Finding f) {
        return switch (f.diagnosis()) {
            case PROTOCOL -> "[70]: Error in protocol version";
            case CIPHER -> "[40]: Handshake failed";
            case SNI_REQUIRED -> "[112]: The server name sent was not recognized";
            case CLIENT_CERTIFICATE -> switch (OpenSslFamily.alert(f)) {
                case "certificate_required" -> "[116]: Certificate is required";
                case "certificate_expired" -> "[45]: Certificate is expired";
                case "unknown_ca" -> "[48]: CA is unknown";
                case "certificate_unknown" -> "[46]: Unknown certificate";
                case "access_denied" -> "[49]: Access was denied";
                case "bad_certificate" -> "[42]: Certificate is bad";
                default -> "[40]: Handshake failed";
            };
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, HOSTNAME_MISMATCH, EXPIRED, NOT_YET_VALID, REVOKED,
                    REVOCATION_UNKNOWN, WEAK_SIGNATURE, WEAK_KEY, WRONG_USAGE, NOT_A_CA, NAME_CONSTRAINTS, PATH_LENGTH,
                    NO_SAN, BAD_SIGNATURE, MALFORMED, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING, MUST_STAPLE, POLICY -> null;
        };
    }

    /** A name constraint GnuTLS reads but cannot apply: it reports it as a violated constraint, not as a parse error. */
    private static boolean nameConstraint(Finding f) {
        return String.valueOf(f.found()).contains("nameConstraints");
    }

    /** The status flag's text ({@code gnutls_certificate_verification_status_print}); null for a failure no flag reports. */
    private static String flag(Diagnosis d) {
        return switch (d) {
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> "The certificate issuer is unknown.";
            case NOT_A_CA -> "The certificate issuer is not a CA.";
            case WEAK_SIGNATURE, WEAK_KEY -> "The certificate chain uses insecure algorithm.";
            case NOT_YET_VALID -> "The certificate chain uses not yet valid certificate.";
            case EXPIRED -> "The certificate chain uses expired certificate.";
            case BAD_SIGNATURE -> "The signature in the certificate is invalid.";
            case MALFORMED -> "The certificate chain violates the signer's constraints.";
            case HOSTNAME_MISMATCH, NO_SAN -> "The name in the certificate does not match the expected.";
            case WRONG_USAGE -> "The certificate chain does not match the intended purpose.";
            case NAME_CONSTRAINTS, PATH_LENGTH, NON_CONFORMING -> "The certificate chain violates the signer's constraints.";
            // GnuTLS processes no policy: it refuses a critical policyConstraints as unknown (measured)
            case UNKNOWN_CRITICAL_EXTENSION, POLICY -> "The certificate contains an unknown critical extension.";
            case REVOKED -> "The certificate chain is revoked.";
            case MUST_STAPLE -> "The certificate requires the server to include an OCSP status in its response, but the OCSP status is missing.";
            // GnuTLS checks no revocation of its own; the handshake's failures are alerts, not flags
            case REVOCATION_UNKNOWN, PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE -> null;
        };
    }

    /** GnuTLS's certificate status texts ({@code - Status: The certificate is NOT trusted. …}). */
    private static final MessageTable TABLE = new MessageTable(true)
            .add("unknown critical extension", UNKNOWN_CRITICAL_EXTENSION)
            .add("name in the certificate does not match", HOSTNAME_MISMATCH, NO_SAN)
            .add("certificate chain uses expired certificate|certificate has expired", EXPIRED)
            .add("not yet activated|uses not yet valid certificate", NOT_YET_VALID)
            .add("certificate was revoked|has been revoked|chain is revoked", REVOKED)
            // the server's alert about the client's own certificate (45: certificate_expired…)
            .add("Received alert \\[(42|43|44|45|46|48|49|116)\\]", CLIENT_CERTIFICATE)
            .add("insecure algorithm", WEAK_SIGNATURE, WEAK_KEY)
            .add("signature in the certificate is invalid|signature verification failed", BAD_SIGNATURE)
            .add("issuer is not a CA", NOT_A_CA)
            .add("does not match the intended purpose|purpose", WRONG_USAGE)
            .add("violates the signer's constraints|name constraint", NAME_CONSTRAINTS, NOT_A_CA, PATH_LENGTH, MALFORMED, NON_CONFORMING)
            // certtool and gnutls-cli cannot read a certificate (duplicate extension, algorithms that differ, empty issuer)
            .add("error parsing|Duplicate extension|Error in the certificate\\.|requested data were not available", MALFORMED)
            .add("issuer is unknown|signer not found", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN)
            .add("Certificate is required|unknown CA|certificate is bad|Certificate has expired|certificate is unknown"
                    + "|No certificate was found", CLIENT_CERTIFICATE)
            .add("must be stapled|OCSP status|stapl", MUST_STAPLE, REVOKED)
            .add("server name sent was not recognized|unrecognized name", SNI_REQUIRED)
            .add("protocol version|no supported|Could not negotiate", PROTOCOL)
            .add("Handshake failed|handshake failure|no cipher suites|cipher suite", CIPHER, PROTOCOL)
            .otherwise("not trusted", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final GnuTlsFamily INSTANCE = new GnuTlsFamily();
}
