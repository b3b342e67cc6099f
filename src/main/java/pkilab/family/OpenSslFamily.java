package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pkilab.ca.CertNames;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * OpenSSL 3 and the clients that speak through it: {@code openssl s_client} and
 * {@code verify} ({@code verify error:num=N:TEXT}), curl ({@code curl: (60) SSL certificate
 * problem: TEXT}), Python's {@code ssl} module and Node.js ({@code err.code} names such as
 * {@code CERT_HAS_EXPIRED}). A client names the first error its verification meets, so what
 * it says follows {@link #ORDER}; {@code openssl verify} lists every error in that order,
 * and a text is read by the first one it mentions.
 */
public final class OpenSslFamily extends ClientFamily {
    /**
     * The order of OpenSSL 3's checks: the handshake, path building, then check_extensions
     * (invalid, unhandled critical, the -x509_strict rules, CA, path length, purpose), key and
     * digest levels, names, revocation, signatures, times.
     */
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, SELF_SIGNED, UNTRUSTED_ROOT,
            INCOMPLETE_CHAIN, MUST_STAPLE, CLIENT_CERTIFICATE, MALFORMED, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING,
            NOT_A_CA, PATH_LENGTH, WRONG_USAGE, WEAK_KEY, WEAK_SIGNATURE,
            NAME_CONSTRAINTS, POLICY, HOSTNAME_MISMATCH, NO_SAN, REVOKED, REVOCATION_UNKNOWN,
            BAD_SIGNATURE, EXPIRED, NOT_YET_VALID);

    private OpenSslFamily() {
        super(ClientProfile.Family.OPENSSL, ORDER, TABLE, false);
    }

    /** {@code code} (the verify error number; null when the handshake failed before verification), {@code text} and {@code line}. */
    @Override
    public Map<String, Object> say(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Finding f = reported(r);
        if (f == null) {
            m.put("code", 0);
            m.put("text", "ok");
            m.put("line", "Verify return code: 0 (ok)");
            return m;
        }
        String alert = handshakeError(f);
        if (alert != null) {
            // no verification result: the handshake ended on an alert (the reason is OpenSSL's ssl_err.c text)
            m.put("code", null);
            m.put("text", alert);
            m.put("line", "error:" + reasonCode(f) + ":SSL routines::" + alert);
            return m;
        }
        int code = verifyCode(f, r);
        m.put("code", code);
        m.put("text", verifyText(code));
        m.put("line", "verify error:num=" + code + ":" + verifyText(code));
        return m;
    }

    /** What curl prints: its exit code and message. */
    @Override
    public String line(DiagnosisResult r) {
        return (String) curl(r).get("message");
    }

    /**
     * The handshake's own error for a failure decided before or beside the chain (no common
     * version or suite, a refused hello, the server refusing the client's certificate); null
     * for a verification error.
     */
    private static String handshakeError(Finding f) {
        return switch (f.diagnosis()) {
            case PROTOCOL -> "tlsv1 alert protocol version";
            case SNI_REQUIRED -> "tlsv1 unrecognized name";
            case CIPHER -> "sslv3 alert handshake failure";
            // the chain verified; the server's alert ends the connection (TLS 1.3: on the first read)
            case CLIENT_CERTIFICATE -> alertText(alert(f));
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, HOSTNAME_MISMATCH, EXPIRED, NOT_YET_VALID, REVOKED,
                    REVOCATION_UNKNOWN, WEAK_SIGNATURE, WEAK_KEY, WRONG_USAGE, NOT_A_CA, NAME_CONSTRAINTS, PATH_LENGTH,
                    NO_SAN, BAD_SIGNATURE, MALFORMED, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING, MUST_STAPLE, POLICY -> null;
        };
    }

    /** OpenSSL's packed error code for a handshake error ({@code 0A000410}: library SSL, reason 1000 + the alert number). */
    private static String reasonCode(Finding f) {
        int reason = switch (f.diagnosis()) {
            case PROTOCOL -> 0x42E;
            case SNI_REQUIRED -> 0x458;
            case CIPHER -> 0x410;
            default -> 1000 + alertNumber(alert(f));
        };
        return "0A000" + Integer.toHexString(reason).toUpperCase(Locale.ROOT);
    }

    /** The verify error number ({@code X509_V_ERR_*}) OpenSSL 3 gives for a failure. */
    private static int verifyCode(Finding f, DiagnosisResult r) {
        return switch (f.diagnosis()) {
            case SELF_SIGNED -> 18;
            case UNTRUSTED_ROOT -> f.found().contains("not sent by the server") ? 20 : 19;
            case INCOMPLETE_CHAIN -> 20;
            case NOT_A_CA -> 79; // X509_V_ERR_INVALID_CA: 24 before OpenSSL 3.0
            case PATH_LENGTH -> 25;
            case WRONG_USAGE -> 26;
            case WEAK_KEY -> f.depth() == 0 ? 66 : 67;
            case WEAK_SIGNATURE -> 68;
            case NAME_CONSTRAINTS -> 47;
            // with policy checking on (-policy_check); by default OpenSSL checks no policy
            case POLICY -> 43;
            case HOSTNAME_MISMATCH, NO_SAN -> CertNames.isIp(r.host()) ? 64 : 62;
            case REVOKED -> 23;
            case REVOCATION_UNKNOWN -> 3;
            case BAD_SIGNATURE -> 7;
            case EXPIRED -> 10;
            case NOT_YET_VALID -> 9;
            // measured: OpenSSL reads a certificate with a duplicate extension, cannot use its key identifiers, and
            // finds no issuer for it
            case MALFORMED -> f.found().contains("signature algorithm inside") ? 7 : f.found().contains("Duplicate extension") ? 20 : 41;
            case UNKNOWN_CRITICAL_EXTENSION -> 34;
            case NON_CONFORMING -> strictCode(f.found());
            // decided in the handshake, not by verification; OpenSSL does not enforce must-staple (GnuTLS and Firefox do)
            case PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE, MUST_STAPLE -> 0;
        };
    }

    /** The code OpenSSL 3's {@code -x509_strict} checks give for a profile rule (x509_vfy.c check_extensions). */
    private static int strictCode(String found) {
        if (found.startsWith("no authorityKeyIdentifier")) {
            return 85;
        } else if (found.startsWith("a CA certificate without subjectKeyIdentifier")) {
            return 86;
        } else if (found.startsWith("an empty subject without")) {
            return 84;
        } else if (found.startsWith("an empty subject")) {
            return 88;
        } else if (found.startsWith("basicConstraints of a CA")) {
            return 89;
        } else if (found.startsWith("authorityKeyIdentifier marked")) {
            return 90;
        } else if (found.startsWith("subjectKeyIdentifier marked")) {
            return 91;
        } else if (found.startsWith("a CA certificate without keyUsage")) {
            return 92;
        } else if (found.startsWith("pathLenConstraint")) {
            return 80;
        } else if (found.startsWith("an empty issuer")) {
            return 83;
        }
        return 41;
    }

    /** X509_verify_cert_error_string for the codes pkilab gives. */
    static String verifyText(int code) {
        return switch (code) {
            case 3 -> "unable to get certificate CRL";
            case 7 -> "certificate signature failure";
            case 9 -> "certificate is not yet valid";
            case 10 -> "certificate has expired";
            case 18 -> "self-signed certificate";
            case 19 -> "self-signed certificate in certificate chain";
            case 20 -> "unable to get local issuer certificate";
            case 21 -> "unable to verify the first certificate";
            case 23 -> "certificate revoked";
            case 25 -> "path length constraint exceeded";
            case 26 -> "unsuitable certificate purpose";
            case 34 -> "unhandled critical extension";
            case 41 -> "invalid or inconsistent certificate extension";
            case 42 -> "invalid or inconsistent certificate policy extension";
            case 43 -> "no explicit policy";
            case 47 -> "permitted subtree violation";
            case 62 -> "hostname mismatch";
            case 64 -> "IP address mismatch";
            case 66 -> "EE certificate key too weak";
            case 67 -> "CA certificate key too weak";
            case 68 -> "CA signature digest algorithm too weak";
            case 79 -> "invalid CA certificate";
            // the -x509_strict checks (measured with OpenSSL 3.0: the numbers follow X509_V_ERR_* in x509_vfy.h)
            case 80 -> "Path length invalid for non-CA cert";
            case 83 -> "Issuer name empty";
            case 84 -> "Subject name empty";
            case 85 -> "Missing Authority Key Identifier";
            case 86 -> "Missing Subject Key Identifier";
            case 88 -> "Subject empty and Subject Alt Name extension not critical";
            case 89 -> "Basic Constraints of CA cert not marked critical";
            case 90 -> "Authority Key Identifier marked critical";
            case 91 -> "Subject Key Identifier marked critical";
            case 92 -> "CA cert does not include key usage extension";
            default -> "ok";
        };
    }

    /** What curl prints: {@code exit} and {@code message} (empty when it passes). */
    static Map<String, Object> curl(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> o = INSTANCE.say(r);
        Integer code = (Integer) o.get("code");
        if (code != null && code == 0) {
            m.put("exit", 0);
            m.put("message", "");
            return m;
        }
        if (code == null) {
            m.put("exit", 35);
            m.put("message", "curl: (35) " + o.get("line"));
            return m;
        }
        if (code == 62 || code == 64) {
            CertNames n = CertNames.of(r.path().get(0));
            String host = CertNames.stripBrackets(r.host());
            m.put("exit", 60);
            m.put("message", n.dns.isEmpty() && n.ips.isEmpty()
                    ? "curl: (60) SSL: certificate subject name '" + n.commonName + "' does not match target host name '" + host + "'"
                    : "curl: (60) SSL: no alternative certificate subject name matches target host name '" + host + "'");
            return m;
        }
        int exit = code == 7 ? 35 : 60;
        m.put("exit", exit);
        m.put("message", "curl: (" + exit + ") SSL certificate problem: " + o.get("text"));
        return m;
    }

    /** The TLS alert a {@link Diagnosis#CLIENT_CERTIFICATE} finding names ("… alert certificate_required"), or handshake_failure. */
    static String alert(Finding f) {
        Matcher m = ALERT.matcher(String.valueOf(f.found()));
        return m.find() ? m.group(1) : "handshake_failure";
    }

    private static final Pattern ALERT = Pattern.compile("alert:? ([a-z_]+)");

    /** OpenSSL's reason text for a received alert ({@code ssl_err.c}): "tlsv13 alert certificate required". */
    private static String alertText(String alert) {
        return switch (alert) {
            case "certificate_required" -> "tlsv13 alert certificate required";
            case "unknown_ca" -> "tlsv1 alert unknown ca";
            case "decrypt_error" -> "tlsv1 alert decrypt error";
            case "access_denied" -> "tlsv1 alert access denied";
            default -> "sslv3 alert " + alert.replace('_', ' ');
        };
    }

    /** The alert's number (RFC 8446 §6): OpenSSL's reason code is 1000 plus it. */
    private static int alertNumber(String alert) {
        return switch (alert) {
            case "bad_certificate" -> 42;
            case "unsupported_certificate" -> 43;
            case "certificate_revoked" -> 44;
            case "certificate_expired" -> 45;
            case "certificate_unknown" -> 46;
            case "unknown_ca" -> 48;
            case "access_denied" -> 49;
            case "decrypt_error" -> 51;
            case "certificate_required" -> 116;
            default -> 40;   // handshake_failure
        };
    }

    /**
     * OpenSSL's X509_verify_cert_error_string texts (openssl, curl, Python) and the error
     * codes Node.js puts in {@code err.code} for the same errors, plus curl's own name checks.
     * Error 21 "unable to verify the first certificate" is what a lone leaf whose issuer is
     * unknown gives: a missing intermediate, or a root the client lacks.
     */
    private static final MessageTable TABLE = MessageTable.firstMentioned()
            .add("unhandled critical extension|UNHANDLED_CRITICAL_EXTENSION", UNKNOWN_CRITICAL_EXTENSION)
            // X509_V_ERR_KEYUSAGE_NO_CERTSIGN: an issuer without keyCertSign, the lab's not-a-ca
            .add("key usage does not include certificate signing|KEYUSAGE_NO_CERTSIGN", NOT_A_CA, WRONG_USAGE)
            .add("self[- ]signed certificate in certificate chain|SELF_SIGNED_CERT_IN_CHAIN", UNTRUSTED_ROOT, SELF_SIGNED)
            .add("self[- ]signed certificate|DEPTH_ZERO_SELF_SIGNED_CERT", SELF_SIGNED)
            .add("unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY", UNTRUSTED_ROOT, INCOMPLETE_CHAIN, MALFORMED)
            .add("unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE", INCOMPLETE_CHAIN, UNTRUSTED_ROOT)
            .add("unable to get issuer certificate|UNABLE_TO_GET_ISSUER_CERT\\b", INCOMPLETE_CHAIN, UNTRUSTED_ROOT)
            .add("certificate has expired|CERT_HAS_EXPIRED", EXPIRED)
            .add("certificate is not yet valid|CERT_NOT_YET_VALID", NOT_YET_VALID)
            .add("hostname mismatch|IP address mismatch|ERR_TLS_CERT_ALTNAME_INVALID"
                    + "|no alternative certificate subject name matches|does not match target host name", HOSTNAME_MISMATCH, NO_SAN)
            .add("unsuitable certificate purpose|INVALID_PURPOSE", WRONG_USAGE)
            .add("certificate revoked|CERT_REVOKED", REVOKED)
            .add("unable to get certificate CRL|UNABLE_TO_GET_CRL", REVOCATION_UNKNOWN)
            .add("digest algorithm too weak|CA_MD_TOO_WEAK|md too weak", WEAK_SIGNATURE)
            .add("key too small|key too weak|KEY_TOO_SMALL|ee key too small", WEAK_KEY)
            // code 7 is also what a certificate whose inner and outer signature algorithms differ gives
            .add("certificate signature failure|CERT_SIGNATURE_FAILURE|bad signature", BAD_SIGNATURE, MALFORMED)
            .add("cert info signature and signature algorithm mismatch|SIGNATURE_ALGORITHM_INCONSISTENCY", MALFORMED)
            // -x509_strict: the RFC 5280 profile rules (X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA … CA_CERT_MISSING_KEY_USAGE)
            .add("Key usage keyCertSign invalid for non-CA", WRONG_USAGE, NON_CONFORMING)
            .add("Issuer name empty|Subject name empty", MALFORMED, NON_CONFORMING)
            .add("Path length invalid for non-CA|Path length given without key usage|Missing Authority Key Identifier"
                    + "|Missing Subject Key Identifier|Empty Subject Alternative Name|Subject empty and Subject Alt Name"
                    + "|Basic Constraints of CA cert not marked critical|Key Identifier marked critical"
                    + "|CA cert does not include key usage|requires at least X509v3", NON_CONFORMING)
            // a name constraint OpenSSL cannot apply (an iPAddress constraint of the wrong length)
            .add("unsupported or invalid name syntax|UNSUPPORTED_NAME_SYNTAX", MALFORMED, NAME_CONSTRAINTS)
            // error 41: an extension OpenSSL could not decode, or one breaking the profile
            .add("invalid or inconsistent certificate extension|INVALID_EXTENSION", MALFORMED, NON_CONFORMING)
            .add("no explicit policy|NO_EXPLICIT_POLICY|certificate policy extension|INVALID_POLICY_EXTENSION", POLICY)
            .add("invalid CA certificate|INVALID_CA\\b", NOT_A_CA)
            .add("path length constraint exceeded|PATH_LENGTH_EXCEEDED", PATH_LENGTH)
            .add("subtree violation|SUBTREE_VIOLATION|name constraint", NAME_CONSTRAINTS)
            // the server's alerts about the client's own certificate (mutual TLS); before "handshake failure",
            // which an OpenSSL 1.1 server also sends when a client certificate is missing
            .add("alert certificate required|alert unknown ca|alert bad certificate|alert certificate expired"
                    + "|alert certificate unknown|alert access denied|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", CLIENT_CERTIFICATE)
            .add("unrecognized name|UNRECOGNIZED_NAME", SNI_REQUIRED)
            // "legacy sigalg disallowed": a TLS 1.0/1.1 server signs with MD5-SHA1, which SECLEVEL 1 and up refuse
            .add("unsupported protocol|no protocols available|wrong version number|protocol version|UNSUPPORTED_PROTOCOL"
                    + "|legacy sigalg disallowed", PROTOCOL)
            // handshake_failure is the server's answer to a ClientHello with no suite it accepts
            .add("no cipher match|no shared cipher|no ciphers available|handshake failure|HANDSHAKE_FAILURE", CIPHER, PROTOCOL);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final OpenSslFamily INSTANCE = new OpenSslFamily();
}
