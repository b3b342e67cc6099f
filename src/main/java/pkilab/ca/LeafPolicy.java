package pkilab.ca;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pkilab.BadInputException;
import pkilab.ca.internal.X509Maker;

/**
 * A CA's leaf policy: how a {@link LeafRequest} becomes what is signed. The request's fields
 * win; what it leaves unset comes from the CA's leaf profile ({@code ca/*.yaml}); and the
 * profile's limits (a required subjectAltName, a longest validity) refuse what a CA of that
 * kind would not issue. A NetBIOS-style profile (Exchange's own) adds the host's first label
 * as a name, and a certificate with only addresses gets an empty subject.
 */
final class LeafPolicy {
    // GeneralizedTime has four digits for the year
    private static final Instant LAST_X509_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final Instant FIRST_X509_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private LeafPolicy() {
    }

    /** Turns a request into what to sign, applying the leaf profile's defaults and limits. */
    static CertSpec spec(LeafRequest r, CertTemplate t, CaProfile profile, KeyPair kp, IssuingCa ca, Instant now) {
        List<String> dns = new ArrayList<>();
        for (String d : r.dns) {
            String n = Names.dns(d);
            if (!dns.contains(n)) {
                dns.add(n);
            }
        }
        List<String> ips = new ArrayList<>();
        for (String ip : r.ips) {
            ips.add(Names.ip(ip));
        }
        String cn = r.commonName;
        if (Boolean.TRUE.equals(t.netbiosName) && !dns.isEmpty()) {
            String netbios = dns.get(0).split("\\.")[0].toUpperCase(java.util.Locale.ROOT);
            if (dns.stream().noneMatch(netbios::equalsIgnoreCase)) {
                dns.add(0, netbios);
            }
            if (cn == null) {
                cn = netbios;
            }
        }
        if (cn == null && (t.cnFromFirstDns == null || t.cnFromFirstDns) && !dns.isEmpty()) {
            cn = dns.get(0);
        }
        String subject = cn != null ? "CN=" + escapeRdn(cn) : t.subject;
        if (subject == null && dns.isEmpty() && !ips.isEmpty() && !r.noSan) {
            // an address-only certificate gets an empty subject (and a critical SAN), not
            // CN=127.0.0.1: OpenSSL and GnuTLS check a CN that looks like a host name against
            // the issuer's DNS name constraints, and would refuse it under a lab root
            subject = "";
        }
        if (subject == null && r.noSan && !ips.isEmpty()) {
            throw new BadInputException("with --no-san the address is in no field of the certificate: give --cn " + ips.get(0)
                    + " to put it in the subject");
        }
        if (subject == null) {
            throw new BadInputException("the certificate needs a name: give --dns, --ip or --cn");
        }
        if (r.noSan) {
            if (Boolean.TRUE.equals(t.requireSan)) {
                throw new BadInputException("CA '" + profile.name + "' issues only certificates with a subjectAltName"
                        + " (CA/Browser Forum rule); use --ca enterprise or --ca self for a certificate without one");
            }
            if (cn == null) {
                throw new BadInputException("--no-san needs a name in the subject: give --cn or --dns");
            }
            dns.clear();
            ips.clear();
        } else if (Boolean.TRUE.equals(t.requireSan) && dns.isEmpty() && ips.isEmpty()) {
            throw new BadInputException("CA '" + profile.name + "' needs at least one --dns or --ip (the subjectAltName is required)");
        }
        Instant nb = r.notBefore != null ? r.notBefore : now.minus(Lab.period(t.backdate, Duration.ofHours(1)));
        Instant na;
        if (r.notAfter != null) {
            na = r.notAfter;
        } else if (r.lifetime != null) {
            na = nb.plus(r.lifetime);
        } else {
            na = nb.plus(Lab.period(t.validity, Duration.ofDays(365)));
        }
        if (!na.isAfter(nb)) {
            throw new BadInputException("not-after " + na + " is not after not-before " + nb);
        }
        if (na.isAfter(LAST_X509_TIME) || nb.isBefore(FIRST_X509_TIME)) {
            throw new BadInputException("validity " + nb + " → " + na + " does not fit X.509's four-digit years"
                    + " (0001 to 9999, RFC 5280 4.1.2.5; 9999-12-31T23:59:59Z means 'no end'): shorten --days/--not-after");
        }
        if (t.maxValidity != null && Duration.between(nb, na).compareTo(TimeSpec.period(t.maxValidity)) > 0) {
            throw new BadInputException("CA '" + profile.name + "' issues leaves valid for at most " + t.maxValidity
                    + " (asked for " + Duration.between(nb, na).toDays() + " days); shorten --days/--not-after or change maxValidity in ca/"
                    + profile.name + ".yaml");
        }
        SignatureHash sig = r.signature != null ? r.signature : SignatureHash.parse(t.signature == null ? "sha256" : t.signature);
        if (r.extKeyUsage != null) {
            r.extKeyUsage.forEach(X509Maker::ekuOid);
        }
        t = withRequestExtensions(r, t);
        return new CertSpec(subject, kp.getPublic(),
                ca == null ? null : ca.certificate(),
                ca == null ? kp.getPrivate() : ca.key(),
                sig, Lab.serial(t), nb, na, t, dns, ips, r.extKeyUsage, Lab.pkiBase(profile), ca == null ? null : ca.id());
    }

