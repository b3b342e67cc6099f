package pkilab.probe;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pkilab.ca.CertNames;
import pkilab.family.OpenSslFamily;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;
import pkilab.verdict.Rule;

/**
 * Judges a server's chain as one client would, and says why. A TLS client accepts a server
 * when it can build a path from the server's certificate to a root it trusts, every
 * certificate on that path is valid now, correctly signed, allowed to do what it does, and
 * strong enough for the client's policy — and the certificate names the host in the URL.
 *
 * <pre>
 *   leaf  CN=mail.contoso.test        ← the server sends this …
 *    └ intermediate  Lab Trust TLS RSA CA 2026   ← … and this (or the client fetches it via AIA)
 *       └ root  Lab Trust Global Root          ← the client has this in its trust store
 * </pre>
 *
 * The engine builds that path itself ({@link PathBuilder}), then runs every check and keeps
 * every problem ({@link ChainChecks}, {@link NameChecks}, {@link RevocationCheck}), so an
 * expired certificate for the wrong name reports both. Each failure is a {@link Diagnosis};
 * lenient behaviour that let a chain through is a {@link Notice}.
 *
 * <pre>
 *   DiagnosisResult r = DiagnosisEngine.diagnose(new ChainInput(chain, roots, "exch01"),
 *           profile, Instant.now(), resolver);
 *   r.verdict();   // FAIL
 *   r.findings();  // hostname-mismatch: certificate is valid for mail.contoso.test, not exch01 …
 * </pre>
 */
public final class DiagnosisEngine {
    private DiagnosisEngine() {
    }

    /**
     * @param resolver where AIA, CRL and OCSP URLs may be fetched; null to fetch nothing (offline)
     */
    public static DiagnosisResult diagnose(ChainInput in, ClientProfile profile, Instant at, Resolver resolver) {
        try {
            return validate(in, profile, at, resolver);
        } catch (RuntimeException e) {
            // a certificate whose extensions parse well enough for the JDK and Bouncy Castle but
            // break a reader further on: still a verdict about the chain, never an internal error
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            Finding f = new Finding(Diagnosis.MALFORMED, null, 0, in.hasLeaf() ? Finding.subjectOf(in.leaf()) : null,
                    "a certificate of the chain cannot be processed: " + why, "well-formed DER extensions (RFC 5280 §4.2)",
                    0, "replace the certificate: no client can use it", null);
            return new DiagnosisResult(in.host(), profile.id(), at, in.hasLeaf() ? List.of(in.leaf()) : List.of(), false, List.of(f));
        }
    }

    private static DiagnosisResult validate(ChainInput in, ClientProfile profile, Instant at, Resolver resolver) {
        List<Finding> unreadable = unreadable(in);
        if (!in.hasLeaf()) {
            return new DiagnosisResult(in.host(), profile.id(), at, List.of(), false, sorted(unreadable, profile));
        }
        Judged best = null;
        PathBuilder.Search search = new PathBuilder.Search(profile.applies(Rule.ALTERNATIVE_PATHS),
                profile.applies(Rule.KEY_ID_MATCHING), at);
        for (PathBuilder.Built b : PathBuilder.candidates(in, resolver, profile.aiaFetch(), search)) {
            Judged j = judge(in, profile, b, at);
            if (best == null || j.compareTo(best) < 0) {
                best = j;
            }
            if (j.failures() == 0 && b.end() == PathBuilder.End.TRUSTED) {
                break; // the first path that holds is the one the client takes
            }
        }
        List<Finding> out = new ArrayList<>(best.findings());
        out.addAll(unreadable);
        boolean trusted = best.built().end() == PathBuilder.End.TRUSTED;
        if (trusted || profile.revocation() == ClientProfile.Revocation.OFF) {
            new RevocationCheck(profile, resolver == null ? Resolver.loopbackOnly() : resolver, new Fixes(in, profile), out)
                    .stapled(in.stapledOcsp())
                    .check(best.built().path(), trusted, at);
        }
        return new DiagnosisResult(in.host(), profile.id(), at, List.copyOf(best.built().path()), trusted, sorted(out, profile));
    }

