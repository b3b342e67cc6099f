package pkilab.differential;

import java.util.List;
import pkilab.testing.Tools;

/**
 * A real certificate validator installed on this machine, driven as the client stack that a
 * pkilab profile models drives it. Its answer is the reference the engine is measured against.
 */
interface Validator {
    /** A validator's answer: pass, fail, or not-run (it cannot be asked this case), and its own words. */
    record Outcome(String verdict, String text) {
        Outcome(boolean pass, String text) {
            this(pass ? "pass" : "fail", text);
        }

        static Outcome notRun(String why) {
            return new Outcome("not-run", why);
        }

        boolean pass() {
            return verdict.equals("pass");
        }

        boolean ran() {
            return !verdict.equals("not-run");
        }
    }

    /** The pkilab profile (scenarios/clients.yaml) this validator is the reference for. */
    String profile();

    /** The program as a reader knows it, e.g. {@code openssl verify -x509_strict}. */
    String name();

    /** Why it cannot run here (its program is missing), or null when it can. */
    String unavailable();

    Outcome judge(CaseFiles files);

    /** The reason a program is missing, or null. */
    static String missing(String... programs) {
        for (String p : programs) {
            if (!Tools.available(p)) {
                return p + " is not installed (CI installs it from .ci/run)";
            }
        }
        return null;
    }

    /** The lines of {@code output} that contain {@code marker}, joined; all of it when none do. */
    static String lines(String output, String workDir, List<String> markers) {
        StringBuilder sb = new StringBuilder();
        for (String line : output.replace(workDir + "/", "").split("\n")) {
            String t = line.trim();
            if (markers.stream().anyMatch(t::contains) && sb.indexOf(t) < 0) {
                sb.append(sb.length() == 0 ? "" : " | ").append(t);
            }
        }
        String all = sb.length() > 0 ? sb.toString() : output.replace(workDir + "/", "").trim().replaceAll("\\s*\n\\s*", " | ");
        // certtool's advice about verification profiles says nothing about the chain
        all = all.replaceAll("Note that no verification profile was selected[^|]*\\| ?|Use --verify-profile[^|]*\\| ?", "");
        return all.length() > 400 ? all.substring(0, 400) + "…" : all;
    }
}
