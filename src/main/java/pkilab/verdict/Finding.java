package pkilab.verdict;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing the diagnosis engine found about a chain, phrased for a person: what it found,
 * what the client expected, which certificate it is about, the article cause it illustrates,
 * and the fix with the pkilab command that applies it.
 *
 * <p>A failure carries a {@link Diagnosis}; a warning carries a {@link Notice} and does not
 * change the verdict.
 *
 * @param depth   position in the chain, 0 = the server's certificate; -1 when about no certificate
 * @param subject the certificate's subject DN, or null
 * @param cause   1 or 2 when this is one of KB 954584's causes, else 0
 * @param command the pkilab command that applies the fix, or null
 */
public record Finding(Diagnosis diagnosis, Notice notice, int depth, String subject, String found, String expected,
                      int cause, String fix, String command) {

    public static Finding failure(Diagnosis d, int depth, X509Certificate c, String found, String expected,
                                  String fix, String command) {
        return new Finding(d, null, depth, subjectOf(c), found, expected, d.articleCause(), fix, command);
    }

    public static Finding warning(Notice n, int depth, X509Certificate c, String found, String expected, String fix) {
        return new Finding(null, n, depth, subjectOf(c), found, expected, 0, fix, null);
    }

    public boolean isFailure() {
        return diagnosis != null;
    }

    /** The id shown to users: the diagnosis id, or the notice id for a warning. */
    public String id() {
        return diagnosis != null ? diagnosis.id() : notice.id();
    }

    public String severity() {
        return isFailure() ? "failure" : "warning";
    }

    /** The JSON shape: diagnosis, severity, certificate {depth, subject}, found, expected, cause, fix, command. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diagnosis", id());
        m.put("severity", severity());
        if (depth >= 0) {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("depth", depth);
            cert.put("subject", subject);
            m.put("certificate", cert);
        } else {
            m.put("certificate", null);
        }
        m.put("found", found);
        m.put("expected", expected);
        m.put("cause", cause == 0 ? null : cause);
        m.put("fix", fix);
        m.put("command", command);
        return m;
    }

    public static String subjectOf(X509Certificate c) {
        return c == null ? null : c.getSubjectX500Principal().getName();
    }
}
