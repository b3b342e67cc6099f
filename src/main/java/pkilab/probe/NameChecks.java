package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.ca.CertNames;
import pkilab.ca.internal.NameConstraintState;
import pkilab.ca.internal.NameConstraintsReader;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.Finding;
import pkilab.verdict.Notice;
import pkilab.verdict.Rule;

/**
 * Does the server certificate carry the name the client asked for (RFC 6125), and may its CAs
 * vouch for that name (RFC 5280 name constraints)? The host check is the article's cause 2.
 */
final class NameChecks {
    /** What OpenSSL's cn2dnsid takes for a host name: letters, digits, hyphens, at least one dot. */
    private static final java.util.regex.Pattern HOST_LIKE = java.util.regex.Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final ChainInput in;
    private final ClientProfile profile;
    private final Fixes fixes;
    private final List<Finding> out;

    NameChecks(ChainInput in, ClientProfile profile, Fixes fixes, List<Finding> out) {
        this.in = in;
        this.profile = profile;
        this.fixes = fixes;
        this.out = out;
    }

    void host() {
        if (!profile.applies(Rule.HOST)) {
            return;
        }
        X509Certificate leaf = in.leaf();
        CertNames names = CertNames.of(leaf);
        String host = CertNames.stripBrackets(in.host());
        String resolution = "use a URL whose host is on the certificate (resolution 2"
                + (names.dns.isEmpty() ? "" : ", e.g. https://" + names.dns.get(0).replace("*", "mail") + "/EWS/Exchange.asmx")
                + "), or issue a certificate that carries " + host;
        if (CertNames.isIp(host)) {
            if (names.matchesIp(host)) {
                return;
            }
            String found = names.dns.isEmpty() && names.ips.isEmpty()
                    ? "certificate has no subjectAltName (subject CN=" + names.commonName + "), not " + host
                    : "certificate is valid for " + names.sanList() + ", not " + host;
            if (names.dns.stream().anyMatch(d -> d.equalsIgnoreCase(host)) || host.equals(names.commonName)) {
                found += " (possibly because " + host + " is written as a DNS name: an IP address matches only an iPAddress entry)";
            }
            out.add(Finding.failure(Diagnosis.HOSTNAME_MISMATCH, 0, leaf, found, host + " as an iPAddress subjectAltName entry",
                    resolution, fixes.reissue(true)));
            return;
        }
        if (!names.dns.isEmpty()) {
            if (!names.matchesDns(host, !profile.applies(Rule.WHOLE_LABEL_WILDCARD))) {
                String found = "certificate is valid for " + names.sanList() + ", not " + host;
                if (names.dns.stream().anyMatch(d -> d.startsWith("*.") && host.toLowerCase(Locale.ROOT).endsWith(d.substring(1)))) {
                    found += " (possibly because a wildcard covers exactly one left-most label)";
                }
                out.add(Finding.failure(Diagnosis.HOSTNAME_MISMATCH, 0, leaf, found,
                        host + " among the subjectAltName DNS names", resolution, fixes.reissue(true)));
            }
            return;
        }
        boolean cnMatches = names.commonName != null && CertNames.dnsMatch(names.commonName, host);
        if (profile.cnFallback()) {
            if (cnMatches) {
                out.add(Finding.warning(Notice.CN_FALLBACK, 0, leaf, "no subjectAltName; subject CN=" + names.commonName
                        + " matches " + host, host + " in a subjectAltName DNS entry",
                        "accepted by this client's CN fallback; browsers and OpenSSL 4 refuse it. Re-issue with a SAN: "
                                + fixes.reissue(false)));
            } else {
                out.add(Finding.failure(Diagnosis.HOSTNAME_MISMATCH, 0, leaf, names.commonName == null
                        ? "certificate has no subjectAltName and no subject CN: it names no host, not " + host
                        : "certificate has no subjectAltName and its subject CN=" + names.commonName + " is not " + host, host + " in the subjectAltName (or, for this client, the CN)",
                        resolution, fixes.reissue(false)));
            }
            return;
        }
        out.add(Finding.failure(Diagnosis.NO_SAN, 0, leaf, "certificate has no subjectAltName; only subject CN=" + names.commonName
                + (cnMatches ? "" : ", which is not " + host + " either"), host + " in a subjectAltName DNS entry (this client ignores the CN, RFC 6125)",
                "issue the certificate with a subjectAltName", fixes.reissue(false)));
    }

