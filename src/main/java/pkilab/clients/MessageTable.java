package pkilab.clients;

import static pkilab.verdict.Diagnosis.BAD_SIGNATURE;
import static pkilab.verdict.Diagnosis.CIPHER;
import static pkilab.verdict.Diagnosis.EXPIRED;
import static pkilab.verdict.Diagnosis.HOSTNAME_MISMATCH;
import static pkilab.verdict.Diagnosis.INCOMPLETE_CHAIN;
import static pkilab.verdict.Diagnosis.MALFORMED;
import static pkilab.verdict.Diagnosis.NAME_CONSTRAINTS;
import static pkilab.verdict.Diagnosis.NOT_A_CA;
import static pkilab.verdict.Diagnosis.NOT_YET_VALID;
import static pkilab.verdict.Diagnosis.NON_CONFORMING;
import static pkilab.verdict.Diagnosis.NO_SAN;
import static pkilab.verdict.Diagnosis.PATH_LENGTH;
import static pkilab.verdict.Diagnosis.PROTOCOL;
import static pkilab.verdict.Diagnosis.CLIENT_CERTIFICATE;
import static pkilab.verdict.Diagnosis.MUST_STAPLE;
import static pkilab.verdict.Diagnosis.REVOCATION_UNKNOWN;
import static pkilab.verdict.Diagnosis.REVOKED;
import static pkilab.verdict.Diagnosis.SELF_SIGNED;
import static pkilab.verdict.Diagnosis.UNKNOWN_CRITICAL_EXTENSION;
import static pkilab.verdict.Diagnosis.SNI_REQUIRED;
import static pkilab.verdict.Diagnosis.UNTRUSTED_ROOT;
import static pkilab.verdict.Diagnosis.WEAK_KEY;
import static pkilab.verdict.Diagnosis.WEAK_SIGNATURE;
import static pkilab.verdict.Diagnosis.WRONG_USAGE;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import pkilab.verdict.Diagnosis;

/**
 * What each TLS stack's error text means in pkilab's {@link Diagnosis} list (REFERENCE §7).
 * One table per family of messages; the first rule whose pattern occurs in the text wins,
 * so more specific texts come first ("self-signed certificate in certificate chain" before
 * "self-signed certificate"). A rule lists every diagnosis its text is consistent with,
 * most likely first: clients often say one thing for several causes.
 */
final class MessageTable {
    private record Rule(Pattern pattern, List<Diagnosis> diagnoses, boolean fallback) {
    }

    private final List<Rule> rules = new ArrayList<>();
    /** A client that prints every problem it found (GnuTLS's status flags, .NET's chain statuses): every matching rule counts. */
    private final boolean flags;

    private MessageTable(boolean flags) {
        this.flags = flags;
    }

