package pkilab.probe;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.ca.internal.AiaReader;
import pkilab.ca.internal.OcspClient;
import pkilab.pem.Pem;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Notice;

/**
 * Revocation as a client that checks it does: for each certificate below the root, ask the
 * OCSP responder named in its AIA, else download the CRL from its distribution point, and
 * verify the answer with the issuer's key. A hard-fail client refuses when no answer can be
 * had; a soft-fail client accepts.
 */
final class RevocationCheck {
    private final ClientProfile profile;
    private final Resolver resolver;
    private final Fixes fixes;
    private final List<Finding> out;

    RevocationCheck(ClientProfile profile, Resolver resolver, Fixes fixes, List<Finding> out) {
        this.profile = profile;
        this.resolver = resolver;
        this.fixes = fixes;
        this.out = out;
    }

    void check(List<X509Certificate> path, boolean trusted, Instant at) {
        int last = trusted ? path.size() - 1 : path.size();
        if (profile.revocation() == ClientProfile.Revocation.OFF) {
            X509Certificate leaf = path.get(0);
            if (!AiaReader.ocsp(leaf).isEmpty() || !AiaReader.crlDistributionPoints(leaf).isEmpty()) {
                out.add(Finding.warning(Notice.REVOCATION_NOT_CHECKED, 0, leaf, "the certificate names a CRL or OCSP responder",
                        "a revocation check", "this client does not check revocation, so a revoked certificate would pass"));
            }
            return;
        }
        for (int d = 0; d < last && d + 1 < path.size(); d++) {
            X509Certificate c = path.get(d);
            X509Certificate issuer = path.get(d + 1);
            List<String> tried = new ArrayList<>();
            // OpenSSL's verification reads CRLs only: it asks no OCSP responder
            Outcome o = profile.applies(pkilab.verdict.Rule.CRL_ONLY) ? null : ocsp(c, issuer, at, tried);
            if (o == null) {
                o = crl(c, issuer, at, tried);
            }
            if (o != null && o.revoked) {
                out.add(Finding.failure(Diagnosis.REVOKED, d, c, "revoked at " + o.when + ", reason " + o.reason + " (" + o.source + ")",
                        "a certificate its CA has not revoked", "issue a new certificate and install it",
                        d == 0 ? fixes.reissue(true) : null));
            } else if (o == null) {
                String why = tried.isEmpty() ? "the certificate names no CRL distribution point or OCSP responder"
                        : String.join("; ", tried);
                if (profile.revocation() == ClientProfile.Revocation.HARD) {
                    out.add(Finding.failure(Diagnosis.REVOCATION_UNKNOWN, d, c, why, "a CRL or OCSP answer from "
                            + Finding.subjectOf(issuer), "publish the CRL/OCSP where clients can reach them over HTTP (LDAP-only "
                            + "distribution points fail outside the domain)", d == 0 ? fixes.reissue(true) : null));
                } else {
                    out.add(Finding.warning(Notice.REVOCATION_SOFT_FAIL, d, c, why, "a CRL or OCSP answer",
                            "this client soft-fails: it accepts when it cannot learn the revocation status"));
                }
            }
        }
    }

    private record Outcome(boolean revoked, Instant when, String reason, String source) {
    }

    private Outcome ocsp(X509Certificate c, X509Certificate issuer, Instant at, List<String> tried) {
        for (String url : AiaReader.ocsp(c)) {
            try {
                byte[] body = resolver.post(URI.create(url), "application/ocsp-request", OcspClient.request(c, issuer));
                OcspClient.Answer a = OcspClient.read(body, c, issuer, at);
                if (a.status() == OcspClient.Status.REVOKED) {
                    return new Outcome(true, a.revokedAt(), a.reason(), "OCSP " + url);
                }
                if (a.status() == OcspClient.Status.GOOD) {
                    return new Outcome(false, null, null, "OCSP " + url);
                }
                tried.add("OCSP " + url + ": status unknown");
            } catch (IOException | RuntimeException e) {
                tried.add("OCSP " + url + ": " + e.getMessage());
            }
        }
        return null;
    }

    private Outcome crl(X509Certificate c, X509Certificate issuer, Instant at, List<String> tried) {
        for (String url : AiaReader.crlDistributionPoints(c)) {
            if (!url.toLowerCase(Locale.ROOT).startsWith("http://")) {
                tried.add("CRL " + url.replaceAll("\\?.*", "…") + ": not HTTP");
                continue;
            }
            try {
                X509CRL crl = Pem.parseCrl(resolver.get(URI.create(url)));
                crl.verify(issuer.getPublicKey());
                if (crl.getNextUpdate() != null && at.isAfter(crl.getNextUpdate().toInstant())) {
                    tried.add("CRL " + url + ": stale (nextUpdate " + crl.getNextUpdate().toInstant() + ")");
                    continue;
                }
                X509CRLEntry e = crl.getRevokedCertificate(c.getSerialNumber());
                if (e != null) {
                    String reason = e.getRevocationReason() == null ? "UNSPECIFIED" : e.getRevocationReason().name();
                    return new Outcome(true, e.getRevocationDate().toInstant(), reason, "CRL " + url);
                }
                return new Outcome(false, null, null, "CRL " + url);
            } catch (Exception e) {
                tried.add("CRL " + url + ": " + e.getMessage());
            }
        }
        return null;
    }
}
