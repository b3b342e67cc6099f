package pkilab.ca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks a CA to issue. Every field is optional; what is unset comes from the
 * CA's leaf profile (see {@code ca/*.yaml}), as each setter says. Set fields through the
 * fluent setters; {@link LeafPolicy} applies the defaults and the profile's limits.
 */
public final class LeafRequest {
    String ca;
    String profile;
    final List<String> dns = new ArrayList<>();
    final List<String> ips = new ArrayList<>();
    String commonName;
    boolean noSan;
    Instant notBefore;
    Instant notAfter;
    Duration lifetime;
    KeyType key;
    SignatureHash signature;
    List<String> extKeyUsage;
    List<String> keyUsage;
    boolean isCa;
    List<String> policies;
    final List<CertTemplate.RawExtension> extensions = new ArrayList<>();
    java.security.PublicKey publicKey;

    /** The CA name ({@code enterprise}, {@code public}) or {@code self} for a self-signed leaf. */
    public LeafRequest ca(String ca) {
        this.ca = ca;
        return this;
    }

    /** A leaf profile of the CA; if unset, the CA's first (default) leaf profile. */
    public LeafRequest profile(String profile) {
        this.profile = profile;
        return this;
    }

    /** DNS names for the subjectAltName, in order (a repeated name is kept once). If unset: none; the profile may add the NetBIOS name. */
    public LeafRequest dns(String... names) {
        dns.addAll(List.of(names));
        return this;
    }

    /** IP addresses for the subjectAltName. If unset: none; a certificate with addresses only gets an empty subject. */
    public LeafRequest ip(String... addresses) {
        ips.addAll(List.of(addresses));
        return this;
    }

    /** Subject CN; if unset, the first DNS name (or the profile's subject). */
    public LeafRequest commonName(String cn) {
        this.commonName = cn;
        return this;
    }

    /** Leave out the subjectAltName extension (names only in the CN, as pre-2000 certificates did). */
    public LeafRequest noSan(boolean noSan) {
        this.noSan = noSan;
        return this;
    }

    /** If unset: now minus the profile's backdate (1 hour by default). */
    public LeafRequest notBefore(Instant t) {
        this.notBefore = t;
        return this;
    }

    /** If unset: notBefore plus {@link #lifetime} or the profile's validity. */
    public LeafRequest notAfter(Instant t) {
        this.notAfter = t;
        return this;
    }

    /** How long from notBefore, when notAfter is unset. If unset: the profile's validity (365 days if it names none). */
    public LeafRequest lifetime(Duration d) {
        this.lifetime = d;
        return this;
    }

    /** The key to generate. If unset: the profile's key (rsa-2048 if it names none). */
    public LeafRequest key(KeyType key) {
        this.key = key;
        return this;
    }

    /** The hash the CA signs with. If unset: the profile's (sha256 if it names none). */
    public LeafRequest signature(SignatureHash hash) {
        this.signature = hash;
        return this;
    }

    /**
     * Certifies this public key (from a certificate signing request) instead of making a key
     * pair: the issued certificate then comes without a private key. If unset, a new key pair.
     */
    public LeafRequest publicKey(java.security.PublicKey key) {
        this.publicKey = key;
        return this;
    }

    /** Replaces the profile's keyUsage (names like digitalSignature), marked critical. If unset, the profile's. */
    public LeafRequest keyUsage(List<String> usages) {
        this.keyUsage = usages == null ? null : List.copyOf(usages);
        return this;
    }

    /** Marks the certificate a CA (basicConstraints cA TRUE, critical), to show clients that refuse such a server. If unset, not. */
    public LeafRequest markAsCa(boolean ca) {
        this.isCa = ca;
        return this;
    }

    /** Replaces the profile's certificatePolicies OIDs (e.g. 2.23.140.1.1 for EV). If unset, the profile's. */
    public LeafRequest policies(List<String> oids) {
        this.policies = oids == null ? null : List.copyOf(oids);
        return this;
    }

    /**
     * Adds an extension: {@code oid} with {@code value} as the profiles write it (hex DER,
     * {@code utf8:TEXT}, {@code bmp:TEXT}, {@code int:N}; {@code 0500}, a NULL, if null).
     */
    public LeafRequest extension(String oid, boolean critical, String value) {
        CertTemplate.RawExtension e = new CertTemplate.RawExtension();
        e.id = oid;
        e.critical = critical;
        e.value = value == null ? "0500" : value;
        extensions.add(e);
        return this;
    }

    /** Replaces the profile's extended key usages (names like serverAuth, or OIDs). If unset, the profile's. */
    public LeafRequest extKeyUsage(List<String> usages) {
        this.extKeyUsage = usages == null ? null : List.copyOf(usages);
        return this;
    }

    public String ca() {
        return ca;
    }

    public List<String> dnsNames() {
        return List.copyOf(dns);
    }

    public List<String> ipAddresses() {
        return List.copyOf(ips);
    }

    public String commonName() {
        return commonName;
    }
}
