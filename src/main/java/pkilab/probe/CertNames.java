package pkilab.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import pkilab.ca.Names;

/**
 * The names a server certificate answers to, and RFC 6125 matching: a reference DNS name
 * matches a subjectAltName dNSName exactly (ignoring case and a trailing dot) or through a
 * wildcard that is the whole left-most label ({@code *.contoso.test} matches
 * {@code mail.contoso.test}, not {@code contoso.test} nor {@code a.mail.contoso.test});
 * an IP literal matches only an iPAddress entry.
 */
final class CertNames {
    final List<String> dns = new ArrayList<>();
    final List<String> ips = new ArrayList<>();
    final String commonName;

    private CertNames(X509Certificate c) {
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> entry : c.getSubjectAlternativeNames()) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        dns.add((String) entry.get(1));
                    } else if (type == 7) {
                        ips.add((String) entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable SAN is as good as none for a client; the names stay empty
        }
        commonName = commonName(c);
    }

    static CertNames of(X509Certificate c) {
        return new CertNames(c);
    }

    static String commonName(X509Certificate c) {
        try {
            List<Rdn> rdns = new LdapName(c.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return rdns.get(i).getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** Every SAN entry, DNS names then IPs: "mail.contoso.test, 127.0.0.1". */
    String sanList() {
        List<String> all = new ArrayList<>(dns);
        all.addAll(ips);
        return String.join(", ", all);
    }

    boolean matchesDns(String host) {
        return dns.stream().anyMatch(p -> dnsMatch(p, host));
    }

    boolean matchesIp(String host) {
        byte[] want = ipBytes(host);
        return want != null && ips.stream().anyMatch(ip -> Arrays.equals(want, ipBytes(ip)));
    }

    static boolean dnsMatch(String pattern, String host) {
        String p = normalise(pattern);
        String h = normalise(host);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String rest = p.substring(2);
        int dot = h.indexOf('.');
        // at least two labels after the wildcard, as OpenSSL and browsers require (no *.test)
        return rest.contains(".") && !rest.contains("*") && dot > 0 && h.substring(dot + 1).equals(rest);
    }

    static boolean isIp(String host) {
        return Names.isIpLiteral(stripBrackets(host));
    }

    static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static byte[] ipBytes(String literal) {
        String s = stripBrackets(literal);
        if (!Names.isIpLiteral(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
