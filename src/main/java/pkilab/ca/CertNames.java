package pkilab.ca;

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


/**
 * The names a server certificate answers to, and RFC 6125 matching: a reference DNS name
 * matches a subjectAltName dNSName exactly (ignoring case and a trailing dot) or through a
 * wildcard that is the whole left-most label ({@code *.contoso.test} matches
 * {@code mail.contoso.test}, not {@code contoso.test} nor {@code a.mail.contoso.test});
 * an IP literal matches only an iPAddress entry.
 */
public final class CertNames {
    public final List<String> dns = new ArrayList<>();
    public final List<String> ips = new ArrayList<>();
    public final String commonName;

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

    public static CertNames of(X509Certificate c) {
        return new CertNames(c);
    }

    public static String commonName(X509Certificate c) {
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
    public String sanList() {
        List<String> all = new ArrayList<>(dns);
        all.addAll(ips);
        return String.join(", ", all);
    }

    public boolean matchesDns(String host) {
        return dns.stream().anyMatch(p -> dnsMatch(p, host));
    }

    /** As {@link #matchesDns}, also letting a partial wildcard label ({@code w*.example.com}) match, as OpenSSL and Java do. */
    public boolean matchesDns(String host, boolean partialWildcards) {
        return dns.stream().anyMatch(p -> dnsMatch(p, host) || partialWildcards && partialMatch(p, host));
    }

    /** {@code w*.example.com} against {@code www.example.com}: the star stands for part of the left-most label only. */
    public static boolean partialMatch(String pattern, String host) {
        String p = normalise(pattern);
        String h = normalise(host);
        int pd = p.indexOf('.');
        int hd = h.indexOf('.');
        if (pd < 0 || hd < 0 || !p.substring(pd + 1).equals(h.substring(hd + 1)) || !p.substring(pd + 1).contains(".")) {
            return false;
        }
        String label = p.substring(0, pd);
        int star = label.indexOf('*');
        if (star < 0 || label.indexOf('*', star + 1) >= 0 || label.startsWith("xn--")) {
            return false;
        }
        String prefix = label.substring(0, star);
        String suffix = label.substring(star + 1);
        String hl = h.substring(0, hd);
        return hl.length() >= prefix.length() + suffix.length() && hl.startsWith(prefix) && hl.endsWith(suffix);
    }

    public boolean matchesIp(String host) {
        byte[] want = ipBytes(host);
        return want != null && ips.stream().anyMatch(ip -> Arrays.equals(want, ipBytes(ip)));
    }

    public static boolean dnsMatch(String pattern, String host) {
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

    public static boolean isIp(String host) {
        return Names.isIpLiteral(stripBrackets(host));
    }

    public static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    public static byte[] ipBytes(String literal) {
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