    private MessageTable add(String regex, Diagnosis... diagnoses) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), List.of(diagnoses), false));
        return this;
    }

    /** A rule for a flag table's general words ("NOT trusted"), used only when no specific rule matched. */
    private MessageTable otherwise(String regex, Diagnosis... diagnoses) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), List.of(diagnoses), true));
        return this;
    }

    /**
     * The diagnoses of the first rule matching somewhere in the text, or for a client that
     * prints flags, of every matching rule in the order of the table; empty when none does.
     */
    List<Diagnosis> diagnose(String text) {
        if (text == null) {
            return List.of();
        }
        java.util.LinkedHashSet<Diagnosis> out = new java.util.LinkedHashSet<>();
        for (Rule r : rules) {
            if ((!r.fallback || out.isEmpty()) && r.pattern.matcher(text).find()) {
                if (!flags) {
                    return r.diagnoses;
                }
                out.addAll(r.diagnoses);
            }
        }
        return List.copyOf(out);
    }

    /**
     * OpenSSL's X509_verify_cert_error_string texts (openssl, curl, Python) and the error
     * codes Node.js puts in {@code err.code} for the same errors, plus curl's own name checks.
     * Error 21 "unable to verify the first certificate" is what a lone leaf whose issuer is
     * unknown gives: a missing intermediate, or a root the client lacks.
     */
    static final MessageTable OPENSSL = new MessageTable(false)
            .add("unhandled critical extension|UNHANDLED_CRITICAL_EXTENSION", UNKNOWN_CRITICAL_EXTENSION)
            // X509_V_ERR_KEYUSAGE_NO_CERTSIGN: an issuer without keyCertSign, the lab's not-a-ca
            .add("key usage does not include certificate signing|KEYUSAGE_NO_CERTSIGN", NOT_A_CA, WRONG_USAGE)
            .add("self[- ]signed certificate in certificate chain|SELF_SIGNED_CERT_IN_CHAIN", UNTRUSTED_ROOT, SELF_SIGNED)
            .add("self[- ]signed certificate|DEPTH_ZERO_SELF_SIGNED_CERT", SELF_SIGNED)
            .add("unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY", UNTRUSTED_ROOT, INCOMPLETE_CHAIN)
            .add("unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE", INCOMPLETE_CHAIN, UNTRUSTED_ROOT)
            .add("unable to get issuer certificate|UNABLE_TO_GET_ISSUER_CERT\\b", INCOMPLETE_CHAIN, UNTRUSTED_ROOT)
            .add("certificate has expired|CERT_HAS_EXPIRED", EXPIRED)
            .add("certificate is not yet valid|CERT_NOT_YET_VALID", NOT_YET_VALID)
            .add("hostname mismatch|IP address mismatch|ERR_TLS_CERT_ALTNAME_INVALID"
                    + "|no alternative certificate subject name matches|does not match target host name", HOSTNAME_MISMATCH)
            .add("unsuitable certificate purpose|INVALID_PURPOSE", WRONG_USAGE)
            .add("certificate revoked|CERT_REVOKED", REVOKED)
            .add("unable to get certificate CRL|UNABLE_TO_GET_CRL", REVOCATION_UNKNOWN)
            .add("digest algorithm too weak|CA_MD_TOO_WEAK|md too weak", WEAK_SIGNATURE)
            .add("key too small|key too weak|KEY_TOO_SMALL|ee key too small", WEAK_KEY)
            .add("certificate signature failure|CERT_SIGNATURE_FAILURE|bad signature", BAD_SIGNATURE)
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

    /** GnuTLS's certificate status texts ({@code - Status: The certificate is NOT trusted. …}). */
    static final MessageTable GNUTLS = new MessageTable(true)
            .add("unknown critical extension", UNKNOWN_CRITICAL_EXTENSION)
            .add("name in the certificate does not match", HOSTNAME_MISMATCH)
            .add("certificate chain uses expired certificate|certificate has expired", EXPIRED)
            .add("not yet activated|uses not yet valid certificate", NOT_YET_VALID)
            .add("certificate was revoked|has been revoked|chain is revoked", REVOKED)
            // the server's alert about the client's own certificate (45: certificate_expired…)
            .add("Received alert \\[(42|43|44|45|46|48|49|116)\\]", CLIENT_CERTIFICATE)
            .add("insecure algorithm", WEAK_SIGNATURE, WEAK_KEY)
            .add("signature in the certificate is invalid|signature verification failed", BAD_SIGNATURE)
            .add("issuer is not a CA", NOT_A_CA)
            .add("does not match the intended purpose|purpose", WRONG_USAGE)
            .add("violates the signer's constraints|name constraint", NAME_CONSTRAINTS, NOT_A_CA, PATH_LENGTH)
            .add("issuer is unknown|signer not found", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN)
            .add("Certificate is required|unknown CA|certificate is bad|Certificate has expired|certificate is unknown"
                    + "|No certificate was found", CLIENT_CERTIFICATE)
            .add("must be stapled|OCSP status|stapl", MUST_STAPLE, REVOKED)
            .add("server name sent was not recognized|unrecognized name", SNI_REQUIRED)
            .add("protocol version|no supported|Could not negotiate", PROTOCOL)
            .add("Handshake failed|handshake failure|no cipher suites|cipher suite", CIPHER, PROTOCOL)
            .otherwise("not trusted", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN);

    /** JSSE (SunJSSE with the PKIX trust manager) exception messages, cause chain included. */
    static final MessageTable JAVA = new MessageTable(false)
            .add("No subject alternative (DNS name|names) matching|No name matching|No subject alternative names present",
                    HOSTNAME_MISMATCH, NO_SAN)
            .add("CertificateExpiredException|NotAfter:", EXPIRED)
            .add("CertificateNotYetValidException|NotBefore:", NOT_YET_VALID)
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
            .add("PKIX path building failed|unable to find valid certification path", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN)
            .add("certificate_required|bad_certificate|unknown_ca|certificate_expired|certificate_unknown|access_denied",
                    CLIENT_CERTIFICATE)
            // the server closed on a client it refused before JSSE read the alert (TLS 1.3, measured)
            .add("Broken pipe|Connection reset", CLIENT_CERTIFICATE, PROTOCOL)
            .add("unrecognized_name", SNI_REQUIRED)
            .add("protocol_version|No appropriate protocol", PROTOCOL)
            .add("handshake_failure|no cipher suites in common|No appropriate cipher suite", CIPHER, PROTOCOL);

    /** Chromium's net error names ({@code net::ERR_CERT_…}). */
    static final MessageTable CHROMIUM = new MessageTable(false)
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
            .add("ERR_SSL_UNRECOGNIZED_NAME_ALERT", SNI_REQUIRED)
            .add("ERR_SSL_VERSION_OR_CIPHER_MISMATCH", PROTOCOL, CIPHER)
            .add("ERR_SSL_PROTOCOL_ERROR", PROTOCOL);

    /**
     * .NET's SslPolicyErrors flags and X509ChainStatus names as the .NET client prints them
     * ({@code SslPolicyErrors RemoteCertificateChainErrors; chain PartialChain; …}), and the
     * BoringSSL verify codes Mono 6 cannot map to a chain status (it then fails before the
     * validation callback runs). The name flag comes first: on a name mismatch Mono also
     * lists UntrustedRoot in the chain status although the chain is good. Mono says
     * PartialChain wherever its BoringSSL found no issuer: an unknown root that was not sent,
     * a self-signed certificate, a missing intermediate, an issuer that is not a CA.
     */
    static final MessageTable DOTNET = new MessageTable(true)
            .add("HasNotSupportedCriticalExtension", UNKNOWN_CRITICAL_EXTENSION)
            .add("RemoteCertificateNameMismatch", HOSTNAME_MISMATCH, NO_SAN)
            .add("HasNotPermittedNameConstraint|HasExcludedNameConstraint|PERMITTED_VIOLATION|EXCLUDED_VIOLATION"
                    + "|UNSUPPORTED_CONSTRAINT_TYPE|UNSUPPORTED_NAME_SYNTAX", NAME_CONSTRAINTS)
            .add("NotTimeValid|CERT_HAS_EXPIRED", EXPIRED, NOT_YET_VALID)
            .add("\\bRevoked\\b", REVOKED)
            .add("RevocationStatusUnknown|OfflineRevocation", REVOCATION_UNKNOWN)
            .add("NotValidForUsage", WRONG_USAGE)
            .add("InvalidBasicConstraints|INVALID_CA|PATH_LENGTH_EXCEEDED", NOT_A_CA, PATH_LENGTH)
            .add("HasWeakSignature", WEAK_SIGNATURE, WEAK_KEY)
            .add("NotSignatureValid", BAD_SIGNATURE)
            .add("UntrustedRoot", UNTRUSTED_ROOT, SELF_SIGNED)
            .add("PartialChain", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN, NOT_A_CA)
            // HttpWebRequest's text when the server wanted a client certificate it did not get (or refused it)
            .add("Could not create SSL/TLS secure channel", CLIENT_CERTIFICATE, PROTOCOL)
            // SChannel's SEC_E_ALGORITHM_MISMATCH and Mono's send failure name neither version nor suite
            .add("UNRECOGNIZED_NAME", SNI_REQUIRED)
            .add("SecureChannelFailure|common algorithm|protocol version|unexpected error occurred on a send", PROTOCOL, CIPHER, SNI_REQUIRED,
                    CLIENT_CERTIFICATE)
            .add("HANDSHAKE_FAILURE|NO_SHARED_CIPHER|NO_CIPHER", CIPHER, PROTOCOL);
}
