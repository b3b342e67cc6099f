package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.verdict.Diagnosis;

/**
 * What each client family would print for a diagnosis, from the messages real clients give
 * (REFERENCE §5, §7): the E-mail Router and .NET, Java's JSSE, OpenSSL and curl, and a
 * Chromium-style {@code net::ERR_CERT_*} code. These are emulated — pkilab predicts the text
 * from its findings; it did not run those clients. Each client reports one error, the first
 * its own check order meets, so the choice below follows each stack's order.
 */
public final class ClientMessages {
    /**
     * The order of OpenSSL 3's checks: path building, then check_extensions (invalid, unhandled
     * critical, the -x509_strict rules, CA, path length, purpose), key and digest levels, names,
     * revocation, signatures, times.
     */
    static final List<Diagnosis> OPENSSL_ORDER = List.of(Diagnosis.PROTOCOL, Diagnosis.CIPHER, Diagnosis.SNI_REQUIRED, Diagnosis.SELF_SIGNED, Diagnosis.UNTRUSTED_ROOT,
            Diagnosis.INCOMPLETE_CHAIN, Diagnosis.MUST_STAPLE, Diagnosis.CLIENT_CERTIFICATE, Diagnosis.MALFORMED, Diagnosis.UNKNOWN_CRITICAL_EXTENSION, Diagnosis.NON_CONFORMING,
            Diagnosis.NOT_A_CA, Diagnosis.PATH_LENGTH, Diagnosis.WRONG_USAGE, Diagnosis.WEAK_KEY, Diagnosis.WEAK_SIGNATURE,
            Diagnosis.NAME_CONSTRAINTS, Diagnosis.HOSTNAME_MISMATCH, Diagnosis.NO_SAN, Diagnosis.REVOKED, Diagnosis.REVOCATION_UNKNOWN,
            Diagnosis.BAD_SIGNATURE, Diagnosis.EXPIRED, Diagnosis.NOT_YET_VALID);

    private static final String PKIX_VALIDATION = "PKIX path validation failed: java.security.cert.CertPathValidatorException: ";
    /** JSSE's text when no path to a trusted root can be built (self-signed, untrusted root, missing intermediate). */
    public static final String JSSE_NO_PATH = "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
            + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target";

    private ClientMessages() {
    }

    /** Every family's rendering, keyed dotnet, java, openssl, curl, browser, plus "emulated": true. */
    public static Map<String, Object> render(DiagnosisResult r) {
        List<Finding> failures = r.failures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emulated", true);
        m.put("dotnet", DotNetMessages.render(failures));
        m.put("java", jsse(r));
        m.put("openssl", openssl(r));
        m.put("curl", curl(r));
        m.put("browser", browser(failures));
        return m;
    }

    /** The E-mail Router's status line for this result. */
    public static String emailRouter(DiagnosisResult r) {
        return (String) DotNetMessages.render(r.failures()).get("emailRouter");
    }

