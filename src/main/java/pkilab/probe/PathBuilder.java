package pkilab.probe;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.ca.internal.AiaReader;
import pkilab.pem.Pem;

/**
 * Builds the certification paths a client could try, the way RFC 4158 describes: from the
 * server's certificate, each issuer is looked for among the client's trusted roots, then
 * among the certificates the server sent (in any order), then — if fetching is allowed — at
 * the AIA caIssuers URL, until a trusted root or a dead end. Every candidate issuer is tried,
 * so a cross-signed intermediate yields one path per root, and the validator can pick the one
 * that holds (an expired root beside a valid one, two CAs of one name with different keys).
 *
 * <p>A candidate issuer has the certificate's issuer name as its subject; when both carry key
 * identifiers they must agree (authorityKeyIdentifier = the issuer's subjectKeyIdentifier), as
 * OpenSSL and Go require. Candidates whose key verifies the signature come first. A name
 * match whose key does not verify is kept only when nothing better exists, so that the bad
 * signature is reported rather than hidden behind "issuer not found". A certificate never
 * appears twice in a path (loops end), paths stop at {@value #MAX_DEPTH} certificates, and
 * at most {@value #MAX_PATHS} paths are built.
 */
final class PathBuilder {
    static final int MAX_DEPTH = 16;
    private static final int MAX_PATHS = 32;

    /** How a path ends. */
    enum End {
        /** At a certificate of the client's trusted roots. */
        TRUSTED,
        /** At a self-signed certificate the client does not trust. */
        UNTRUSTED_SELF_SIGNED,
        /** At a certificate whose issuer could not be found. */
        MISSING_ISSUER,
        /** The path grew past the depth limit without reaching a root. */
        TOO_LONG
    }

    /**
     * One candidate path.
     *
     * @param fetched     AIA fetches: depth of the fetched certificate → URL it came from
     * @param fetchErrors why fetching the missing issuer failed (URL → reason), if it was tried
     * @param clientFetched whether the client itself would have fetched (its profile fetches AIA)
     */
    record Built(List<X509Certificate> path, End end, Map<Integer, String> fetched, Map<String, String> fetchErrors,
                 boolean clientFetched) {
        X509Certificate last() {
            return path.get(path.size() - 1);
        }
    }

    /**
     * How a client looks for issuers.
     *
     * @param alternatives  tries every candidate issuer, signature-verifying ones first (RFC 4158); without it the
     *                      first issuer by name is the path, preferring one valid at {@code at}, as OpenSSL and GnuTLS do
     * @param matchKeyIds   an authorityKeyIdentifier must name the issuer's subjectKeyIdentifier
     * @param at            the validation time, for the preference of a time-valid issuer
     */
    record Search(boolean alternatives, boolean matchKeyIds, java.time.Instant at) {
        static final Search ALL = new Search(true, true, null);
    }

    private final ChainInput in;
    private final Resolver resolver;
    private final boolean clientFetches;
    private final Search search;
    private final List<Built> out = new ArrayList<>();
    private final Map<X509Certificate, Fetched> fetchCache = new LinkedHashMap<>();
    private final Map<String, String> fetchErrors = new LinkedHashMap<>();

    private PathBuilder(ChainInput in, Resolver resolver, boolean clientFetches, Search search) {
        this.in = in;
        this.resolver = resolver;
        this.clientFetches = clientFetches;
        this.search = search;
    }

    /**
     * Every candidate path from the server's certificate, most promising first.
     *
     * @param resolver      where fetching may go; null to fetch nothing (the engine also fetches
     *                      to explain a failure when the client would not: {@code clientFetches} says which)
     */
    static List<Built> candidates(ChainInput in, Resolver resolver, boolean clientFetches, Search search) {
        PathBuilder b = new PathBuilder(in, resolver, clientFetches, search);
        List<X509Certificate> path = new ArrayList<>();
        path.add(in.leaf());
        b.extend(path, new LinkedHashMap<>());
        return b.out;
    }

    /** The first candidate: what a caller that needs one path (the probe's chain picture) shows. */
    static Built build(ChainInput in, Resolver resolver, boolean clientFetches) {
        return candidates(in, resolver, clientFetches, Search.ALL).get(0);
    }

    private void emit(List<X509Certificate> path, End end, Map<Integer, String> fetched) {
        out.add(new Built(List.copyOf(path), end, Map.copyOf(fetched), Map.copyOf(fetchErrors), clientFetches));
    }

