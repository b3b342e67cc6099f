package pkilab.ca;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CA profile from {@code ca/NAME.yaml}: a root, optionally an issuing intermediate, and the
 * leaf profiles it issues with. A profile with no root ({@code self}) describes self-signed
 * leaves, as Exchange set-up makes them.
 *
 * <pre>
 *   public:      root "Lab Trust Global Root" → intermediate "Lab Trust TLS RSA CA 2026" → leaves
 *   enterprise:  root "contoso-DC01-CA" → leaves (WebServer template)
 *   self:        leaves only, each its own issuer
 * </pre>
 */
public class CaProfile {
    /** The CA's name in commands ({@code --ca enterprise}); must match the file name. */
    public String name;
    /** One line saying what this models. */
    public String description;
    /** Base URL of the lab's PKI endpoints in AIA/CDP URLs ({pki}). If unset: http://pki.lab.test. */
    public String pkiBaseUrl;
    public CertTemplate root;
    public CertTemplate intermediate;
    /** Leaf profiles by name; the first is the default. */
    public Map<String, CertTemplate> leaves = new LinkedHashMap<>();

    public boolean selfSigned() {
        return root == null;
    }

    public String defaultLeafProfile() {
        return leaves.isEmpty() ? null : leaves.keySet().iterator().next();
    }
}