    /** One candidate path and what the client finds wrong with it. */
    private record Judged(PathBuilder.Built built, List<Finding> findings) implements Comparable<Judged> {
        long failures() {
            return findings.stream().filter(Finding::isFailure).count();
        }

        /** A path to a trusted root beats one that is not; then fewer failures; then the order built. */
        @Override
        public int compareTo(Judged o) {
            int t = Boolean.compare(o.built.end() == PathBuilder.End.TRUSTED, built.end() == PathBuilder.End.TRUSTED);
            return t != 0 ? t : Long.compare(failures(), o.failures());
        }
    }

    /** RFC 5280 §6.1 on one candidate path, under the profile's rules; no I/O. */
    private static Judged judge(ChainInput in, ClientProfile profile, PathBuilder.Built built, Instant at) {
        boolean trusted = built.end() == PathBuilder.End.TRUSTED;
        List<Finding> out = new ArrayList<>();
        Fixes fixes = new Fixes(in, profile);
        trust(in, profile, built, fixes, out);
        StackLimits.check(in, profile, built, out);
        new StructureChecks(profile, built.path(), trusted, out).check();
        jdkRefusals(in, profile, built.path(), out);
        ChainChecks checks = new ChainChecks(in, profile, built.path(), trusted, fixes, out);
        checks.validity(at);
        checks.signatures();
        checks.caConstraints();
        checks.serverAuthUsage();
        checks.algorithms();
        NameChecks names = new NameChecks(in, profile, fixes, out);
        names.host();
        names.constraints(built.path(), trusted);
        if (trusted && profile.applies(Rule.POLICIES)) {
            PolicyCheck.check(built.path(), out);
        }
        return new Judged(built, out);
    }

