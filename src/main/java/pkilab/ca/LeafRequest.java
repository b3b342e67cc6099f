package pkilab.ca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks a CA to issue. Every field is optional; what is unset comes from the
 * CA's leaf profile (see {@code ca/*.yaml}). Set fields through the fluent setters.
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

    public LeafRequest dns(String... names) {
        dns.addAll(List.of(names));
        return this;
    }

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

    public LeafRequest lifetime(Duration d) {
        this.lifetime = d;
        return this;
    }

    public LeafRequest key(KeyType key) {
        this.key = key;
        return this;
    }

    public LeafRequest signature(SignatureHash hash) {
        this.signature = hash;
        return this;
    }

    /** Replaces the profile's extended key usages (names like serverAuth, or OIDs). */
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
