package pkilab.trust;

import java.util.List;

/**
 * A place a client looks up its trust anchors: a Java key store, an NSS database, the
 * operating system's bundle, a PEM file. Every target has the same shape, so the commands
 * treat them alike: check that it can be used here, look, add, remove, list, and prove that
 * the change took effect.
 *
 * <p>Only entries pkilab made ({@link TrustRoot#alias()}) are ever removed; an entry with the
 * same certificate that someone else added is reported and left alone.
 */
public interface TrustStore {
    /** What the user typed after {@code --into}, resolved: {@code java:/path/cacerts}. */
    String name();

    /** True for stores every program of the machine trusts (the JDK's cacerts, the system store). */
    boolean systemWide();

    /** Null when the store can be used on this machine; otherwise why not and how to fix it, one line. */
    String unavailable();

    /** Whether pkilab's entry for this root is in the store. */
    boolean contains(TrustRoot root);

    /** What {@link #add} will change, one line each, for the user to confirm. */
    List<String> planAdd(TrustRoot root);

    /** What {@link #remove} will change. */
    List<String> planRemove(TrustRoot root);

    void add(TrustRoot root);

    void remove(TrustRoot root);

    /** The store's entries (for large stores: those that matter, see each target). */
    List<Entry> list();

    /** Proves the store now trusts the root, the way its clients would check; never throws for a failed check. */
    Verification verify(TrustRoot root, TrustCheck check);

    /** What the user must do before its clients see a change (restart a browser…), one line; null when nothing. */
    default String afterChange() {
        return null;
    }

    /**
     * One entry of a store.
     *
     * @param name    alias, nickname or file name
     * @param subject subject DN, when known
     * @param sha256  SHA-256 hex of the certificate, when known
     * @param pkilab  whether pkilab added it (its name has pkilab's form)
     */
    record Entry(String name, String subject, String sha256, boolean pkilab) {
    }

    /** The result of {@link #verify}: whether the store trusts the root, and how that was checked. */
    record Verification(boolean trusted, String how) {
    }
}
