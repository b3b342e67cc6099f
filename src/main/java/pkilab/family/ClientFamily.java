package pkilab.family;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * One TLS stack's language, both ways: what the client says for each {@link Diagnosis}, and
 * which diagnoses a text it printed means. A client reports the first problem its own checks
 * meet (OpenSSL's path building before the host name, Java's validity before usage), so each
 * family also keeps its check order. Each family is one file:
 *
 * <pre>
 *   DotNetFamily    the E-mail Router, .NET Framework and .NET 5+ (SslPolicyErrors, X509ChainStatus), Mono
 *   JavaFamily      JSSE with the PKIX trust manager
 *   OpenSslFamily   OpenSSL 3 and what speaks through it: curl, Python, Node.js
 *   GnuTlsFamily    gnutls-cli and certtool status flags
 *   NssFamily       NSS (vfychain, Firefox) error codes
 *   ChromiumFamily  Chromium's net::ERR_* codes
 * </pre>
 *
 * A new diagnosis does not compile until every family's words for it are written (each says
 * it in one exhaustive switch); {@code ClientFamilyTest} checks that every family reads back
 * what it says. The words are emulated: pkilab predicts them from its findings, and the
 * differential and real-client tests check them against the stacks themselves.
 */
public abstract sealed class ClientFamily permits DotNetFamily, JavaFamily, OpenSslFamily, GnuTlsFamily, NssFamily, ChromiumFamily {
    private final ClientProfile.Family id;
    private final List<Diagnosis> checkOrder;
    private final MessageTable table;
    private final boolean printsEvery;

    /**
     * @param checkOrder  every diagnosis once, in the order this stack's checks meet them
     * @param table       how to read what the client printed
     * @param printsEvery whether the client prints every problem it found (status flags), not only the first
     */
    ClientFamily(ClientProfile.Family id, List<Diagnosis> checkOrder, MessageTable table, boolean printsEvery) {
        this.id = id;
        this.checkOrder = List.copyOf(checkOrder);
        this.table = table;
        this.printsEvery = printsEvery;
    }

    /** The family of a client profile. */
    public static ClientFamily of(ClientProfile.Family f) {
        return switch (f) {
            case DOTNET -> DotNetFamily.INSTANCE;
            case JAVA -> JavaFamily.INSTANCE;
            case OPENSSL -> OpenSslFamily.INSTANCE;
            case GNUTLS -> GnuTlsFamily.INSTANCE;
            case NSS -> NssFamily.INSTANCE;
            case BROWSER -> ChromiumFamily.INSTANCE;
        };
    }

    /** Every family, in the order of {@link ClientProfile.Family}. */
    public static List<ClientFamily> all() {
        return java.util.Arrays.stream(ClientProfile.Family.values()).map(ClientFamily::of).toList();
    }

    public ClientProfile.Family id() {
        return id;
    }

    /** Every diagnosis once, in the order this stack's checks meet them. */
    public List<Diagnosis> checkOrder() {
        return checkOrder;
    }

    /** Whether the client prints every problem it found (status flags), not only the first. */
    public boolean printsEvery() {
        return printsEvery;
    }

    /** The diagnosis the client names for this result: its failure that comes first in {@link #checkOrder()}; null when it passes. */
    public Diagnosis named(DiagnosisResult r) {
        Finding f = reported(r);
        return f == null ? null : f.diagnosis();
    }

    /** The failure the client reports, the one its checks meet first; null when it passes. */
    final Finding reported(DiagnosisResult r) {
        return firstFinding(r.failures(), checkOrder);
    }

    /** What the client prints for this result, field by field (for JSON); "ok" or a pass entry when it passes. */
    public abstract Object say(DiagnosisResult r);

    /** The one line a person reads for a failing result: the error the client prints. */
    public abstract String line(DiagnosisResult r);

    /** The diagnoses a text this client printed is consistent with, most likely first; empty when it names none. */
    public List<Diagnosis> read(String text) {
        return table.diagnose(text);
    }

    /** What every family prints for this result, keyed by family, plus {@code "emulated": true}. */
    public static Map<String, Object> sayAll(DiagnosisResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emulated", true);
        m.put("dotnet", DotNetFamily.INSTANCE.say(r));
        m.put("java", JavaFamily.INSTANCE.say(r));
        m.put("openssl", OpenSslFamily.INSTANCE.say(r));
        m.put("curl", OpenSslFamily.curl(r));
        m.put("gnutls", GnuTlsFamily.INSTANCE.say(r));
        m.put("nss", NssFamily.INSTANCE.say(r));
        m.put("browser", ChromiumFamily.INSTANCE.say(r));
        return m;
    }

    /** The failure whose diagnosis comes first in {@code order}; null when none does. */
    static Finding firstFinding(List<Finding> failures, List<Diagnosis> order) {
        for (Diagnosis d : order) {
            for (Finding f : failures) {
                if (f.diagnosis() == d) {
                    return f;
                }
            }
        }
        return null;
    }
}