    /** Sent certificates that are no certificate at all: every client refuses the chain. */
    private static List<Finding> unreadable(ChainInput in) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : in.unparsed().entrySet()) {
            out.add(new Finding(Diagnosis.MALFORMED, null, e.getKey(), null, "certificate " + (e.getKey() + 1)
                    + " of the chain the server sent cannot be read: " + e.getValue(), "a well-formed DER certificate (RFC 5280 §4.1)",
                    0, "replace the certificate: no client can use it", null));
        }
        return out;
    }

    /** A certificate only a lenient reader accepts: a Java client cannot even read it. */
    private static void jdkRefusals(ChainInput in, ClientProfile profile, List<X509Certificate> path, List<Finding> out) {
        if (profile.family() != ClientProfile.Family.JAVA) {
            return;
        }
        for (int d = 0; d < path.size(); d++) {
            String why = in.jdkRefusals().get(path.get(d));
            if (why != null) {
                out.add(Finding.failure(Diagnosis.MALFORMED, d, path.get(d), "the JDK cannot read the certificate: " + why,
                        "a certificate the JDK's X.509 reader accepts", "issue the certificate again with a conforming CA", null));
            }
        }
    }

    /** The same result with one more finding (the probe adds protocol problems it met on the wire). */
    public static DiagnosisResult with(DiagnosisResult r, Finding extra) {
        // the result is in its profile's order already: the new finding goes before the first that ranks below it
        List<Finding> all = new ArrayList<>(r.findings());
        Comparator<Finding> order = order(false);
        int at = 0;
        while (at < all.size() && order.compare(all.get(at), extra) <= 0) {
            at++;
        }
        all.add(at, extra);
        return new DiagnosisResult(r.host(), r.client(), r.at(), r.path(), r.trusted(), List.copyOf(all));
    }

    /**
     * Importance, as clients meet the problems: no handshake at all, then no trusted path, then
     * the name (the article's two causes), then the path's structure, time, algorithms and
     * usage, and revocation last (it is only asked about a path that stands).
     */
    static final List<Diagnosis> IMPORTANCE = List.of(Diagnosis.PROTOCOL, Diagnosis.CIPHER, Diagnosis.SNI_REQUIRED, Diagnosis.MALFORMED, Diagnosis.SELF_SIGNED,
            Diagnosis.UNTRUSTED_ROOT, Diagnosis.INCOMPLETE_CHAIN, Diagnosis.HOSTNAME_MISMATCH, Diagnosis.NO_SAN,
            Diagnosis.BAD_SIGNATURE, Diagnosis.UNKNOWN_CRITICAL_EXTENSION, Diagnosis.NOT_A_CA, Diagnosis.PATH_LENGTH,
            Diagnosis.NAME_CONSTRAINTS, Diagnosis.POLICY, Diagnosis.NON_CONFORMING,
            Diagnosis.EXPIRED, Diagnosis.NOT_YET_VALID, Diagnosis.WEAK_SIGNATURE, Diagnosis.WEAK_KEY, Diagnosis.WRONG_USAGE,
            Diagnosis.REVOKED, Diagnosis.REVOCATION_UNKNOWN, Diagnosis.CLIENT_CERTIFICATE, Diagnosis.MUST_STAPLE);

    /** Failures by importance (the name last for a profile with {@code host-after-path}), then by depth; warnings last. */
    static List<Finding> sorted(List<Finding> findings, ClientProfile profile) {
        if (profile.applies(Rule.LAST_ERROR)) {
            return findings.stream().sorted(lastOpenSslError()).toList();
        }
        return findings.stream().sorted(order(profile.applies(Rule.HOST_AFTER_PATH))).toList();
    }

    /**
     * Node.js's order: the handshake's own failure first, then what OpenSSL's verification found
     * last; the name, which Node matches itself once the verification passed, at the end.
     */
    private static Comparator<Finding> lastOpenSslError() {
        List<Diagnosis> order = OpenSslFamily.ORDER;
        return Comparator.comparing((Finding f) -> f.isFailure() ? 0 : 1)
                .thenComparing(f -> !f.isFailure() ? f.notice().ordinal()
                        : f.diagnosis() == Diagnosis.PROTOCOL ? -1
                        : f.diagnosis() == Diagnosis.HOSTNAME_MISMATCH || f.diagnosis() == Diagnosis.NO_SAN ? order.size() + 1
                        : order.contains(f.diagnosis()) ? order.size() - order.indexOf(f.diagnosis()) : order.size())
                .thenComparing(Finding::depth);
    }

    private static Comparator<Finding> order(boolean hostLast) {
        return Comparator.comparing((Finding f) -> f.isFailure() ? 0 : 1)
                .thenComparing(f -> f.isFailure() ? rank(f.diagnosis(), hostLast) : f.notice().ordinal())
                .thenComparing(Finding::depth);
    }

    private static int rank(Diagnosis d, boolean hostLast) {
        if (hostLast && (d == Diagnosis.HOSTNAME_MISMATCH || d == Diagnosis.NO_SAN)) {
            return IMPORTANCE.size() + (d == Diagnosis.NO_SAN ? 1 : 0);
        }
        return IMPORTANCE.indexOf(d); // every diagnosis is listed (DiagnosisEngineTest)
    }

    private static void trust(ChainInput in, ClientProfile profile, PathBuilder.Built b, Fixes fixes, List<Finding> out) {
        String roots = in.trusted().isEmpty() ? "none"
                : in.trusted().stream().map(c -> CertNames.commonName(c) == null ? Finding.subjectOf(c) : CertNames.commonName(c))
                .collect(Collectors.joining(", "));
        List<X509Certificate> path = b.path();
        for (Map.Entry<Integer, String> f : b.fetched().entrySet()) {
            int d = f.getKey();
            X509Certificate fetched = path.get(d);
            if (PathBuilder.selfIssued(fetched)) {
                continue; // a server need not send its root
            }
            if (b.clientFetched()) {
                out.add(Finding.warning(Notice.AIA_FETCHED, d, fetched, "the server did not send it; this client fetched it from "
                        + f.getValue(), "the server sends every intermediate", "configure the server to send the intermediate too: "
                        + "clients that do not fetch (Java, OpenSSL, curl) fail"));
            } else {
                X509Certificate below = path.get(d - 1);
                out.add(Finding.failure(Diagnosis.INCOMPLETE_CHAIN, d - 1, below, "the server sent " + count(in.presented().size())
                                + " without the issuer " + Finding.subjectOf(fetched) + "; this client does not fetch it from "
                                + f.getValue(), "the server sends the leaf and every intermediate up to a root the client trusts",
                        "configure the server to send the intermediate with its certificate (the -fullchain.pem file)",
                        caShow(in, fetched)));
            }
        }
        X509Certificate last = b.last();
        int depth = path.size() - 1;
        switch (b.end()) {
            case TRUSTED -> {
                if (depth > 0 && in.presented().contains(last)) {
                    out.add(Finding.warning(Notice.ROOT_SENT, depth, last, "the server sends the root certificate",
                            "the leaf and the intermediates", "harmless: clients use their own copy of the root"));
                }
            }
            case UNTRUSTED_SELF_SIGNED -> {
                if (depth == 0) {
                    out.add(Finding.failure(Diagnosis.SELF_SIGNED, 0, last, "certificate is self-signed (issuer = subject = "
                                    + Finding.subjectOf(last) + ") and not in this client's trusted roots",
                            "a certificate issued by a CA the client trusts (trusted roots: " + roots + ")",
                            "put a certificate from a CA the client trusts on the server (resolution 1), "
                                    + "or import this certificate into the client's Trusted Root store",
                            fixes.reissue(true)));
                } else {
                    out.add(Finding.failure(Diagnosis.UNTRUSTED_ROOT, depth, last, "the chain ends in " + Finding.subjectOf(last)
                                    + (in.presented().contains(last) ? "" : " (not sent by the server)")
                                    + ", which is not in this client's trusted roots",
                            "a chain ending in a trusted root (trusted roots: " + roots + ")",
                            "import the root into the client's Trusted Root store (domain members get it by Group Policy), "
                                    + "or use a certificate from a CA the client trusts", fixes.trustRoot(last)));
                }
            }
            case MISSING_ISSUER -> {
                String why = b.fetchErrors().isEmpty()
                        ? (b.clientFetched() ? "; the certificate names no caIssuers URL this client can reach"
                        : "; this client does not fetch issuers from AIA")
                        : "; fetching it failed: " + b.fetchErrors().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
                out.add(Finding.failure(Diagnosis.INCOMPLETE_CHAIN, depth, last, "the issuer " + last.getIssuerX500Principal().getName()
                                + " was not sent by the server (it sent " + count(in.presented().size()) + ") and is not a trusted root" + why,
                        "the server sends every intermediate, up to a root the client trusts (trusted roots: " + roots + ")",
                        "configure the server to send the intermediate with its certificate; if the issuer is a root, "
                                + "the client must trust it", null));
            }
            case TOO_LONG -> out.add(Finding.failure(Diagnosis.INCOMPLETE_CHAIN, depth, last, "no trusted root within "
                    + PathBuilder.MAX_DEPTH + " certificates", "a path of at most " + PathBuilder.MAX_DEPTH
                    + " certificates to a trusted root", "send a shorter chain", null));
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 certificate" : n + " certificates";
    }

    private static String caShow(ChainInput in, X509Certificate ca) {
        String id = in.labCas().get(ca.getSubjectX500Principal().getName());
        return id == null ? null : "pkilab ca show " + id + " --pem";
    }
}