    /** The exception a Java 17 client would throw (class and message), or "ok". */
    public static String jsse(DiagnosisResult r) {
        Finding f = first(r.failures(), Diagnosis.PROTOCOL, Diagnosis.CIPHER, Diagnosis.SNI_REQUIRED, Diagnosis.SELF_SIGNED, Diagnosis.UNTRUSTED_ROOT, Diagnosis.INCOMPLETE_CHAIN,
                Diagnosis.MUST_STAPLE, Diagnosis.CLIENT_CERTIFICATE, Diagnosis.WEAK_SIGNATURE, Diagnosis.WEAK_KEY, Diagnosis.BAD_SIGNATURE, Diagnosis.EXPIRED, Diagnosis.NOT_YET_VALID,
                Diagnosis.NOT_A_CA, Diagnosis.PATH_LENGTH, Diagnosis.NAME_CONSTRAINTS, Diagnosis.REVOKED, Diagnosis.REVOCATION_UNKNOWN,
                Diagnosis.WRONG_USAGE, Diagnosis.HOSTNAME_MISMATCH, Diagnosis.NO_SAN, Diagnosis.MALFORMED,
                Diagnosis.UNKNOWN_CRITICAL_EXTENSION, Diagnosis.NON_CONFORMING);
        if (f == null) {
            return "ok";
        }
        X509Certificate c = f.depth() >= 0 && f.depth() < r.path().size() ? r.path().get(f.depth()) : null;
        String ex = "javax.net.ssl.SSLHandshakeException: ";
        return switch (f.diagnosis()) {
            case PROTOCOL -> ex + "Received fatal alert: protocol_version";
            // the server found no suite it shares with the ClientHello and says so with the generic alert
            case CIPHER -> ex + "Received fatal alert: handshake_failure";
            case SNI_REQUIRED -> ex + "Received fatal alert: unrecognized_name";
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> JSSE_NO_PATH;
            case WEAK_SIGNATURE -> ex + PKIX_VALIDATION + "Algorithm constraints check failed on signature algorithm: " + c.getSigAlgName();
            case WEAK_KEY -> ex + PKIX_VALIDATION + "Algorithm constraints check failed on keysize limits: "
                    + CertNamesKey.describe(c) + " used with certificate: " + f.subject();
            case BAD_SIGNATURE -> ex + PKIX_VALIDATION + "signature check failed";
            case MALFORMED -> "javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateParsingException: " + f.found();
            case UNKNOWN_CRITICAL_EXTENSION -> ex + PKIX_VALIDATION + "unrecognized critical extension(s)";
            case NON_CONFORMING -> ex + PKIX_VALIDATION + f.found();
            // the cause (CertificateExpiredException: NotAfter: …) is in the stack trace, not the message
            case EXPIRED, NOT_YET_VALID -> ex + PKIX_VALIDATION + "validity check failed";
            case NOT_A_CA -> ex + PKIX_VALIDATION + "basic constraints check failed: this is not a CA certificate";
            case PATH_LENGTH -> ex + PKIX_VALIDATION + "basic constraints check failed: pathLenConstraint violated - this cert must be the last cert in the certification path";
            case NAME_CONSTRAINTS -> ex + PKIX_VALIDATION + "name constraints check failed";
            case REVOKED -> ex + PKIX_VALIDATION + "Certificate has been revoked, " + f.found().replaceFirst("^revoked at [^,]+, reason (\\S+).*", "reason: $1")
                    + ", authority: " + (c == null ? "?" : c.getIssuerX500Principal().getName());
            case REVOCATION_UNKNOWN -> ex + PKIX_VALIDATION + "Could not determine revocation status";
            case WRONG_USAGE -> ex + "Extended key usage does not permit use for TLS server authentication";
            case HOSTNAME_MISMATCH, NO_SAN -> ex + javaHostMessage(r);
            // the server's alert: in TLS 1.3 it comes after the client's Finished, on the first read
            case CLIENT_CERTIFICATE -> ex + "Received fatal alert: " + alert(f);
            case MUST_STAPLE -> ex + "the certificate requires a stapled OCSP response (TLS Feature status_request) and the server sent none";
        };
    }

    private static String javaHostMessage(DiagnosisResult r) {
        CertNames n = CertNames.of(r.path().get(0));
        String host = CertNames.stripBrackets(r.host());
        if (CertNames.isIp(host)) {
            return n.dns.isEmpty() && n.ips.isEmpty() ? "No subject alternative names present"
                    : "No subject alternative names matching IP address " + host + " found";
        }
        return n.dns.isEmpty() ? "No name matching " + host + " found" : "No subject alternative DNS name matching " + host + " found.";
    }

