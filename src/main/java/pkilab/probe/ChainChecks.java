package pkilab.probe;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import pkilab.ca.CertNames;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;
import pkilab.verdict.Rule;

/**
 * The RFC 5280 checks of each certificate on a built path, done one by one so that every
 * problem is reported, not only the first: validity at the given time, signatures, basic
 * constraints and path length, key usage for TLS server authentication, and the client's
 * algorithm policy (SHA-1, RSA key size).
 */
final class ChainChecks {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String ANY_EKU = "2.5.29.37.0";

    private final ChainInput in;
    private final ClientProfile profile;
    private final List<X509Certificate> path;
    private final boolean trusted;
    private final Fixes fixes;
    private final List<Finding> out;

    ChainChecks(ChainInput in, ClientProfile profile, List<X509Certificate> path, boolean trusted, Fixes fixes,
                List<Finding> out) {
        this.in = in;
        this.profile = profile;
        this.path = path;
        this.trusted = trusted;
        this.fixes = fixes;
        this.out = out;
    }

    private boolean isAnchor(int depth) {
        return trusted && depth == path.size() - 1;
    }

    void validity(Instant at) {
        if (!profile.applies(Rule.VALIDITY)) {
            return;
        }
        for (int d = 0; d < path.size(); d++) {
            X509Certificate c = path.get(d);
            if (isAnchor(d) && d > 0 && !profile.applies(Rule.ANCHOR_VALIDITY)) {
                continue; // RFC 5280 §6.1.1 (d): the anchor gives a name and a key; its dates are the relying party's business
            }
            Instant nb = c.getNotBefore().toInstant();
            Instant na = c.getNotAfter().toInstant();
            String window = "valid from " + nb + " to " + na;
            String fix = d == 0 ? "issue a new certificate for the server and install it"
                    : "renew the CA certificate " + Finding.subjectOf(c) + " and re-issue what it signed";
            String cmd = d == 0 ? fixes.reissue(true) : null;
            if (at.isAfter(na)) {
                out.add(Finding.failure(Diagnosis.EXPIRED, d, c, "certificate expired at " + na + " (it is now " + at + ")",
                        window, fix, cmd));
            } else if (at.isBefore(profile.applies(Rule.NOT_BEFORE_GRACE) ? nb.minus(java.time.Duration.ofHours(24)) : nb)) {
                out.add(Finding.failure(Diagnosis.NOT_YET_VALID, d, c, "certificate is not valid until " + nb
                        + " (it is now " + at + "; is a clock wrong?)", window, fix, cmd));
            }
        }
    }

    void signatures() {
        if (!profile.applies(Rule.SIGNATURE)) {
            return;
        }
        for (int d = 0; d < path.size(); d++) {
            X509Certificate c = path.get(d);
            X509Certificate issuer = d + 1 < path.size() ? path.get(d + 1) : PathBuilder.selfIssued(c) ? c : null;
            if (issuer == null || isAnchor(d)) {
                continue; // no issuer to check against; an anchor's own signature does not matter
            }
            if (!PathBuilder.verifies(c, issuer)) {
                out.add(Finding.failure(Diagnosis.BAD_SIGNATURE, d, c, "the signature does not verify with the key of "
                        + Finding.subjectOf(issuer), "a signature made by the issuer's key",
                        "the certificate was altered or signed by another key of the same name; issue it again",
                        d == 0 ? fixes.reissue(true) : null));
            }
        }
    }

    void caConstraints() {
        for (int d = 1; d < path.size(); d++) {
            X509Certificate ca = path.get(d);
            boolean v1Anchor = isAnchor(d) && ca.getVersion() < 3 && !profile.applies(Rule.STRICT_CA);
            if (ca.getBasicConstraints() < 0 && !v1Anchor && profile.applies(Rule.BASIC_CONSTRAINTS)) {
                out.add(Finding.failure(Diagnosis.NOT_A_CA, d, ca, "it signed " + Finding.subjectOf(path.get(d - 1))
                        + " but its basicConstraints " + (ca.getExtensionValue("2.5.29.19") == null ? "extension is missing" : "say CA:FALSE"),
                        "basicConstraints CA:TRUE on every issuing certificate",
                        "issue the server certificate from a real CA, not from another server certificate", fixes.reissue(true)));
            } else if (ca.getKeyUsage() != null && !ca.getKeyUsage()[5] && profile.applies(Rule.KEY_CERT_SIGN)) {
                out.add(Finding.failure(Diagnosis.NOT_A_CA, d, ca, "its keyUsage lacks keyCertSign",
                        "keyUsage keyCertSign on every issuing certificate", "re-make the CA certificate with keyCertSign", null));
            }
            int pathLen = ca.getBasicConstraints();
            if (pathLen >= 0 && pathLen != Integer.MAX_VALUE && profile.applies(Rule.PATH_LENGTH)
                    && (!isAnchor(d) || profile.applies(Rule.ANCHOR_PATH_LENGTH))) {
                int below = 0;
                boolean skipSelfIssued = profile.applies(Rule.SELF_ISSUED_NOT_COUNTED);
                for (int j = 1; j < d; j++) {
                    if (!skipSelfIssued || !PathBuilder.selfIssued(path.get(j))) {
                        below++;
                    }
                }
                if (below > pathLen) {
                    out.add(Finding.failure(Diagnosis.PATH_LENGTH, d, ca, below + " CA certificate(s) below it",
                            "at most pathLenConstraint " + pathLen, "issue from a CA its pathLenConstraint allows (here: "
                            + "certificates directly below " + CertNames.commonName(ca) + "), or remake that CA without the limit", null));
                }
            }
        }
    }