    private void extend(List<X509Certificate> path, Map<Integer, String> fetched) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        X509Certificate cur = path.get(path.size() - 1);
        if (isTrusted(cur, in.trusted())) {
            emit(path, End.TRUSTED, fetched);
            return;
        }
        if (path.size() >= MAX_DEPTH) {
            emit(path, End.TOO_LONG, fetched);
            return;
        }
        boolean found = false;
        for (X509Certificate anchor : issuers(cur, in.trusted(), path)) {
            path.add(anchor);
            emit(path, End.TRUSTED, fetched);
            path.remove(path.size() - 1);
            found = true;
        }
        if (found) {
            return; // a path to a trusted root exists; longer detours through sent copies add nothing
        }
        if (selfSigned(cur)) {
            emit(path, End.UNTRUSTED_SELF_SIGNED, fetched);
            return;
        }
        List<X509Certificate> next = issuers(cur, in.presented(), path);
        Fetched f = null;
        if (next.isEmpty() && resolver != null) {
            f = fetchCache.computeIfAbsent(cur, c -> fetchIssuer(c));
            if (f != null && !path.contains(f.certificate())) {
                next = List.of(f.certificate());
            }
        }
        if (next.isEmpty()) {
            emit(path, End.MISSING_ISSUER, fetched);
            return;
        }
        for (X509Certificate n : next) {
            path.add(n);
            Map<Integer, String> fx = fetched;
            if (f != null && n == f.certificate()) {
                fx = new LinkedHashMap<>(fetched);
                fx.put(path.size() - 1, f.url());
            }
            extend(path, fx);
            path.remove(path.size() - 1);
        }
    }

    static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** Self-issued and signed by its own key: a root, as opposed to a CA's key-rollover certificate. */
    static boolean selfSigned(X509Certificate c) {
        return selfIssued(c) && verifies(c, c);
    }

    /** Trusted as itself: the same certificate, or the same name and key (a re-issued root). */
    static boolean isTrusted(X509Certificate c, List<X509Certificate> trusted) {
        for (X509Certificate t : trusted) {
            if (t.equals(c) || (t.getSubjectX500Principal().equals(c.getSubjectX500Principal())
                    && t.getPublicKey().equals(c.getPublicKey()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidates that may have issued {@code c}: verifying ones first, a bad-signature name
     * match only if no other; for a client that does not search, only the first by name (a
     * time-valid one if there is one).
     */
    private List<X509Certificate> issuers(X509Certificate c, List<X509Certificate> candidates, List<X509Certificate> path) {
        List<X509Certificate> good = new ArrayList<>();
        List<X509Certificate> nameOnly = new ArrayList<>();
        X509Certificate first = null;
        X509Certificate firstValid = null;
        for (X509Certificate cand : candidates) {
            if ((search.alternatives() ? onPath(cand, path) : path.contains(cand))
                    || !cand.getSubjectX500Principal().equals(c.getIssuerX500Principal())
                    || search.matchKeyIds() && !keyIdsAgree(c, cand)) {
                continue;
            }
            if (!search.alternatives()) {
                first = first == null ? cand : first;
                if (firstValid == null && search.at() != null && !search.at().isBefore(cand.getNotBefore().toInstant())
                        && !search.at().isAfter(cand.getNotAfter().toInstant())) {
                    firstValid = cand;
                }
                continue;
            }
            if (verifies(c, cand)) {
                good.add(cand);
            } else if (nameOnly.isEmpty()) {
                nameOnly.add(cand);
            }
        }
        if (!search.alternatives()) {
            return first == null ? List.of() : List.of(firstValid != null ? firstValid : first);
        }
        return good.isEmpty() ? nameOnly : good;
    }

    private static boolean onPath(X509Certificate cand, List<X509Certificate> path) {
        for (X509Certificate p : path) {
            if (p.equals(cand) || (p.getSubjectX500Principal().equals(cand.getSubjectX500Principal())
                    && p.getPublicKey().equals(cand.getPublicKey()))) {
                return true;
            }
        }
        return false;
    }

    /** An authorityKeyIdentifier names its issuer's subjectKeyIdentifier; when both are there they must be equal. */
    static boolean keyIdsAgree(X509Certificate c, X509Certificate issuer) {
        byte[] aki = Structures.of(c).akiKeyId();
        byte[] ski = Structures.of(issuer).skiKeyId();
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    static boolean verifies(X509Certificate c, X509Certificate issuer) {
        return Structures.verifies(c, issuer);
    }

    private record Fetched(X509Certificate certificate, String url) {
    }

    private Fetched fetchIssuer(X509Certificate c) {
        for (String url : AiaReader.caIssuers(c)) {
            if (!url.startsWith("http://")) {
                fetchErrors.put(url, "not an http:// URL (a client outside the domain cannot use LDAP)");
                continue;
            }
            try {
                byte[] body = resolver.get(URI.create(url));
                List<X509Certificate> certs = Pem.parseCertificates(body, url);
                for (X509Certificate cand : certs) {
                    if (cand.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                        return new Fetched(cand, url);
                    }
                }
                fetchErrors.put(url, "it holds no certificate named " + c.getIssuerX500Principal().getName());
            } catch (IOException | RuntimeException e) {
                fetchErrors.put(url, e.getMessage());
            }
        }
        return null;
    }
}
