package pkilab.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The engine's answer for one chain, one client and one moment: the verdict, every finding
 * (failures first, most important first, then warnings) and the path it built.
 *
 * @param path    the certification path the engine built, leaf first; it ends at a trusted
 *                root, at an untrusted self-signed certificate, or where an issuer was missing
 * @param trusted whether the path ends at a root the client trusts
 */
public record DiagnosisResult(String host, String client, Instant at, List<X509Certificate> path, boolean trusted,
                              List<Finding> findings) {

    public Verdict verdict() {
        return failures().isEmpty() ? Verdict.PASS : Verdict.FAIL;
    }

    public List<Finding> failures() {
        return findings.stream().filter(Finding::isFailure).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isFailure()).toList();
    }

    public boolean has(Diagnosis d) {
        return findings.stream().anyMatch(f -> f.diagnosis() == d);
    }

    public boolean has(Notice n) {
        return findings.stream().anyMatch(f -> f.notice() == n);
    }

    /** The first finding with this diagnosis, or null. */
    public Finding finding(Diagnosis d) {
        return findings.stream().filter(f -> f.diagnosis() == d).findFirst().orElse(null);
    }

    public Finding finding(Notice n) {
        return findings.stream().filter(f -> f.notice() == n).findFirst().orElse(null);
    }
}
