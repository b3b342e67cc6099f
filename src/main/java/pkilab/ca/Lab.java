package pkilab.ca;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import pkilab.BadInputException;
import pkilab.ca.internal.X509Maker;

/**
 * The mini-CA: the CAs of the {@code ca/} profiles, kept in a {@link LabHome}, and what they
 * issue and revoke. This is its front door; each job has a class of its own behind it:
 * {@link CaSetup} makes the CAs, {@link CaStore} reads and keeps them, {@link LeafPolicy}
 * turns a {@link LeafRequest} into what is signed, and {@link CaLedger} keeps the records
 * that CRLs and OCSP answers are made from.
 *
 * <pre>
 *   Lab lab = Lab.open(home, profiles);
 *   lab.init(Set.of(), msg -> {});                       // makes enterprise, public-root, public
 *   IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
 * </pre>
 */
public final class Lab {
    /** Stands for "no CA": a self-signed leaf. */
    public static final String SELF = "self";
    /** Base URL of the lab's PKI endpoints when a profile names none. */
    public static final String DEFAULT_PKI_BASE = "http://pki.lab.test";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabHome home;
    private final CaProfiles profiles;
    private final CaStore store;
    private final CaLedger ledger;

    public Lab(LabHome home, CaProfiles profiles) {
        this.home = home;
        this.profiles = profiles;
        this.store = new CaStore(home, profiles);
        this.ledger = new CaLedger(home, store);
    }

    public static Lab open(Path home, Path caFolder) {
        return new Lab(new LabHome(home), CaProfiles.load(caFolder));
    }

    public LabHome home() {
        return home;
    }

    public CaProfiles profiles() {
        return profiles;
    }

    /** What {@link #init} did with one CA. */
    public record InitResult(String id, String subject, boolean created, Path certificate) {
    }

    /** Ids of the CA certificates a profile makes: its root, then its intermediate, if any. */
    public static List<String> caIds(CaProfile p) {
        return CaStore.caIds(p);
    }

    /** Every CA id of the lab, roots before the CAs they sign. */
    public List<String> caIds() {
        return store.caIds();
    }

    public boolean isInitialised(String caId) {
        return store.isInitialised(caId);
    }

    /**
     * What a half-made CA folder lacks ({@code cert.pem} without {@code key.pem} or the
     * reverse), as a message with the way out; empty when the CA is whole or not there at all.
     */
    public java.util.Optional<String> incomplete(String caId) {
        return store.incomplete(caId);
    }

    /**
     * Creates every CA of the profiles that the lab home does not have yet; keeps (and reports)
     * those it has. {@code force} names CAs to re-create; re-creating a root re-creates the CA
     * below it. Keys are generated in parallel.
     */
    public List<InitResult> init(Set<String> force, Consumer<String> progress) {
        return CaSetup.init(home, profiles, store, ledger, force, progress);
    }

    /** A CA of the lab by id ({@code enterprise}, {@code public}, {@code public-root}). */
    public IssuingCa ca(String id) {
        return store.ca(id);
    }

    public Path certPath(String id) {
        return store.certPath(id);
    }

    /** Issues a leaf as the request says; records it with its CA so it can be revoked later. */
    public IssuedCertificate issue(LeafRequest r) {
        return issue(r, issued -> { });
    }

