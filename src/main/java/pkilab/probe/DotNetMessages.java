package pkilab.probe;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pkilab.verdict.Diagnosis;

/**
 * What a .NET client sees (REFERENCE §5): the SslPolicyErrors flags handed to the validation
 * callback, the X509ChainStatus flags with Windows' texts, and the exception messages of .NET
 * Framework (the E-mail Router's) and .NET 5+. The article's two causes give the same text
 * and differ only here: cause 1 is RemoteCertificateChainErrors with UntrustedRoot, cause 2
 * is RemoteCertificateNameMismatch.
 */
final class DotNetMessages {
    /** The E-mail Router's line for a certificate it refuses (KB 954584). */
    static final String ROUTER_TRUST_FAILURE = "Incoming Status: Failure - The underlying connection was closed: "
            + "Could not establish trust relationship for the SSL/TLS secure channel. "
            + "The remote certificate is invalid according to the validation procedure.";
    static final String ROUTER_SEND_FAILURE = "Incoming Status: Failure - The underlying connection was closed: "
            + "An unexpected error occurred on a send.";
    static final String ROUTER_SUCCESS = "Incoming Status: Success";

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
        HasNotSupportedCriticalExtension(134217728, "The certificate does not support a critical extension.");

        final int value;
        final String text;

        ChainStatus(int value, String text) {
            this.value = value;
            this.text = text;
        }
    }

    private DotNetMessages() {
    }

    static Set<ChainStatus> chainStatus(List<Finding> failures) {
        Set<ChainStatus> s = EnumSet.noneOf(ChainStatus.class);
        for (Finding f : failures) {
            switch (f.diagnosis()) {
                case SELF_SIGNED, UNTRUSTED_ROOT -> s.add(ChainStatus.UntrustedRoot);
                case INCOMPLETE_CHAIN -> s.add(ChainStatus.PartialChain);
                case EXPIRED, NOT_YET_VALID -> s.add(ChainStatus.NotTimeValid);
                case REVOKED -> s.add(ChainStatus.Revoked);
                case REVOCATION_UNKNOWN -> {
                    s.add(ChainStatus.RevocationStatusUnknown);
                    s.add(ChainStatus.OfflineRevocation);
                }
                case WEAK_SIGNATURE, WEAK_KEY -> s.add(ChainStatus.HasWeakSignature);
                case WRONG_USAGE -> s.add(ChainStatus.NotValidForUsage);
                case NOT_A_CA, PATH_LENGTH -> s.add(ChainStatus.InvalidBasicConstraints);
                case NAME_CONSTRAINTS -> s.add(ChainStatus.HasNotPermittedNameConstraint);
                case BAD_SIGNATURE -> s.add(ChainStatus.NotSignatureValid);
                case MALFORMED, NON_CONFORMING -> s.add(ChainStatus.InvalidExtension);
                case UNKNOWN_CRITICAL_EXTENSION -> s.add(ChainStatus.HasNotSupportedCriticalExtension);
                default -> {
                    // name problems are SslPolicyErrors, not chain status; protocol and cipher never reach validation
                }
            }
        }
        return s;
    }

    /** SslPolicyErrors names in .NET's ToString() order (by value). */
    static List<String> policyErrors(List<Finding> failures) {
        List<String> out = new ArrayList<>();
        if (failures.stream().anyMatch(f -> f.diagnosis() == Diagnosis.HOSTNAME_MISMATCH || f.diagnosis() == Diagnosis.NO_SAN)) {
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
        boolean protocol = failures.stream().anyMatch(f -> f.diagnosis() == Diagnosis.PROTOCOL || f.diagnosis() == Diagnosis.CIPHER
                || f.diagnosis() == Diagnosis.SNI_REQUIRED);
        List<String> errors = policyErrors(failures);
        Set<ChainStatus> chain = chainStatus(failures);
        if (!protocol && !failures.isEmpty() && failures.get(0).diagnosis() == Diagnosis.CLIENT_CERTIFICATE) {
            // the server's certificate was fine; the server refused the client's (or its absence)
            m.put("emailRouter", "Incoming Status: Failure - The request was aborted: Could not create SSL/TLS secure channel.");
            m.put("framework", "WebException (SecureChannelFailure): The request was aborted: Could not create SSL/TLS secure channel.");
            m.put("net5", "The SSL connection could not be established, see inner exception."
                    + " Inner: Authentication failed because the remote party sent a TLS alert: '" + ClientMessages.alert(failures.get(0)) + "'.");
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
}
