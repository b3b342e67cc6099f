package pkilab.ca;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import pkilab.ca.internal.ExtensionReader;

/**
 * A certificate described for people and for JSON: subject, issuer, serial, fingerprint,
 * validity, key, signature and every extension in readable form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertInfo(String subject, String issuer, String serial, String sha256, String notBefore, String notAfter,
                       String key, String signature, List<Extension> extensions) {

    /** One extension: OID, its name, criticality and readable values. */
    public record Extension(String oid, String name, boolean critical, List<String> values) {
    }

    public static CertInfo of(X509Certificate c) {
        return new CertInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), fingerprint(c),
                c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString(),
                keyDescription(c), c.getSigAlgName(), ExtensionReader.describe(c).stream()
                        .map(e -> new Extension(e.oid(), e.name(), e.critical(), e.values())).toList());
    }

    /** SHA-256 fingerprint, colon-separated upper-case hex as browsers show it. */
    public static String fingerprint(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyDescription(X509Certificate c) {
        try {
            c.getPublicKey();
        } catch (RuntimeException e) {
            return "unreadable key"; // a malformed certificate from a chain being judged
        }
        if (c.getPublicKey() instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (c.getPublicKey() instanceof ECKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return c.getPublicKey().getAlgorithm();
    }

    /** The text form, one field a line, as {@code pkilab ca show} prints it. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Subject:      ").append(subject).append('\n');
        sb.append("Issuer:       ").append(issuer).append('\n');
        sb.append("Serial:       ").append(serial).append('\n');
        sb.append("SHA-256:      ").append(sha256).append('\n');
        sb.append("Valid:        ").append(notBefore).append(" → ").append(notAfter).append('\n');
        sb.append("Key:          ").append(key).append(", signed ").append(signature).append('\n');
        sb.append("Extensions:\n");
        for (Extension e : extensions) {
            sb.append("  ").append(e.name()).append(" (").append(e.oid()).append(')')
                    .append(e.critical() ? " critical" : "").append('\n');
            for (String v : e.values()) {
                sb.append("      ").append(v).append('\n');
            }
        }
        return sb.toString();
    }
}