    /**
     * Issues a leaf, hands it to {@code keep} (which writes it somewhere) under the lab lock,
     * and records it with its CA only when {@code keep} returned: a certificate that was never
     * written leaves no record that a CRL would later list.
     */
    public IssuedCertificate issue(LeafRequest r, Consumer<IssuedCertificate> keep) {
        String caName = r.ca == null ? SELF : r.ca;
        boolean self = SELF.equals(caName);
        CaProfile profile = self ? selfProfile() : profiles.get(caName);
        if (!self && profile.selfSigned()) {
            self = true;
        }
        String leafName = r.profile == null ? profile.defaultLeafProfile() : r.profile;
        CertTemplate t = profile.leaves.get(leafName);
        if (t == null) {
            throw new BadInputException("CA '" + caName + "' has no leaf profile '" + leafName
                    + "' (known: " + String.join(", ", profile.leaves.keySet()) + ")");
        }
        if (r.publicKey != null && self) {
            throw new BadInputException("a certificate signing request is signed by a CA: give --ca enterprise, --ca public… (not self)");
        }
        KeyType kt = r.key != null ? r.key : KeyType.parse(t.key == null ? "rsa-2048" : t.key);
        // a CSR brings its own public key; the private key stays with whoever made the request
        KeyPair kp = r.publicKey != null ? new KeyPair(r.publicKey, null) : kt.generate();
        IssuingCa ca = self ? null : ca(profile.name);
        CertSpec spec = LeafPolicy.spec(r, t, profile, kp, ca, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        X509Certificate cert = X509Maker.make(spec);
        CaIntegrity.signedBy(cert, ca == null ? null : ca.certificate(), ca == null ? SELF : ca.id(),
                ca == null ? home.certsDir() : home.caDir(ca.id()));
        IssuedCertificate issued = ca == null ? new IssuedCertificate(SELF, cert, kp.getPrivate(), List.of(cert))
                : new IssuedCertificate(ca.id(), cert, kp.getPrivate(), ca.chain());
        try (LabHome.Lock lock = home.lock()) {
            keep.accept(issued);
            if (ca != null) {
                // a fresh random serial of this CA: no need to look for it in the records first
                CaRecords.append(home.caDir(ca.id()), CaLedger.entryOf(cert));
            }
        }
        return issued;
    }

    private CaProfile selfProfile() {
        for (CaProfile p : profiles.all()) {
            if (p.selfSigned()) {
                return p;
            }
        }
        throw new BadInputException("no self-signed leaf profile in ca/ (a profile without a root, such as exchange-self-signed.yaml)");
    }

    /** Signs any certificate the caller describes: for scenarios that need odd chains (expired intermediates, CA:FALSE issuers…). */
    public static X509Certificate sign(CertSpec spec) {
        new X500Principal(spec.subject());
        return X509Maker.make(spec);
    }

    public static BigInteger serial(CertTemplate t) {
        int bits = t.serialBits == null ? 128 : t.serialBits;
        // the top bit is set so every serial has exactly `bits` bits: at least 64 bits of
        // randomness for the CA/Browser Forum, positive and below 2^159 for RFC 5280
        return new BigInteger(bits - 1, RANDOM).setBit(bits - 1);
    }

    static Duration period(String text, Duration dflt) {
        return text == null ? dflt : TimeSpec.period(text);
    }

    static String pkiBase(CaProfile p) {
        return p.pkiBaseUrl == null ? DEFAULT_PKI_BASE : p.pkiBaseUrl;
    }

    /**
     * Enters a certificate into a CA's records, as issuing through the CA does, so that CRLs
     * and OCSP answers know it; for certificates signed with {@link #sign} on a lab CA's
     * behalf. Recording a serial twice keeps the first entry. A certificate the CA's key did
     * not sign is refused: the lab hands out nothing its issuer cannot verify.
     */
    public void record(String caId, X509Certificate cert) {
        ledger.record(caId, cert);
    }

    /** The CA's records: what it issued, what is revoked. */
    public CaRecords.Data records(String caId) {
        return ledger.records(caId);
    }

    /**
     * Marks a serial revoked. Revoking a serial this CA never issued is refused; revoking one
     * twice keeps the first date and reason.
     */
    public CaRecords.Entry revoke(String caId, BigInteger serial, RevocationReason reason, Instant when) {
        return ledger.revoke(caId, serial, reason, when);
    }

    /** The CA's current CRL (valid 7 days), numbered one above the last one made. */
    public X509CRL crl(String caId, Instant now) {
        return ledger.crl(caId, now);
    }

    /**
     * The CA's OCSP answer (RFC 6960) to a DER-encoded request, DER-encoded and signed by the
     * CA: {@code good}, {@code revoked} with time and reason, or {@code unknown} for a serial
     * it never issued, as its records say right now (so a {@code pkilab} revoke in another
     * process shows at once). Requests that do not parse get a {@code malformedRequest}
     * answer, not an exception.
     */
    public byte[] ocsp(String caId, byte[] requestDer, Instant now) {
        return ledger.ocsp(caId, requestDer, now);
    }
}