    void serverAuthUsage() {
        X509Certificate leaf = path.get(0);
        boolean[] ku = leaf.getKeyUsage();
        boolean leafRule = profile.applies(Rule.LEAF_USAGE);
        if (leafRule && ku != null && !ku[0] && !ku[2] && !ku[4]) {
            out.add(Finding.failure(Diagnosis.WRONG_USAGE, 0, leaf, "keyUsage " + keyUsage(ku),
                    "digitalSignature or keyEncipherment for a TLS server key", "issue a certificate with the server profile",
                    fixes.reissue(true)));
        } else if (ku != null && !ku[0] && profile.applies(Rule.LEAF_DIGITAL_SIGNATURE)) {
            out.add(Finding.failure(Diagnosis.WRONG_USAGE, 0, leaf, "keyUsage " + keyUsage(ku) + " without digitalSignature",
                    "digitalSignature, which (EC)DHE key exchange and TLS 1.3 need", "issue a certificate with the server profile",
                    fixes.reissue(true)));
        } else if (ku != null && !(ku.length > 2 && ku[2]) && leaf.getPublicKey() instanceof RSAKey
                && profile.applies(Rule.RSA_KEY_ENCIPHERMENT)) {
            out.add(Finding.failure(Diagnosis.WRONG_USAGE, 0, leaf, "keyUsage " + keyUsage(ku) + " on an RSA key, without keyEncipherment",
                    "keyEncipherment on an RSA server key (this client's TLS server usage asks for it)",
                    "issue the certificate with keyUsage digitalSignature, keyEncipherment", fixes.reissue(true)));
        }
        boolean anyRefused = profile.applies(Rule.ANY_EKU_REFUSED);
        for (int d = 0; d < path.size(); d++) {
            // Java checks the EKU of the server certificate only; Windows and OpenSSL also refuse
            // a CA whose EKU leaves out serverAuth (the profile adds eku-chain)
            if (d > 0 && (!profile.applies(Rule.EKU_CHAIN) || isAnchor(d)) || d == 0 && !leafRule) {
                continue;
            }
            X509Certificate c = path.get(d);
            List<String> eku = eku(c);
            if (eku != null && !eku.contains(SERVER_AUTH) && (anyRefused || !eku.contains(ANY_EKU))) {
                out.add(Finding.failure(Diagnosis.WRONG_USAGE, d, c, "extendedKeyUsage " + ekuNames(eku),
                        "serverAuth (1.3.6.1.5.5.7.3.1) in the extendedKeyUsage", d == 0
                                ? "issue the certificate with the serverAuth usage (for example the WebServer template)"
                                : "use a CA whose extendedKeyUsage allows serverAuth",
                        d == 0 ? fixes.reissue(true, "--eku serverAuth") : null));
            }
        }
    }

    void algorithms() {
        for (int d = 0; d < path.size(); d++) {
            X509Certificate c = path.get(d);
            String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
            boolean md5 = alg.contains("MD5") && profile.applies(Rule.MD5_REFUSED);
            boolean sha1 = alg.startsWith("SHA1");
            if (!isAnchor(d) && (md5 || sha1)) {
                if (md5 || !profile.sha1()) {
                    out.add(Finding.failure(Diagnosis.WEAK_SIGNATURE, d, c, "signed with " + c.getSigAlgName(),
                            "SHA-256 or stronger (this client refuses " + (md5 ? "MD5" : "SHA-1") + ")",
                            "issue the certificate again with a SHA-256 signature",
                            d == 0 ? fixes.reissue(true, "--signature sha256") : null));
                } else {
                    out.add(Finding.warning(Notice.SHA1_ACCEPTED, d, c, "signed with " + c.getSigAlgName(),
                            "SHA-256 or stronger", "this client accepts SHA-1; OpenSSL at SECLEVEL 2 and browsers refuse it"));
                }
            }
            if (c.getPublicKey() instanceof RSAKey rsa && rsa.getModulus().bitLength() < profile.minRsaBits()) {
                out.add(Finding.failure(Diagnosis.WEAK_KEY, d, c, "RSA key of " + rsa.getModulus().bitLength() + " bits",
                        "RSA " + profile.minRsaBits() + " bits or more", "issue the certificate with a bigger key",
                        d == 0 ? fixes.reissue(true, "--key rsa-2048") : null));
            }
        }
    }

    static List<String> eku(X509Certificate c) {
        try {
            return c.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String ekuNames(List<String> oids) {
        return String.join(", ", oids.stream().map(o -> switch (o) {
            case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
            case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
            case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
            case "1.3.6.1.5.5.7.3.8" -> "timeStamping";
            case "1.3.6.1.5.5.7.3.9" -> "OCSPSigning";
            default -> o;
        }).toList());
    }

    private static String keyUsage(boolean[] ku) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
            "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ku.length && i < names.length; i++) {
            if (ku[i]) {
                sb.append(sb.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }
}
