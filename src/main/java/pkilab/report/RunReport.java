package pkilab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import pkilab.verdict.Finding;

/**
 * What {@code pkilab run} found: for each scenario × client profile, the expected and the
 * actual verdict, the findings that explain it, and what real clients did. This is the one
 * model the text, JSON, JUnit and HTML reports are written from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String startedAt, String labHome, List<Result> scenarios, Summary summary) {

    /** One scenario judged as one client profile. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String id, String title, String cause, String url, String client, String expected,
                         String actual, List<Finding> findings, boolean asExpected, String why, String fix,
                         String emulated, List<ChainCert> chain, List<ClientRun> clients) {
    }

    /** One finding of the diagnosis engine. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String diagnosis, String severity, String message, Integer depth, String subject,
                          Integer cause, String fix, String command) {
    }

    /** One certificate of the chain the server presented, for the chain pictures. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChainCert(String subject, String issuer, String notAfter, String key, String note) {
    }

    /**
     * What one real client did, beside the engine's prediction for it.
     *
     * @param emulated   for a real .NET runtime, what pkilab's emulation says each .NET client
     *                   profile would see for the same server ({@code email-router: SslPolicyErrors
     *                   RemoteCertificateChainErrors (4); chain UntrustedRoot}), so the real flags can be
     *                   read beside the emulated ones; null for other clients
     * @param beside     the client profile whose machine the client stood in for: its roots
     *                   are the only ones the client trusted, and its revocation policy was
     *                   applied where the client can fetch CRLs or OCSP answers
     * @param trusts     the lab CA ids the client trusted ({@code public-root}, {@code enterprise})
     * @param revocation the client's options for checking revocation, e.g.
     *                   {@code -crl_check -CRL …}; null when it did not check
     * @param fault      when the engine predicted a failure: the fault it predicted the client
     *                   names ({@code expired}); null for a predicted pass
     * @param named      when both the prediction and the client failed: whether the client's
     *                   words mean that fault; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientRun(String name, String predicted, String actual, boolean agree, String message, Long millis,
                            List<String> emulated, String beside, List<String> trusts, String revocation, String fault,
                            Boolean named) {
        public ClientRun(String name, String predicted, String actual, boolean agree, String message, Long millis) {
            this(name, predicted, actual, agree, message, millis, null, null, null, null, null, null);
        }

        public ClientRun(String name, String predicted, String actual, boolean agree, String message, Long millis,
                         List<String> emulated) {
            this(name, predicted, actual, agree, message, millis, emulated, null, null, null, null, null);
        }
    }

    /**
     * Totals: results as expected; real client runs and how many agreed with the prediction;
     * of the runs where both failed, how many clients named the fault the engine predicted.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(int total, int asExpected, Integer clientRuns, Integer clientAgree, Integer faultRuns, Integer faultNamed) {
        public Summary(int total, int asExpected, Integer clientRuns, Integer clientAgree) {
            this(total, asExpected, clientRuns, clientAgree, null, null);
        }
    }

    /** "; … named the fault the engine predicted in 180 of 184 runs where both failed", or "" when none failed. */
    public static String faultLine(Summary s) {
        return s.faultRuns() == null || s.faultRuns() == 0 ? ""
                : "; where both failed, the client named the predicted fault in " + s.faultNamed() + " of " + s.faultRuns();
    }

    public boolean allAsExpected() {
        return summary.asExpected() == summary.total()
                && (summary.clientRuns() == null || summary.clientAgree().equals(summary.clientRuns()));
    }

    /** Builds the summary from the results. */
    public static Summary summarise(List<Result> results, boolean withClients) {
        int ok = (int) results.stream().filter(Result::asExpected).count();
        if (!withClients) {
            return new Summary(results.size(), ok, null, null);
        }
        int runs = 0;
        int agree = 0;
        int faults = 0;
        int named = 0;
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (Result r : results) {
            // real clients run once per scenario, whatever profiles the scenario is judged as
            if (r.clients() == null || !counted.add(r.id())) {
                continue;
            }
            for (ClientRun c : r.clients()) {
                if ("skipped".equals(c.actual())) {
                    continue;
                }
                runs++;
                if (c.agree()) {
                    agree++;
                }
                if (c.named() != null) {
                    faults++;
                    named += c.named() ? 1 : 0;
                }
            }
        }
        return new Summary(results.size(), ok, runs, agree, faults, named);
    }
}