    private static Map<String, Object> openssl(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Finding f = first(r.failures(), OPENSSL_ORDER.toArray(new Diagnosis[0]));
        if (f == null) {
            m.put("code", 0);
            m.put("text", "ok");
            m.put("line", "Verify return code: 0 (ok)");
            return m;
        }
        if (f.diagnosis() == Diagnosis.PROTOCOL) {
            m.put("code", null);
            m.put("text", "tlsv1 alert protocol version");
            m.put("line", "error:0A00042E:SSL routines::tlsv1 alert protocol version");
            return m;
        }
        if (f.diagnosis() == Diagnosis.SNI_REQUIRED) {
            m.put("code", null);
            m.put("text", "tlsv1 unrecognized name");
            m.put("line", "error:0A000458:SSL routines::tlsv1 unrecognized name");
            return m;
        }
        if (f.diagnosis() == Diagnosis.CIPHER) {
            m.put("code", null);
            m.put("text", "sslv3 alert handshake failure");
            m.put("line", "error:0A000410:SSL routines::sslv3 alert handshake failure");
            return m;
        }
        if (f.diagnosis() == Diagnosis.CLIENT_CERTIFICATE) {
            // the chain verified; the server's alert ends the connection (TLS 1.3: on the first read)
            m.put("code", null);
            m.put("text", opensslAlert(alert(f)));
            m.put("line", "error:0A000" + Integer.toHexString(1000 + alertNumber(alert(f))).toUpperCase(java.util.Locale.ROOT)
                    + ":SSL routines::" + opensslAlert(alert(f)));
            return m;
        }
        int code = opensslCode(f, r);
        m.put("code", code);
        m.put("text", opensslText(code));
        m.put("line", "verify error:num=" + code + ":" + opensslText(code));
        return m;
    }

    private static int opensslCode(Finding f, DiagnosisResult r) {
        boolean leafWeak = f.depth() == 0;
        return switch (f.diagnosis()) {
            case SELF_SIGNED -> 18;
            case UNTRUSTED_ROOT -> f.found().contains("not sent by the server") ? 20 : 19;
            case INCOMPLETE_CHAIN -> 20;
            case NOT_A_CA -> 79; // X509_V_ERR_INVALID_CA: 24 before OpenSSL 3.0
            case PATH_LENGTH -> 25;
            case WRONG_USAGE -> 26;
            case WEAK_KEY -> leafWeak ? 66 : 67;
            case WEAK_SIGNATURE -> 68;
            case NAME_CONSTRAINTS -> 47;
            case HOSTNAME_MISMATCH, NO_SAN -> CertNames.isIp(r.host()) ? 64 : 62;
            case REVOKED -> 23;
            case REVOCATION_UNKNOWN -> 3;
            case BAD_SIGNATURE -> 7;
            case EXPIRED -> 10;
            case NOT_YET_VALID -> 9;
            case PROTOCOL, CIPHER, SNI_REQUIRED -> 0;
            case MALFORMED -> f.found().contains("signature algorithm inside") ? 7 : 41;
            case UNKNOWN_CRITICAL_EXTENSION -> 34;
            case NON_CONFORMING -> strictCode(f.found());
            case CLIENT_CERTIFICATE -> 0;
            case MUST_STAPLE -> 0;   // OpenSSL does not enforce must-staple; gnutls and Firefox do
        };
    }

    /** The code OpenSSL 3's {@code -x509_strict} checks give for a profile rule (x509_vfy.c check_extensions). */
    private static int strictCode(String found) {
        if (found.startsWith("no authorityKeyIdentifier")) {
            return 86;
        } else if (found.startsWith("a CA certificate without subjectKeyIdentifier")) {
            return 87;
        } else if (found.startsWith("an empty subject")) {
            return 89;
        } else if (found.startsWith("basicConstraints of a CA")) {
            return 90;
        } else if (found.startsWith("authorityKeyIdentifier marked")) {
            return 91;
        } else if (found.startsWith("subjectKeyIdentifier marked")) {
            return 92;
        } else if (found.startsWith("a CA certificate without keyUsage")) {
            return 93;
        } else if (found.startsWith("pathLenConstraint")) {
            return 81;
        } else if (found.startsWith("an empty issuer")) {
            return 84;
        }
        return 41;
    }

