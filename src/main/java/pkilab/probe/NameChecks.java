package pkilab.probe;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.ca.internal.NameConstraintsReader;
import pkilab.scenario.ClientProfile;

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
            if (!names.matchesDns(host)) {
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
                out.add(Finding.failure(Diagnosis.HOSTNAME_MISMATCH, 0, leaf, "certificate has no subjectAltName and its subject CN="
                        + names.commonName + " is not " + host, host + " in the subjectAltName (or, for this client, the CN)",
                        resolution, fixes.reissue(false)));
            }
            return;
        }
        out.add(Finding.failure(Diagnosis.NO_SAN, 0, leaf, "certificate has no subjectAltName; only subject CN=" + names.commonName
                + (cnMatches ? "" : ", which is not " + host + " either"), host + " in a subjectAltName DNS entry (this client ignores the CN, RFC 6125)",
                "issue the certificate with a subjectAltName", fixes.reissue(false)));
    }

    /**
     * Each CA's nameConstraints against the server certificate's names. Constraints in a
     * trusted root apply only when the client honours them (Java does not).
     */
    void constraints(List<X509Certificate> path, boolean trusted) {
        CertNames names = CertNames.of(in.leaf());
        List<String> dnsNames = new ArrayList<>(names.dns);
        if (dnsNames.isEmpty() && names.commonName != null) {
            if (profile.family() == ClientProfile.Family.OPENSSL) {
                // OpenSSL checks a host-name-like CN against dNSName constraints whenever the SAN
                // has no DNS name, even when the CN is an IP address ("CN = 127.0.0.3 … error 47")
                if (HOST_LIKE.matcher(names.commonName).matches()) {
                    dnsNames.add(names.commonName);
                }
            } else if (names.ips.isEmpty() && !CertNames.isIp(names.commonName)) {
                dnsNames.add(names.commonName); // what a CN-fallback client will use as the name
            }
        }
        for (int d = 1; d < path.size(); d++) {
            X509Certificate ca = path.get(d);
            NameConstraintsReader.Subtrees nc = NameConstraintsReader.read(ca);
            if (nc == null) {
                continue;
            }
            List<String> outside = new ArrayList<>();
            for (String n : dnsNames) {
                if (!dnsAllowed(n, nc)) {
                    outside.add(n);
                }
            }
            for (String ip : names.ips) {
                if (!ipAllowed(ip, nc)) {
                    outside.add(ip);
                }
            }
            if (outside.isEmpty()) {
                continue;
            }
            String permitted = "names within " + String.join(", ", concat(nc.permittedDns(), nc.permittedIp()))
                    + (nc.excludedDns().isEmpty() && nc.excludedIp().isEmpty() ? ""
                    : " and outside " + String.join(", ", concat(nc.excludedDns(), nc.excludedIp())));
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

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.isEmpty() ? List.of("(nothing)") : all;
    }

    static boolean dnsAllowed(String name, NameConstraintsReader.Subtrees nc) {
        for (String ex : nc.excludedDns()) {
            if (within(name, ex)) {
                return false;
            }
        }
        if (nc.permittedDns().isEmpty()) {
            return nc.permittedIp().isEmpty(); // only IP subtrees permitted: no DNS name is
        }
        return nc.permittedDns().stream().anyMatch(p -> within(name, p));
    }

    /** RFC 5280: a dNSName constraint covers the name itself and any name with labels added on the left. */
    static boolean within(String name, String subtree) {
        String n = name.toLowerCase(Locale.ROOT).replaceFirst("^\\*\\.", "x.");
        String s = subtree.toLowerCase(Locale.ROOT);
        if (s.startsWith(".")) {
            return n.endsWith(s);
        }
        return n.equals(s) || n.endsWith("." + s);
    }

    static boolean ipAllowed(String ip, NameConstraintsReader.Subtrees nc) {
        for (String ex : nc.excludedIp()) {
            if (inCidr(ip, ex)) {
                return false;
            }
        }
        if (nc.permittedIp().isEmpty()) {
            return nc.permittedDns().isEmpty();
        }
        return nc.permittedIp().stream().anyMatch(c -> inCidr(ip, c));
    }

    static boolean inCidr(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] a = CertNames.ipBytes(ip);
        byte[] net = CertNames.ipBytes(cidr.substring(0, slash));
        if (a == null || net == null || a.length != net.length) {
            return false;
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        int bits = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, net).and(mask));
    }
}
