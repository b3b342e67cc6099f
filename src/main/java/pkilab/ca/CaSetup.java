package pkilab.ca;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import pkilab.BadInputException;
import pkilab.ca.internal.X509Maker;
import pkilab.pem.Pem;

/**
 * Making the lab's CAs from the {@code ca/} profiles: a root, and below it the issuing CA
 * when the profile has one. What the lab home has is kept; a CA asked to be re-made takes
 * the CA below it along, since everything that CA issued would no longer verify.
 */
final class CaSetup {
    private CaSetup() {
    }

    /**
     * Creates every CA of the profiles that the lab home does not have yet; keeps (and reports)
     * those it has. {@code force} names CAs to re-create; re-creating a root re-creates the CA
     * below it. Keys are generated in parallel.
     */
    static List<Lab.InitResult> init(LabHome home, CaProfiles profiles, CaStore store, CaLedger ledger, Set<String> force,
                                     Consumer<String> progress) {
        for (String f : force) {
            if (!store.caIds().contains(f)) {
                throw new BadInputException("unknown CA '" + f + "' for --force (known: " + String.join(", ", store.caIds()) + ")");
            }
        }
        try (LabHome.Lock lock = home.lock()) {
            List<Lab.InitResult> results = new ArrayList<>();
            Map<String, CertTemplate> toMake = new LinkedHashMap<>();
            Map<String, CaProfile> profileOf = new LinkedHashMap<>();
            for (CaProfile p : profiles.all()) {
                List<String> ids = CaStore.caIds(p);
                boolean parentRemade = false;
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    // a CA with only its certificate or only its key is not re-made unasked: that
                    // would also replace the CA below it and orphan everything both issued
                    if (!parentRemade && !force.contains(id)) {
                        store.requireWhole(id);
                    }
                    if (parentRemade || force.contains(id) || !store.isInitialised(id)) {
                        toMake.put(id, i == 0 ? p.root : p.intermediate);
                        profileOf.put(id, p);
                        parentRemade = true;
                    }
                }
            }
            Map<String, CompletableFuture<KeyPair>> keys = new LinkedHashMap<>();
            for (Map.Entry<String, CertTemplate> e : toMake.entrySet()) {
                KeyType kt = KeyType.parse(e.getValue().key == null ? "rsa-2048" : e.getValue().key);
                progress.accept("making a " + kt + " key for " + e.getValue().subject + " …");
                keys.put(e.getKey(), CompletableFuture.supplyAsync(kt::generate));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (CaProfile p : profiles.all()) {
                for (String id : CaStore.caIds(p)) {
                    CertTemplate t = toMake.get(id);
                    if (t == null) {
                        X509Certificate c = store.ca(id).certificate();
                        results.add(new Lab.InitResult(id, c.getSubjectX500Principal().getName(), false, store.certPath(id)));
                        continue;
                    }
                    KeyPair kp = keys.get(id).join();
                    IssuingCa parent = id.equals(p.name) && p.intermediate != null ? store.ca(p.name + "-root") : null;
                    Instant nb = now.minus(Lab.period(t.backdate, Duration.ZERO));
                    Instant na = nb.plus(Lab.period(t.validity, Duration.ofDays(365)));
                    if (parent != null && na.isAfter(parent.certificate().getNotAfter().toInstant())) {
                        na = parent.certificate().getNotAfter().toInstant();
                    }
                    CertSpec spec = new CertSpec(t.subject, kp.getPublic(),
                            parent == null ? null : parent.certificate(),
                            parent == null ? kp.getPrivate() : parent.key(),
                            SignatureHash.parse(t.signature == null ? "sha256" : t.signature),
                            Lab.serial(t), nb, na, withCaDefaults(t, parent == null), List.of(), List.of(), null,
                            Lab.pkiBase(p), parent == null ? id : parent.id());
                    X509Certificate cert = X509Maker.make(spec);
                    Path dir = home.caDir(id);
                    CaIntegrity.signedBy(cert, parent == null ? null : parent.certificate(), parent == null ? id : parent.id(),
                            parent == null ? dir : home.caDir(parent.id()));
                    LabHome.privateDir(dir);
                    LabHome.writeAtomic(dir.resolve("key.pem"), Pem.encodeBytes(kp.getPrivate()), true);
                    LabHome.writeAtomic(dir.resolve("cert.pem"), Pem.encodeBytes(cert), false);
                    CaRecords.write(dir, new CaRecords.Data());
                    store.forget(id);
                    if (parent != null) {
                        ledger.record(parent.id(), cert);
                    }
                    results.add(new Lab.InitResult(id, cert.getSubjectX500Principal().getName(), true, store.certPath(id)));
                }
            }
            return results;
        }
    }

    private static CertTemplate withCaDefaults(CertTemplate t, boolean root) {
        if (root && t.nameConstraints == null) {
            t.nameConstraints = "lab";
        }
        return t;
    }
}
