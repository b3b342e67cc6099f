package pkilab.verdict;

import java.util.Locale;

/**
 * Whether one client accepts a server: the engine's answer for a chain ({@link DiagnosisResult#verdict()}).
 * What a scenario expects is a {@code scenario.Expectation} (a verdict with the diagnosis and why);
 * what a real client did is a {@code clients.ClientOutcome.Status}, which may also be skipped or an error.
 */
public enum Verdict {
    PASS, FAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