    /** The leaf profile with the request's keyUsage, cA flag, policies and extra extensions; the profile itself is not changed. */
    private static CertTemplate withRequestExtensions(LeafRequest r, CertTemplate t) {
        if (r.keyUsage == null && !r.isCa && r.policies == null && r.extensions.isEmpty()) {
            return t;
        }
        CertTemplate c = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(t, CertTemplate.class);
        if (r.keyUsage != null) {
            for (String u : r.keyUsage) {
                if (!X509Maker.KEY_USAGES.containsKey(u)) {
                    throw new BadInputException("unknown keyUsage '" + u + "' (expected "
                            + String.join(", ", new java.util.TreeSet<>(X509Maker.KEY_USAGES.keySet())) + ")");
                }
            }
            c.keyUsage = new CertTemplate.Usage();
            c.keyUsage.critical = true;
            c.keyUsage.values = new ArrayList<>(r.keyUsage);
        }
        if (r.isCa) {
            c.basicConstraints = new CertTemplate.BasicConstraints();
            c.basicConstraints.ca = true;
            c.basicConstraints.critical = true;
        }
        if (r.policies != null) {
            for (String p : r.policies) {
                if (!OID.matcher(p).matches()) {
                    throw new BadInputException("policy '" + p + "' is not an OID (e.g. 2.23.140.1.1 for EV, 2.23.140.1.2.1 for DV)");
                }
            }
            c.certificatePolicies = new ArrayList<>(r.policies);
        }
        for (CertTemplate.RawExtension e : r.extensions) {
            if (e.id == null || !OID.matcher(e.id).matches()) {
                throw new BadInputException("extension '" + e.id + "' is not an OID (e.g. 1.3.6.1.4.1.55555.1)");
            }
            if (KNOWN_EXTENSIONS.contains(e.id)) {
                throw new BadInputException("extension " + e.id + " is one pkilab makes itself; use --ku, --eku, --policy or --ca-true for it");
            }
        }
        c.extensions = new ArrayList<>(c.extensions == null ? List.of() : c.extensions);
        c.extensions.addAll(r.extensions);
        return c;
    }

    private static final java.util.regex.Pattern OID = java.util.regex.Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,17})){1,30}");
    private static final java.util.Set<String> KNOWN_EXTENSIONS = java.util.Set.of("2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19",
            "2.5.29.30", "2.5.29.31", "2.5.29.32", "2.5.29.35", "2.5.29.37", "1.3.6.1.5.5.7.1.1");

    private static String escapeRdn(String value) {
        return javax.naming.ldap.Rdn.escapeValue(value);
    }
}
