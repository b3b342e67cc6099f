package pkilab.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import pkilab.ca.CertInfo;

/**
 * A lab root certificate as a trust store holds it. A client trusts a server's chain when the
 * chain ends in a certificate of its store (a "trust anchor"); adding a root therefore lets it
 * vouch for every certificate it signs, within its name constraints, if it has any.
 *
 * <p>Every store entry pkilab makes is named {@link #alias()}: the CA id plus the first
 * 8 hex digits of the certificate's SHA-256, e.g. {@code pkilab-enterprise-0646f57a}. The
 * fingerprint part keeps a re-created root from colliding with an old one, and uninstall
 * removes only entries of that exact name.
 *
 * @param caId        the lab CA id ({@code enterprise}, {@code public-root})
 * @param certificate the self-signed root certificate
 */
public record TrustRoot(String caId, X509Certificate certificate) {
    /** Prefix of every alias, nickname and file name pkilab puts into a store. */
    public static final String PREFIX = "pkilab-";

    private static final String NAME_CONSTRAINTS_OID = "2.5.29.30";

    public String alias() {
        return PREFIX + caId + "-" + sha256().substring(0, 8);
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** SHA-256 of the DER certificate, lower-case hex without separators. */
    public String sha256() {
        return digest(certificate, "SHA-256");
    }

    /** The SHA-1 "thumbprint" Windows and macOS use to name a certificate, upper-case hex. */
    public String thumbprint() {
        return digest(certificate, "SHA-1").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The name constraints of the root as readable subtrees ("permitted DNS:test",
     * "excluded IP:…"); empty when the root has none and so may vouch for any name.
     */
    public List<String> nameConstraints() {
        return CertInfo.of(certificate).extensions().stream()
                .filter(e -> e.oid().equals(NAME_CONSTRAINTS_OID))
                .flatMap(e -> e.values().stream())
                .toList();
    }

    public boolean nameConstrained() {
        return !nameConstraints().isEmpty();
    }

    /** One line for people: what the root may vouch for. */
    public String scope() {
        List<String> nc = nameConstraints();
        if (nc.isEmpty()) {
            return "NO name constraints: it can vouch for ANY name, real sites included";
        }
        List<String> permitted = subtrees(nc, "permitted ");
        List<String> excluded = subtrees(nc, "excluded ");
        StringBuilder sb = new StringBuilder("name-constrained: ");
        sb.append(permitted.isEmpty() ? "can vouch for any name" : "can vouch only for " + String.join(", ", permitted)
                + " (and names under them)");
        if (!excluded.isEmpty()) {
            sb.append(", never for ").append(String.join(", ", excluded));
        }
        return sb.toString();
    }

    private static List<String> subtrees(List<String> constraints, String kind) {
        return constraints.stream().filter(c -> c.startsWith(kind))
                .map(c -> c.substring(kind.length()).replaceFirst("^(DNS|IP Address|email|URI|DirName):", ""))
                .map(c -> c.equals("0:0:0:0:0:0:0:1/128") ? "::1/128" : c)
                .toList();
    }

    static String digest(X509Certificate c, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
