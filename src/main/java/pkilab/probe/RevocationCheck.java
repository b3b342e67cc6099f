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
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;
import pkilab.verdict.Rule;

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
    private byte[] staple;

    RevocationCheck(ClientProfile profile, Resolver resolver, Fixes fixes, List<Finding> out) {
        this.profile = profile;
        this.resolver = resolver;
        this.fixes = fixes;
        this.out = out;
    }

    /** The OCSP answer stapled in the handshake (empty: none; null: unknown, the chain came from files). */
    RevocationCheck stapled(byte[] ocsp) {
        this.staple = ocsp;
        return this;
    }

    void check(List<X509Certificate> path, boolean trusted, Instant at) {
        int last = trusted ? path.size() - 1 : path.size();
        mustStaple(path.get(0));
        Outcome stapledAnswer = path.size() > 1 ? stapledAnswer(path.get(0), path.get(1), at) : null;
        if (stapledAnswer != null && stapledAnswer.revoked
                && (profile.revocation() != ClientProfile.Revocation.OFF || profile.applies(Rule.STAPLED_OCSP))) {
            out.add(Finding.failure(Diagnosis.REVOKED, 0, path.get(0), "revoked at " + stapledAnswer.when + ", reason "
                    + stapledAnswer.reason + " (" + stapledAnswer.source + ")", "a certificate its CA has not revoked",
                    "issue a new certificate and install it", fixes.reissue(true)));
            return;
        }
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
            // a good stapled answer for the leaf spares the client its own request; OpenSSL's
            // verification reads CRLs only: it asks no OCSP responder
            Outcome o = d == 0 && stapledAnswer != null ? stapledAnswer
                    : profile.applies(pkilab.verdict.Rule.CRL_ONLY) ? null : ocsp(c, issuer, at, tried);
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

    /** TLS Feature (RFC 7633) = SEQUENCE OF INTEGER; 5 is status_request. */
    private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";

    /** A must-staple leaf seen in a handshake without a staple, for a client that enforces it. */
    private void mustStaple(X509Certificate leaf) {
        if (staple == null || staple.length > 0 || !profile.applies(Rule.MUST_STAPLE) || !requiresStaple(leaf)) {
            return;
        }
        out.add(Finding.failure(Diagnosis.MUST_STAPLE, 0, leaf, "the certificate's TLS Feature extension lists status_request"
                + " (must-staple) and the server stapled no OCSP response", "a stapled OCSP response in the handshake",
                "turn OCSP stapling on in the server, or issue the certificate without must-staple", null));
    }

    static boolean requiresStaple(X509Certificate c) {
        byte[] ext = c.getExtensionValue(TLS_FEATURE);
        if (ext == null) {
            return false;
        }
        // OCTET STRING { SEQUENCE { INTEGER … } }: look for INTEGER 5 (02 01 05) among the features
        for (int i = 0; i + 2 < ext.length; i++) {
            if (ext[i] == 0x02 && ext[i + 1] == 0x01 && ext[i + 2] == 0x05) {
                return true;
            }
        }
        return false;
    }

    private Outcome stapledAnswer(X509Certificate leaf, X509Certificate issuer, Instant at) {
        if (staple == null || staple.length == 0) {
            return null;
        }
        try {
            OcspClient.Answer a = OcspClient.read(staple, leaf, issuer, at);
            if (a.status() == OcspClient.Status.REVOKED) {
                return new Outcome(true, a.revokedAt(), a.reason(), "stapled OCSP response");
            }
            return a.status() == OcspClient.Status.GOOD ? new Outcome(false, null, null, "stapled OCSP response") : null;
        } catch (IOException | RuntimeException e) {
            return null;   // a stapled answer that does not verify is no evidence; the client asks on its own
        }
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
