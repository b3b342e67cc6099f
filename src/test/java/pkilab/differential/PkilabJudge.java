package pkilab.differential;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import pkilab.pem.Pem;
import pkilab.probe.ChainInput;
import pkilab.scenario.ClientProfiles;
import pkilab.probe.DiagnosisEngine;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * pkilab's side of the differential test, and the only place it calls the engine: one case
 * judged under one client profile of {@code scenarios/clients.yaml}, offline (no AIA, CRL or
 * OCSP fetch), at the case's time. A certificate that does not parse is a FAIL
 * {@code malformed}, as a client refuses a chain it cannot read; an exception from the engine
 * is an {@code error} verdict, which agrees with no validator.
 */
final class PkilabJudge {
    /**
     * pkilab's answer: pass, fail or error, the failures as {@code id@depth: found}, and the
     * diagnosis the profile's client family names for it (its first failure in the family's
     * check order; null when it passes).
     */
    record Judgement(String verdict, List<String> diagnoses, Diagnosis named) {
        Judgement(String verdict, List<String> diagnoses) {
            this(verdict, diagnoses, verdict.equals("fail") ? Diagnosis.MALFORMED : null);
        }
    }

    private final ClientProfiles profiles;

    PkilabJudge(Path repo) {
        this.profiles = ClientProfiles.load(repo);
    }

    /** The client family whose words the profile's client speaks. */
    ClientFamily family(String profileId) {
        return ClientFamily.of(profiles.get(profileId).family());
    }

    Judgement judge(Case c, String profileId) {
        List<X509Certificate> trusted = new ArrayList<>();
        try {
            for (int i = 0; i < c.anchors().size(); i++) {
                trusted.addAll(Pem.parseCertificates(c.anchors().get(i), "trusted certificate " + i));
            }
        } catch (RuntimeException e) {
            return new Judgement("fail", List.of("malformed: " + e.getMessage()));
        }
        try {
            DiagnosisResult r = DiagnosisEngine.diagnose(ChainInput.ofDer(c.chain(), trusted, c.host(), java.util.Map.of()), profiles.get(profileId),
                    c.at(), null);
            List<String> out = new ArrayList<>();
            for (Finding f : r.failures()) {
                out.add(f.id() + "@" + f.depth() + ": " + f.found());
            }
            ClientProfile p = profiles.get(profileId);
            return new Judgement(r.verdict().id(), out, ClientFamily.of(p.family()).named(r));
        } catch (RuntimeException e) {
            return new Judgement("error", List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