    /**
     * RFC 5280 §6.1.3 (b, c): each CA's nameConstraints against every certificate below it —
     * the server's names (and, for a client that falls back to it, the CN) and the subject DN and
     * subjectAltName of every intermediate that is not self-issued — in every name form:
     * dNSName, iPAddress, directoryName, rfc822Name, URI. Checking each CA's constraints on
     * their own is the same as the RFC's intersection of permitted and union of excluded
     * subtrees, and says which CA refused. Constraints in a trusted root apply only when the
     * client honours them (Java does not).
     */
    void constraints(List<X509Certificate> path, boolean trusted) {
        if (!profile.applies(Rule.NAME_CONSTRAINTS)) {
            return;
        }
        CertNames names = CertNames.of(in.leaf());
        List<String> cnAsDns = new ArrayList<>();
        if (names.dns.isEmpty() && names.commonName != null) {
            if (profile.family() == ClientProfile.Family.OPENSSL) {
                // OpenSSL checks a host-name-like CN against dNSName constraints whenever the SAN
                // has no DNS name, even when the CN is an IP address ("CN = 127.0.0.3 … error 47")
                if (HOST_LIKE.matcher(names.commonName).matches()) {
                    cnAsDns.add(names.commonName);
                }
            } else if (names.ips.isEmpty() && !CertNames.isIp(names.commonName) && HOST_LIKE.matcher(names.commonName).matches()) {
                cnAsDns.add(names.commonName); // what a CN-fallback client will use as the name
            }
        }
        for (int d = 1; d < path.size(); d++) {
            X509Certificate ca = path.get(d);
            String ncError = Structures.of(ca).nameConstraintsError();
            if (ncError != null && ncError.contains(" bytes (expected 8") && profile.applies(Rule.NAME_CONSTRAINTS_SYNTAX)
                    && !names.ips.isEmpty()) {
                out.add(Finding.failure(Diagnosis.MALFORMED, d, ca, "its nameConstraints has " + ncError
                                + ", so the server's IP address " + names.ips.get(0) + " cannot be checked against it",
                        "iPAddress subtrees of 8 (IPv4) or 32 (IPv6) octets (RFC 5280 §4.2.1.10)",
                        "re-make the CA certificate with valid name constraints", null));
            }
            if (ca.getExtensionValue("2.5.29.30") == null || ncError != null) {
                continue; // none, or unusable: reported as malformed where the client minds
            }
            if (profile.applies(Rule.NAME_CONSTRAINTS_URI_REFUSED) && NameConstraintsReader.hasUri(ca)) {
                out.add(Finding.failure(Diagnosis.NAME_CONSTRAINTS, d, ca, "its nameConstraints has a URI subtree, which this client cannot apply",
                        "nameConstraints in dNSName, iPAddress, directoryName or rfc822Name form only",
                        "re-make the CA certificate without URI name constraints", null));
                continue;
            }
            NameConstraintState state = new NameConstraintState();
            try {
                state.add(ca);
            } catch (RuntimeException e) {
                continue; // a nameConstraints that does not parse is reported as malformed
            }
            List<String> outside = new ArrayList<>();
            boolean allForms = profile.applies(Rule.NAME_CONSTRAINTS_ALL_FORMS);
            for (int j = allForms ? d - 1 : 0; j >= 0; j--) {
                X509Certificate below = path.get(j);
                if (j > 0 && PathBuilder.selfIssued(below)) {
                    continue; // §6.1.3 (b): a self-issued intermediate's names are not checked
                }
                for (String v : state.violations(below, j == 0 ? cnAsDns : List.of())) {
                    if (!allForms && !(v.startsWith("dNSName ") || v.startsWith("iPAddress ") || v.startsWith("rfc822Name "))) {
                        continue; // this client constrains only the DNS, IP and email names of the server's certificate
                    }
                    String name = v.substring(v.indexOf(' ') + 1);
                    outside.add(j == 0 ? name : name + " (the name of " + Finding.subjectOf(below) + ")");
                }
            }
            if (outside.isEmpty()) {
                continue;
            }
            String permitted = describe(ca);
            boolean anchor = trusted && d == path.size() - 1;
            String found = String.join(", ", outside) + " is outside the name constraints of " + Finding.subjectOf(ca);
            if (anchor && !profile.anchorNameConstraints()) {
                out.add(Finding.warning(Notice.ANCHOR_CONSTRAINTS_IGNORED, d, ca, found, permitted,
                        "this client ignores constraints in trusted roots; Windows, OpenSSL and browsers refuse the name"));
            } else {
                out.add(Finding.failure(Diagnosis.NAME_CONSTRAINTS, d, ca, found, permitted,
                        "use a name inside the CA's namespace, or a CA allowed to vouch for it", null));
            }
        }
    }

    private static String describe(X509Certificate ca) {
        NameConstraintsReader.Subtrees nc = NameConstraintsReader.read(ca);
        return "names within " + String.join(", ", concat(nc.permittedDns(), nc.permittedIp()))
                + (nc.excludedDns().isEmpty() && nc.excludedIp().isEmpty() ? ""
                : " and outside " + String.join(", ", concat(nc.excludedDns(), nc.excludedIp())));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.isEmpty() ? List.of("(nothing)") : all;
    }
}
