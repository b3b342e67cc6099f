package pkilab.probe;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.ca.internal.AiaReader;
import pkilab.pem.Pem;

/**
 * Builds a certification path the way a client does: from the server's certificate, find
 * each issuer among the client's trusted roots, then among the certificates the server sent,
 * then (if the client fetches) from the AIA caIssuers URL, until a trusted root or a dead end.
 *
 * <p>Issuers are matched by name; a candidate whose key verifies the signature wins, and if
 * none does the name match is kept so that the bad signature is reported rather than hidden
 * behind "issuer not found".
 */
final class PathBuilder {
    private static final int MAX_DEPTH = 10;

    /** How the path ends. */
    enum End {
        /** At a certificate of the client's trusted roots. */
        TRUSTED,
        /** At a self-signed certificate the client does not trust. */
        UNTRUSTED_SELF_SIGNED,
        /** At a certificate whose issuer could not be found. */
        MISSING_ISSUER
    }

    /**
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

    private PathBuilder() {
    }

    /**
     * @param resolver      where fetching may go; null to fetch nothing (the engine also fetches
     *                      to explain a failure when the client would not: {@code clientFetches} says which)
     */
    static Built build(ChainInput in, Resolver resolver, boolean clientFetches) {
        List<X509Certificate> path = new ArrayList<>();
        Map<Integer, String> fetched = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        X509Certificate cur = in.leaf();
        path.add(cur);
        while (path.size() <= MAX_DEPTH) {
            if (isTrusted(cur, in.trusted())) {
                return new Built(path, End.TRUSTED, fetched, errors, clientFetches);
            }
            X509Certificate anchor = issuerAmong(cur, in.trusted(), path);
            if (anchor != null) {
                path.add(anchor);
                return new Built(path, End.TRUSTED, fetched, errors, clientFetches);
            }
            if (selfIssued(cur)) {
                return new Built(path, End.UNTRUSTED_SELF_SIGNED, fetched, errors, clientFetches);
            }
            X509Certificate next = issuerAmong(cur, in.presented(), path);
            if (next == null && resolver != null) {
                Fetched f = fetchIssuer(cur, resolver, errors);
                if (f != null) {
                    next = f.certificate();
                    fetched.put(path.size(), f.url());
                }
            }
            if (next == null) {
                return new Built(path, End.MISSING_ISSUER, fetched, errors, clientFetches);
            }
            path.add(next);
            cur = next;
        }
        return new Built(path, End.MISSING_ISSUER, fetched, errors, clientFetches);
    }

    static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
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

    private static X509Certificate issuerAmong(X509Certificate c, List<X509Certificate> candidates,
                                               List<X509Certificate> path) {
        X509Certificate byName = null;
        for (X509Certificate cand : candidates) {
            if (path.contains(cand) || !cand.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            if (verifies(c, cand)) {
                return cand;
            }
            if (byName == null) {
                byName = cand;
            }
        }
        return byName;
    }

    static boolean verifies(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private record Fetched(X509Certificate certificate, String url) {
    }

    private static Fetched fetchIssuer(X509Certificate c, Resolver resolver, Map<String, String> errors) {
        for (String url : AiaReader.caIssuers(c)) {
            if (!url.startsWith("http://")) {
                errors.put(url, "not an http:// URL (a client outside the domain cannot use LDAP)");
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
                errors.put(url, "it holds no certificate named " + c.getIssuerX500Principal().getName());
            } catch (IOException | RuntimeException e) {
                errors.put(url, e.getMessage());
            }
        }
        return null;
    }
}
