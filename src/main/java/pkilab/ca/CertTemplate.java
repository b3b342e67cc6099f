package pkilab.ca;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What one certificate of a CA profile looks like, in X.509 vocabulary: subject, key,
 * signature, validity and extensions. A root, an intermediate and each leaf profile of
 * {@code ca/*.yaml} are one template each. Fields left out take the defaults named on them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertTemplate {
    /** RFC 4514 DN, most specific first ({@code CN=contoso-DC01-CA, DC=contoso, DC=test}). Leaves: taken from the request if unset. */
    public String subject;
    /** Key type, e.g. {@code rsa-2048}. If unset: rsa-2048. */
    public String key;
    /** Signature hash: sha1, sha256, sha384. If unset: sha256. */
    public String signature;
    /** Lifetime as a period ({@code 5y}, {@code 200d}). If unset: 1y. */
    public String validity;
    /** Longest lifetime a request may ask for (e.g. 200d for CA/Browser Forum leaves). If unset: no limit. */
    public String maxValidity;
    /** How far before "now" notBefore is back-dated, to absorb clock skew. If unset: 1h for leaves, 0 for CAs. */
    public String backdate;
    /** Random serial size in bits (positive, so at most 159). If unset: 128. */
    public Integer serialBits;
    /** Whether a leaf must carry a subjectAltName (Baseline Requirements 7.1.2.7). If unset: false. */
    public Boolean requireSan;
    /** Copy the first DNS name into the subject CN when the request names no CN. If unset: true. */
    public Boolean cnFromFirstDns;
    /**
     * Exchange's self-signed style: the NetBIOS name (first label of the first DNS name, upper
     * case) becomes the CN and the first SAN entry. If unset: false.
     */
    public Boolean netbiosName;
    public Usage keyUsage;
    public Usage extKeyUsage;
    public BasicConstraints basicConstraints;
    /** "lab" (the lab's namespaces), "none", or explicit subtrees. Roots: if unset, "lab". */
    public Object nameConstraints;
    /** CRL distribution point URIs ({pki} is the lab server's base URL, {ca} the issuing CA's id). */
    public List<String> crlDistributionPoints;
    public AuthorityInfoAccess authorityInfoAccess;
    /** Policy OIDs, e.g. 2.23.140.1.2.1 (domain validated). */
    public List<String> certificatePolicies;
    /** Whether to add a subjectKeyIdentifier. If unset: true. */
    public Boolean subjectKeyIdentifier;
    /** Raw extensions: the escape hatch for anything the fields above do not name. */
    public List<RawExtension> extensions = new ArrayList<>();

    /** keyUsage / extKeyUsage: a list of names plus the critical flag. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Usage {
        public Boolean critical;
        public List<String> values = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BasicConstraints {
        /** If unset: true. */
        public Boolean critical;
        public boolean ca;
        /** CA path length limit; unset means none. */
        public Integer pathLen;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AuthorityInfoAccess {
        public List<String> caIssuers = new ArrayList<>();
        public List<String> ocsp = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NameConstraints {
        public List<String> permitted = new ArrayList<>();
        public List<String> excluded = new ArrayList<>();
    }

    /**
     * An extension given as bytes. {@code value} is hex DER ({@code "020100"}), or a shorthand:
     * {@code bmp:TEXT} (BMPString), {@code utf8:TEXT}, {@code int:N} (INTEGER).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RawExtension {
        public String id;
        public boolean critical;
        public String value;
        /** What the extension means, for people reading the YAML and `ca show`. */
        public String name;
    }
}
