package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.security.cert.X509Certificate;
import java.util.List;
import pkilab.ca.CertInfo;
import pkilab.ca.CertNames;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * Java 17's JSSE with the PKIX trust manager: an {@code SSLHandshakeException} whose message
 * carries the cause ({@code PKIX path building failed: …}, {@code PKIX path validation
 * failed: … validity check failed}, the endpoint identification's {@code No subject
 * alternative DNS name matching H found.}). The builder fails first when no path reaches a
 * trusted root; the validator's checkers then run in {@link #ORDER}.
 */
public final class JavaFamily extends ClientFamily {
    /** JSSE's text when no path to a trusted root can be built (self-signed, untrusted root, missing intermediate). */
    public static final String NO_PATH = "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
            + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target";

    /**
     * The handshake; the certificate message's parsing (a certificate the JDK cannot read fails
     * there, before any path is built: measured with the differential corpus); path building;
     * the PKIX checkers; the trust manager's usage and name checks.
     */
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, MALFORMED, SELF_SIGNED, UNTRUSTED_ROOT,
            INCOMPLETE_CHAIN, MUST_STAPLE, CLIENT_CERTIFICATE, WEAK_SIGNATURE, WEAK_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID,
            NOT_A_CA, PATH_LENGTH, NAME_CONSTRAINTS, POLICY, REVOKED, REVOCATION_UNKNOWN,
            WRONG_USAGE, HOSTNAME_MISMATCH, NO_SAN, UNKNOWN_CRITICAL_EXTENSION, NON_CONFORMING);

    private static final String HANDSHAKE = "javax.net.ssl.SSLHandshakeException: ";
    private static final String PKIX_VALIDATION = "PKIX path validation failed: java.security.cert.CertPathValidatorException: ";

    private JavaFamily() {
        super(ClientProfile.Family.JAVA, ORDER, TABLE, false);
    }

    /** The exception a Java 17 client would throw (class and message), or "ok". */
    @Override
    public String say(DiagnosisResult r) {
        Finding f = reported(r);
        if (f == null) {
            return "ok";
        }
        X509Certificate c = f.depth() >= 0 && f.depth() < r.path().size() ? r.path().get(f.depth()) : null;
        return switch (f.diagnosis()) {
            case PROTOCOL -> HANDSHAKE + "Received fatal alert: protocol_version";
            // the server found no suite it shares with the ClientHello and says so with the generic alert
            case CIPHER -> HANDSHAKE + "Received fatal alert: handshake_failure";
            case SNI_REQUIRED -> HANDSHAKE + "Received fatal alert: unrecognized_name";
            case SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> NO_PATH;
            case WEAK_SIGNATURE -> HANDSHAKE + PKIX_VALIDATION + "Algorithm constraints check failed on signature algorithm: "
                    + (c == null ? "?" : c.getSigAlgName());
            case WEAK_KEY -> HANDSHAKE + PKIX_VALIDATION + "Algorithm constraints check failed on keysize limits: "
                    + (c == null ? "key" : CertInfo.keyDescription(c) + " bit key") + " used with certificate: " + f.subject();
            case BAD_SIGNATURE -> HANDSHAKE + PKIX_VALIDATION + "signature check failed";
            case MALFORMED -> HANDSHAKE + "java.security.cert.CertificateParsingException: " + f.found();
            case UNKNOWN_CRITICAL_EXTENSION -> HANDSHAKE + PKIX_VALIDATION + "unrecognized critical extension(s)";
            case NON_CONFORMING -> HANDSHAKE + PKIX_VALIDATION + f.found();
            // the cause (CertificateExpiredException: NotAfter: …) is in the stack trace, not the message
            case EXPIRED, NOT_YET_VALID -> HANDSHAKE + PKIX_VALIDATION + "validity check failed";
            case NOT_A_CA -> HANDSHAKE + PKIX_VALIDATION + "basic constraints check failed: this is not a CA certificate";
            case PATH_LENGTH -> HANDSHAKE + PKIX_VALIDATION
                    + "basic constraints check failed: pathLenConstraint violated - this cert must be the last cert in the certification path";
            case NAME_CONSTRAINTS -> HANDSHAKE + PKIX_VALIDATION + "name constraints check failed";
            // measured with the differential corpus (PolicyChecker)
            case POLICY -> HANDSHAKE + PKIX_VALIDATION + "non-null policy tree required and policy tree is null";
            case REVOKED -> HANDSHAKE + PKIX_VALIDATION + "Certificate has been revoked, "
                    + f.found().replaceFirst("^revoked at [^,]+, reason (\\S+).*", "reason: $1")
                    + ", authority: " + (c == null ? "?" : c.getIssuerX500Principal().getName());
            case REVOCATION_UNKNOWN -> HANDSHAKE + PKIX_VALIDATION + "Could not determine revocation status";
            case WRONG_USAGE -> HANDSHAKE + "Extended key usage does not permit use for TLS server authentication";
            case HOSTNAME_MISMATCH, NO_SAN -> HANDSHAKE + hostMessage(r);
            // the server's alert: in TLS 1.3 it comes after the client's Finished, on the first read
            case CLIENT_CERTIFICATE -> HANDSHAKE + "Received fatal alert: " + OpenSslFamily.alert(f);
            case MUST_STAPLE -> HANDSHAKE + "the certificate requires a stapled OCSP response (TLS Feature status_request) and the server sent none";
        };
    }

    @Override
    public String line(DiagnosisResult r) {
        return say(r);
    }

    /** The endpoint identification's message (sun.security.util.HostnameChecker). */
    private static String hostMessage(DiagnosisResult r) {
        CertNames n = CertNames.of(r.path().get(0));
        String host = CertNames.stripBrackets(r.host());
        if (CertNames.isIp(host)) {
            return n.dns.isEmpty() && n.ips.isEmpty() ? "No subject alternative names present"
                    : "No subject alternative names matching IP address " + host + " found";
        }
        return n.dns.isEmpty() ? "No name matching " + host + " found" : "No subject alternative DNS name matching " + host + " found.";
    }

    /** JSSE (SunJSSE with the PKIX trust manager) exception messages, cause chain included. */
    private static final MessageTable TABLE = new MessageTable(false)
            // X509CertImpl refuses to read it: duplicate extensions, inner and outer signature algorithms
            // that differ, an empty issuer, an empty subject without a critical SAN, a malformed name constraint
            .add("CertificateParsingException|Signature algorithm mismatch|Duplicate extensions not allowed|Invalid IPAddressName"
                    + "|X.509 Certificate is incomplete|Empty issuer DN", MALFORMED)
            .add("No subject alternative (DNS name|names) matching|No name matching|No subject alternative names present",
                    HOSTNAME_MISMATCH, NO_SAN)
            .add("CertificateExpiredException|NotAfter:", EXPIRED)
            .add("CertificateNotYetValidException|NotBefore:", NOT_YET_VALID)
            // the message without its cause chain
            .add("validity check failed", EXPIRED, NOT_YET_VALID)
            .add("has been revoked", REVOKED)
            .add("Could not determine revocation status|Unable to determine revocation status"
                    + "|does not specify OCSP responder", REVOCATION_UNKNOWN)
            .add("unrecognized critical extension", UNKNOWN_CRITICAL_EXTENSION)
            // the KeyChecker runs before the basic constraints: an issuer without keyCertSign
            .add("CA key usage check failed|keyCertSign bit is not set", NOT_A_CA, WRONG_USAGE)
            .add("Extended key usage does not permit|KeyUsage does not allow|key usage", WRONG_USAGE)
            .add("Algorithm constraints check failed on (signature algorithm|disabled algorithm)", WEAK_SIGNATURE)
            .add("Algorithm constraints check failed on keysize|key size", WEAK_KEY)
            .add("Signature does not match|signature check failed", BAD_SIGNATURE)
            .add("pathLenConstraint|path length", PATH_LENGTH)
            .add("basic constraints check failed|not a CA certificate", NOT_A_CA)
            .add("name constraints", NAME_CONSTRAINTS)
            .add("policy tree|policy constraints|Policy qualifier", POLICY)
            .add("PKIX path building failed|unable to find valid certification path", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN)
            .add("certificate_required|bad_certificate|unknown_ca|certificate_expired|certificate_unknown|access_denied",
                    CLIENT_CERTIFICATE)
            // the server closed on a client it refused before JSSE read the alert (TLS 1.3, measured)
            .add("Broken pipe|Connection reset", CLIENT_CERTIFICATE, PROTOCOL)
            .add("unrecognized_name", SNI_REQUIRED)
            .add("protocol_version|No appropriate protocol", PROTOCOL)
            .add("handshake_failure|no cipher suites in common|No appropriate cipher suite", CIPHER, PROTOCOL);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final JavaFamily INSTANCE = new JavaFamily();
}
