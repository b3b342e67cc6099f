package pkilab.family;

import static pkilab.verdict.Diagnosis.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * What a .NET client sees (REFERENCE §5): the SslPolicyErrors flags handed to the validation
 * callback, the X509ChainStatus flags with Windows' texts, and the exception messages of .NET
 * Framework (the E-mail Router's) and .NET 5+. The article's two causes give the same text
 * and differ only here: cause 1 is RemoteCertificateChainErrors with UntrustedRoot, cause 2
 * is RemoteCertificateNameMismatch. .NET hands every problem to the callback at once, so
 * the client prints them all; Mono's output ({@code MonoProgram}) reads the same way.
 */
public final class DotNetFamily extends ClientFamily {
    /**
     * The handshake first, then the name (SslPolicyErrors lists it before the chain), then the
     * chain statuses by flag value.
     */
    public static final List<Diagnosis> ORDER = List.of(PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE, HOSTNAME_MISMATCH, NO_SAN,
            EXPIRED, NOT_YET_VALID, REVOKED, BAD_SIGNATURE, WRONG_USAGE, SELF_SIGNED, UNTRUSTED_ROOT, REVOCATION_UNKNOWN,
            MALFORMED, NON_CONFORMING, NOT_A_CA, PATH_LENGTH, NAME_CONSTRAINTS, INCOMPLETE_CHAIN, WEAK_SIGNATURE, WEAK_KEY,
            UNKNOWN_CRITICAL_EXTENSION, POLICY, MUST_STAPLE);

    /** The E-mail Router's line for a certificate it refuses (KB 954584). */
    public static final String ROUTER_TRUST_FAILURE = "Incoming Status: Failure - The underlying connection was closed: "
            + "Could not establish trust relationship for the SSL/TLS secure channel. "
            + "The remote certificate is invalid according to the validation procedure.";
    public static final String ROUTER_SEND_FAILURE = "Incoming Status: Failure - The underlying connection was closed: "
            + "An unexpected error occurred on a send.";
    public static final String ROUTER_SUCCESS = "Incoming Status: Success";

    /** X509ChainStatusFlags with their values and Windows' StatusInformation texts. */
    enum ChainStatus {
        NotTimeValid(1, "A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file."),
        Revoked(4, "The certificate is revoked."),
        NotSignatureValid(8, "The signature of the certificate cannot be verified."),
        NotValidForUsage(16, "The certificate is not valid for the requested usage."),
        UntrustedRoot(32, "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider."),
        RevocationStatusUnknown(64, "The revocation function was unable to check revocation for the certificate."),
        InvalidBasicConstraints(1024, "A certificate's basic constraint extension has not been observed."),
        InvalidExtension(256, "The certificate has an invalid extension."),
        HasNotPermittedNameConstraint(16384, "The certificate has an invalid name. The name is not included in the permitted list or is explicitly excluded."),
        PartialChain(65536, "A certificate chain could not be built to a trusted root authority."),
        HasWeakSignature(1048576, "The certificate has a weak signature."),
        OfflineRevocation(16777216, "The revocation function was unable to check revocation because the revocation server was offline."),
        HasNotSupportedCriticalExtension(134217728, "The certificate does not support a critical extension."),
        // CERT_TRUST_INVALID_POLICY_CONSTRAINTS; the text is Windows' CERT_E_INVALID_POLICY (unverified)
        InvalidPolicyConstraints(512, "The certificate has invalid policy.");

        final int value;
        final String text;

        ChainStatus(int value, String text) {
            this.value = value;
            this.text = text;
        }
    }

    private DotNetFamily() {
        super(ClientProfile.Family.DOTNET, ORDER, TABLE, true);
    }

    /**
     * {@code emailRouter} (the Router's status line), {@code sslPolicyErrors} and
     * {@code chainStatus} (what the validation callback gets), {@code framework} and
     * {@code net5} (the exceptions).
     */
    @Override
    public Map<String, Object> say(DiagnosisResult r) {
        return render(r.failures());
    }

    /** The E-mail Router's status line. */
    @Override
    public String line(DiagnosisResult r) {
        return (String) say(r).get("emailRouter");
    }

    static Set<ChainStatus> chainStatus(List<Finding> failures) {
        Set<ChainStatus> s = EnumSet.noneOf(ChainStatus.class);
        for (Finding f : failures) {
            s.addAll(chainStatus(f.diagnosis()));
        }
        return s;
    }

    /** The X509ChainStatus flags Windows sets for one diagnosis. */
    private static Set<ChainStatus> chainStatus(Diagnosis d) {
        return switch (d) {
            case SELF_SIGNED, UNTRUSTED_ROOT -> EnumSet.of(ChainStatus.UntrustedRoot);
            case INCOMPLETE_CHAIN -> EnumSet.of(ChainStatus.PartialChain);
            case EXPIRED, NOT_YET_VALID -> EnumSet.of(ChainStatus.NotTimeValid);
            case REVOKED -> EnumSet.of(ChainStatus.Revoked);
            case REVOCATION_UNKNOWN -> EnumSet.of(ChainStatus.RevocationStatusUnknown, ChainStatus.OfflineRevocation);
            case WEAK_SIGNATURE, WEAK_KEY -> EnumSet.of(ChainStatus.HasWeakSignature);
            case WRONG_USAGE -> EnumSet.of(ChainStatus.NotValidForUsage);
            case NOT_A_CA, PATH_LENGTH -> EnumSet.of(ChainStatus.InvalidBasicConstraints);
            case NAME_CONSTRAINTS -> EnumSet.of(ChainStatus.HasNotPermittedNameConstraint);
            case BAD_SIGNATURE -> EnumSet.of(ChainStatus.NotSignatureValid);
            case MALFORMED, NON_CONFORMING -> EnumSet.of(ChainStatus.InvalidExtension);
            case UNKNOWN_CRITICAL_EXTENSION -> EnumSet.of(ChainStatus.HasNotSupportedCriticalExtension);
            case POLICY -> EnumSet.of(ChainStatus.InvalidPolicyConstraints);
            // name problems are SslPolicyErrors, not chain status; the handshake's failures never reach validation;
            // must-staple is not enforced by SChannel
            case HOSTNAME_MISMATCH, NO_SAN, PROTOCOL, CIPHER, SNI_REQUIRED, CLIENT_CERTIFICATE, MUST_STAPLE -> EnumSet.noneOf(ChainStatus.class);
        };
    }

    /** SslPolicyErrors names in .NET's ToString() order (by value). */
    static List<String> policyErrors(List<Finding> failures) {
        List<String> out = new ArrayList<>();
        if (failures.stream().anyMatch(f -> f.diagnosis() == HOSTNAME_MISMATCH || f.diagnosis() == NO_SAN)) {
            out.add("RemoteCertificateNameMismatch");
        }
        if (!chainStatus(failures).isEmpty()) {
            out.add("RemoteCertificateChainErrors");
        }
        return out;
    }

    static int policyErrorsValue(List<String> names) {
        return (names.contains("RemoteCertificateNameMismatch") ? 2 : 0) + (names.contains("RemoteCertificateChainErrors") ? 4 : 0);
    }

    static Map<String, Object> render(List<Finding> failures) {
        Map<String, Object> m = new LinkedHashMap<>();
        // no common version, no common cipher suite and a refused hello all end the send before any certificate
        boolean protocol = failures.stream().anyMatch(f -> f.diagnosis() == PROTOCOL || f.diagnosis() == CIPHER
                || f.diagnosis() == SNI_REQUIRED);
        List<String> errors = policyErrors(failures);
        Set<ChainStatus> chain = chainStatus(failures);
        if (!protocol && !failures.isEmpty() && failures.get(0).diagnosis() == CLIENT_CERTIFICATE) {
            // the server's certificate was fine; the server refused the client's (or its absence)
            m.put("emailRouter", "Incoming Status: Failure - The request was aborted: Could not create SSL/TLS secure channel.");
            m.put("framework", "WebException (SecureChannelFailure): The request was aborted: Could not create SSL/TLS secure channel.");
            m.put("net5", "The SSL connection could not be established, see inner exception."
                    + " Inner: Authentication failed because the remote party sent a TLS alert: '" + OpenSslFamily.alert(failures.get(0)) + "'.");
            return m;
        }
        if (protocol) {
            m.put("emailRouter", ROUTER_SEND_FAILURE);
            m.put("framework", "WebException (SendFailure): The underlying connection was closed: An unexpected error occurred on a send."
                    + " Inner: The client and server cannot communicate, because they do not possess a common algorithm.");
            m.put("net5", "The SSL connection could not be established, see inner exception."
                    + " Inner: The client and server cannot communicate, because they do not possess a common algorithm.");
            return m;
        }
        m.put("emailRouter", failures.isEmpty() ? ROUTER_SUCCESS : ROUTER_TRUST_FAILURE);
        m.put("sslPolicyErrors", errors.isEmpty() ? "None" : String.join(", ", errors));
        m.put("sslPolicyErrorsValue", policyErrorsValue(errors));
        List<Map<String, Object>> status = new ArrayList<>();
        for (ChainStatus c : chain) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("flag", c.name());
            s.put("value", c.value);
            s.put("text", c.text);
            status.add(s);
        }
        m.put("chainStatus", status);
        if (failures.isEmpty()) {
            return m;
        }
        m.put("framework", "WebException (TrustFailure): The underlying connection was closed: Could not establish trust relationship"
                + " for the SSL/TLS secure channel. Inner AuthenticationException: The remote certificate is invalid according to"
                + " the validation procedure.");
        String inner = errors.equals(List.of("RemoteCertificateChainErrors"))
                ? "The remote certificate is invalid because of errors in the certificate chain: "
                + chain.stream().map(Enum::name).collect(Collectors.joining(", "))
                : "The remote certificate is invalid according to the validation procedure: " + String.join(", ", errors);
        m.put("net5", "The SSL connection could not be established, see inner exception. Inner: " + inner);
        return m;
    }

    /**
     * .NET's SslPolicyErrors flags and X509ChainStatus names as the .NET client prints them
     * ({@code SslPolicyErrors RemoteCertificateChainErrors; chain PartialChain; …}), and the
     * BoringSSL verify codes Mono 6 cannot map to a chain status (it then fails before the
     * validation callback runs). The name flag comes first: on a name mismatch Mono also
     * lists UntrustedRoot in the chain status although the chain is good. Mono says
     * PartialChain wherever its BoringSSL found no issuer: an unknown root that was not sent,
     * a self-signed certificate, a missing intermediate, an issuer that is not a CA.
     */
    private static final MessageTable TABLE = new MessageTable(true)
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
            .add("InvalidExtension", MALFORMED, NON_CONFORMING)
            .add("InvalidPolicyConstraints|NoIssuanceChainPolicy|invalid policy", POLICY)
            .add("UntrustedRoot", UNTRUSTED_ROOT, SELF_SIGNED)
            .add("PartialChain", UNTRUSTED_ROOT, SELF_SIGNED, INCOMPLETE_CHAIN, NOT_A_CA)
            // HttpWebRequest's text when the server wanted a client certificate it did not get (or refused it)
            .add("Could not create SSL/TLS secure channel", CLIENT_CERTIFICATE, PROTOCOL)
            // SChannel's SEC_E_ALGORITHM_MISMATCH and Mono's send failure name neither version nor suite
            .add("UNRECOGNIZED_NAME", SNI_REQUIRED)
            .add("SecureChannelFailure|common algorithm|protocol version|unexpected error occurred on a send", PROTOCOL, CIPHER, SNI_REQUIRED,
                    CLIENT_CERTIFICATE)
            .add("HANDSHAKE_FAILURE|NO_SHARED_CIPHER|NO_CIPHER", CIPHER, PROTOCOL);

    /** The family; declared last, as the constructor reads the order and table above. */
    public static final DotNetFamily INSTANCE = new DotNetFamily();
}