    static String opensslText(int code) {
        return switch (code) {
            case 3 -> "unable to get certificate CRL";
            case 34 -> "unhandled critical extension";
            case 41 -> "invalid or inconsistent certificate extension";
            case 81 -> "Path length invalid for non-CA cert";
            case 84 -> "Issuer name empty";
            case 86 -> "Missing Authority Key Identifier";
            case 87 -> "Missing Subject Key Identifier";
            case 89 -> "Subject empty and Subject Alt Name extension not critical";
            case 90 -> "Basic Constraints of CA cert not marked critical";
            case 91 -> "Authority Key Identifier marked critical";
            case 92 -> "Subject Key Identifier marked critical";
            case 93 -> "CA cert does not include key usage extension";
            case 7 -> "certificate signature failure";
            case 9 -> "certificate is not yet valid";
            case 10 -> "certificate has expired";
            case 18 -> "self-signed certificate";
            case 19 -> "self-signed certificate in certificate chain";
            case 20 -> "unable to get local issuer certificate";
            case 21 -> "unable to verify the first certificate";
            case 23 -> "certificate revoked";
            case 79 -> "invalid CA certificate";
            case 25 -> "path length constraint exceeded";
            case 26 -> "unsuitable certificate purpose";
            case 47 -> "permitted subtree violation";
            case 62 -> "hostname mismatch";
            case 64 -> "IP address mismatch";
            case 66 -> "EE certificate key too weak";
            case 67 -> "CA certificate key too weak";
            case 68 -> "CA signature digest algorithm too weak";
            default -> "ok";
        };
    }

    private static Map<String, Object> curl(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> o = openssl(r);
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

    private static String browser(List<Finding> failures) {
        if (failures.isEmpty()) {
            return "ok";
        }
        return switch (failures.get(0).diagnosis()) {
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> "net::ERR_CERT_AUTHORITY_INVALID";
            case HOSTNAME_MISMATCH, NO_SAN -> "net::ERR_CERT_COMMON_NAME_INVALID";
            case EXPIRED, NOT_YET_VALID -> "net::ERR_CERT_DATE_INVALID";
            case REVOKED -> "net::ERR_CERT_REVOKED";
            case REVOCATION_UNKNOWN -> "net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION";
            case WEAK_SIGNATURE -> "net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM";
            case WEAK_KEY -> "net::ERR_CERT_WEAK_KEY";
            case NAME_CONSTRAINTS -> "net::ERR_CERT_NAME_CONSTRAINT_VIOLATION";
            case WRONG_USAGE, NOT_A_CA, PATH_LENGTH, BAD_SIGNATURE, MALFORMED, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING ->
                    "net::ERR_CERT_INVALID";
            case PROTOCOL, CIPHER -> "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH";
            case SNI_REQUIRED -> "net::ERR_SSL_UNRECOGNIZED_NAME_ALERT";
            case CLIENT_CERTIFICATE -> "certificate_required".equals(alert(failures.get(0)))
                    ? "net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED" : "net::ERR_BAD_SSL_CLIENT_AUTH_CERT";
            case MUST_STAPLE -> "net::ERR_CERT_INVALID";
        };
    }

    /** The TLS alert a {@link Diagnosis#CLIENT_CERTIFICATE} finding names ("… alert certificate_required"), or handshake_failure. */
    public static String alert(Finding f) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("alert:? ([a-z_]+)").matcher(String.valueOf(f.found()));
        return m.find() ? m.group(1) : "handshake_failure";
    }

    /** OpenSSL's reason text for a received alert ({@code ssl_err.c}): "tlsv13 alert certificate required". */
    static String opensslAlert(String alert) {
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

    private static Finding first(List<Finding> failures, Diagnosis... order) {
        for (Diagnosis d : order) {
            for (Finding f : failures) {
                if (f.diagnosis() == d) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Java's wording of a key in its algorithm-constraints message: "RSA 1024 bit key". */
    private static final class CertNamesKey {
        static String describe(X509Certificate c) {
            return c == null ? "key" : pkilab.ca.CertInfo.keyDescription(c) + " bit key";
        }
    }
}
