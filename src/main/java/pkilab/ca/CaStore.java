package pkilab.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pkilab.BadInputException;
import pkilab.pem.Pem;

/**
 * The lab's CAs as files: each CA id ({@code enterprise}, {@code public-root}, {@code public})
 * is a folder of the lab home holding {@code cert.pem} and {@code key.pem}. A CA is read once
 * and kept while its files stay the same; another process may re-create it, and then the next
 * use reads it again. Every read checks that the key and certificate belong together and that
 * the issuer's key verifies the certificate ({@link CaIntegrity}).
 */
final class CaStore {
    private final LabHome home;
    private final CaProfiles profiles;
    private final ConcurrentHashMap<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(IssuingCa ca, long stamp) {
    }

    CaStore(LabHome home, CaProfiles profiles) {
        this.home = home;
        this.profiles = profiles;
    }

    /** Ids of the CA certificates a profile makes: its root, then its intermediate, if any. */
    static List<String> caIds(CaProfile p) {
        if (p.selfSigned()) {
            return List.of();
        }
        return p.intermediate == null ? List.of(p.name) : List.of(p.name + "-root", p.name);
    }

    /** Every CA id of the lab, roots before the CAs they sign. */
    List<String> caIds() {
        List<String> out = new ArrayList<>();
        for (CaProfile p : profiles.all()) {
            out.addAll(caIds(p));
        }
        return out;
    }

    boolean isInitialised(String caId) {
        return Files.exists(home.caDir(caId).resolve("cert.pem")) && Files.exists(home.caDir(caId).resolve("key.pem"));
    }

    /**
     * What a half-made CA folder lacks ({@code cert.pem} without {@code key.pem} or the
     * reverse), as a message with the way out; empty when the CA is whole or not there at all.
     */
    Optional<String> incomplete(String caId) {
        boolean cert = Files.exists(home.caDir(caId).resolve("cert.pem"));
        boolean key = Files.exists(home.caDir(caId).resolve("key.pem"));
        if (cert == key) {
            return Optional.empty();
        }
        return Optional.of("CA '" + caId + "' in " + home.caDir(caId) + " is incomplete: "
                + (cert ? "key.pem" : "cert.pem") + " is missing (restore it, or re-create the CA: pkilab ca init --force " + caId + ")");
    }

    void requireWhole(String caId) {
        Optional<String> missing = incomplete(caId);
        if (missing.isPresent()) {
            throw new BadInputException(missing.get());
        }
    }

    /** A CA by id; bad input when it is unknown, not made yet or half there. */
    IssuingCa ca(String id) {
        CaProfile profile = profileOfCa(id);
        if (!isInitialised(id)) {
            requireWhole(id);
            throw new BadInputException("CA '" + id + "' is not in the lab home " + home.root() + " yet (run: pkilab ca init)");
        }
        // the key, the certificate and the issuer's certificate are checked together: a change to any is a new check
        long stamp = stamp(id) * 31 + (profile.intermediate != null && id.equals(profile.name) ? stamp(certPath(profile.name + "-root")) : 0);
        Loaded hit = loaded.get(id);
        if (hit != null && hit.stamp() == stamp) {
            return hit.ca();
        }
        IssuingCa ca = load(id, profile);
        loaded.put(id, new Loaded(ca, stamp));
        return ca;
    }

    /** Drops what was kept of a CA that was just re-made. */
    void forget(String id) {
        loaded.remove(id);
    }

    Path certPath(String id) {
        return home.caDir(id).resolve("cert.pem");
    }

    /** The profile a CA id belongs to; bad input naming the known CAs when none does. */
    CaProfile profileOfCa(String id) {
        for (CaProfile p : profiles.all()) {
            if (caIds(p).contains(id)) {
                return p;
            }
        }
        if (id.equals(Lab.SELF)) {
            // cert issue takes --ca self for Exchange's own certificate; everywhere else a CA is meant
            throw new BadInputException("'self' is not a CA: a self-signed certificate is its own issuer, and is trusted as"
                    + " itself (its .crt from pkilab cert issue --ca self); known CAs: " + String.join(", ", caIds()));
        }
        throw new BadInputException("unknown CA '" + id + "' (known: " + String.join(", ", caIds()) + ")");
    }

    private long stamp(String id) {
        return stamp(certPath(id)) * 31 + stamp(home.caDir(id).resolve("key.pem"));
    }

    private static long stamp(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() * 31 + a.size() + (a.fileKey() == null ? 0 : a.fileKey().hashCode());
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Reads a CA and checks that it can sign what its issuer's key verifies (see {@link CaIntegrity}). */
    private IssuingCa load(String id, CaProfile profile) {
        X509Certificate cert = Pem.readCertificates(certPath(id)).get(0);
        PrivateKey key = Pem.readPrivateKey(home.caDir(id).resolve("key.pem"));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        IssuingCa parent = null;
        if (profile.intermediate != null && id.equals(profile.name)) {
            parent = ca(profile.name + "-root");
            chain.add(parent.certificate());
        }
        CaIntegrity.check(id, home.caDir(id), cert, key, parent);
        return new IssuingCa(id, profile, cert, key, List.copyOf(chain));
    }
}
