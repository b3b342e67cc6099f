package pkilab.ca;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import pkilab.BadInputException;
import pkilab.ca.internal.CrlMaker;
import pkilab.ca.internal.OcspResponder;

/**
 * What each CA issued and revoked, and what it tells clients about that: a CRL that lists
 * every revoked serial, and OCSP answers for one serial at a time. The records are a file per
 * CA ({@link CaRecords}) changed under the lab lock, so a revocation made by one
 * {@code pkilab} process shows in the next CRL or OCSP answer of another.
 */
final class CaLedger {
    private final LabHome home;
    private final CaStore store;

    CaLedger(LabHome home, CaStore store) {
        this.home = home;
        this.store = store;
    }

    /**
     * Enters a certificate into a CA's records, as issuing through the CA does, so that CRLs
     * and OCSP answers know it; for certificates signed on a lab CA's behalf ({@link Lab#sign}).
     * Recording a serial twice keeps the first entry. A certificate the CA's key did not sign
     * is refused: the lab hands out nothing its issuer cannot verify.
     */
    void record(String caId, X509Certificate cert) {
        CaIntegrity.signedBy(cert, store.ca(caId).certificate(), caId, home.caDir(caId));
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            if (CaRecords.find(CaRecords.read(dir), cert.getSerialNumber()).isPresent()) {
                return;
            }
            CaRecords.append(dir, entryOf(cert));
        }
    }

    static CaRecords.Entry entryOf(X509Certificate cert) {
        return CaRecords.entry(cert.getSerialNumber(), cert.getSubjectX500Principal().getName(),
                cert.getNotAfter().toInstant(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The CA's records: what it issued, what is revoked. */
    CaRecords.Data records(String caId) {
        store.profileOfCa(caId);
        return CaRecords.read(home.caDir(caId));
    }

    /**
     * Marks a serial revoked. Revoking a serial this CA never issued is refused; revoking one
     * twice keeps the first date and reason.
     */
    CaRecords.Entry revoke(String caId, BigInteger serial, RevocationReason reason, Instant when) {
        store.ca(caId);
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            CaRecords.Data data = CaRecords.read(dir);
            CaRecords.Entry e = CaRecords.find(data, serial).orElseThrow(() -> new BadInputException(
                    "CA '" + caId + "' has not issued serial " + CaRecords.hex(serial) + " (see pkilab ca show " + caId + " --issued)"));
            if (!e.isRevoked()) {
                e.revokedAt = when.truncatedTo(ChronoUnit.SECONDS).toString();
                e.reason = reason.name();
                CaRecords.write(dir, data);
            }
            return e;
        }
    }

    /** The CA's current CRL (valid 7 days), numbered one above the last one made. */
    X509CRL crl(String caId, Instant now) {
        IssuingCa ca = store.ca(caId);
        try (LabHome.Lock lock = home.lock()) {
            Path dir = home.caDir(caId);
            CaRecords.Data data = CaRecords.read(dir);
            data.crlNumber++;
            List<CrlMaker.Revoked> revoked = new ArrayList<>();
            for (CaRecords.Entry e : data.entries) {
                if (e.isRevoked()) {
                    revoked.add(new CrlMaker.Revoked(e.serialNumber(), Instant.parse(e.revokedAt),
                            RevocationReason.parse(e.reason).code()));
                }
            }
            Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
            X509CRL crl = CrlMaker.make(ca.certificate(), ca.key(), revoked, thisUpdate, thisUpdate.plus(Duration.ofDays(7)), data.crlNumber);
            CaIntegrity.signedBy(crl, ca.certificate(), caId, dir);
            CaRecords.write(dir, data);
            return crl;
        }
    }

    /**
     * The CA's OCSP answer (RFC 6960) to a DER-encoded request, DER-encoded and signed by the
     * CA: {@code good}, {@code revoked} with time and reason, or {@code unknown} for a serial
     * it never issued, as its records say right now (so a {@code pkilab} revoke in another
     * process shows at once). Requests that do not parse get a {@code malformedRequest}
     * answer, not an exception.
     */
    byte[] ocsp(String caId, byte[] requestDer, Instant now) {
        IssuingCa ca = store.ca(caId);
        CaRecords.Data data = records(caId);
        return OcspResponder.respond(ca.certificate(), ca.key(), requestDer, serial -> CaRecords.find(data, serial)
                .map(e -> e.isRevoked()
                        ? OcspResponder.Status.revoked(Instant.parse(e.revokedAt), RevocationReason.parse(e.reason).code())
                        : OcspResponder.Status.GOOD)
                .orElse(OcspResponder.Status.UNKNOWN), now.truncatedTo(ChronoUnit.SECONDS));
    }
}
