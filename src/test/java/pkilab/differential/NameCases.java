package pkilab.differential;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * Twins for names: RFC 5280 §4.2.1.10 name constraints (dNSName with and without a leading
 * dot, iPAddress v4 and v6 with a well-formed and a broken mask, directoryName, rfc822Name,
 * URI; in a leaf, on an intermediate's own SAN, on the trust anchor) and the RFC 6125 host
 * name check (exact, wildcard, partial wildcard, IP SAN vs an IP written as a DNS name, the
 * CN fallback).
 */
final class NameCases {
    private NameCases() {
    }

    static void addTo(Corpus c) {
        constraints(c);
        hostNames(c);
    }

    private static NameConstraints permitted(GeneralName n) {
        return new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(n)}, null);
    }

    private static NameConstraints excluded(GeneralName n) {
        return new NameConstraints(null, new GeneralSubtree[] {new GeneralSubtree(n)});
    }

    private static Corpus.Change caConstraint(NameConstraints nc) {
        return p -> p.ca.set(Extension.nameConstraints, true, nc);
    }

    private static GeneralName dns(String s) {
        return new GeneralName(GeneralName.dNSName, s);
    }

    /** An iPAddress subtree: address octets followed by mask octets (RFC 5280 §4.2.1.10). */
    private static GeneralName ipSubtree(int... octets) {
        byte[] b = new byte[octets.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) octets[i];
        }
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(b));
    }

    /** The leaf names {@code dns} (subject CN and SAN) and the client asks for it. */
    static void dnsLeaf(Pki p, String dns) {
        p.leaf.subject = Pki.name(dns);
        p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns(dns)));
        p.host = dns;
    }

    /** The leaf names only the IP address {@code ip} in its SAN and the client asks for it. */
    static void ipLeaf(Pki p, String ip) {
        p.leaf.subject = Pki.name("Corpus IP server");
        p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
        p.host = ip;
    }

    private static void constraints(Corpus c) {
        String rule = "name-constraints";
        c.twin("nc-dns-permitted", rule, "intermediate permits dNSName corpus.test, leaf www.corpus.test",
                "intermediate permits dNSName other.test, leaf www.corpus.test",
                caConstraint(permitted(dns("corpus.test"))), caConstraint(permitted(dns("other.test"))));
        c.twin("nc-dns-excluded", rule, "intermediate excludes dNSName other.test, leaf www.corpus.test",
                "intermediate excludes dNSName corpus.test, leaf www.corpus.test",
                caConstraint(excluded(dns("other.test"))), caConstraint(excluded(dns("corpus.test"))));
        Corpus.Change dot = caConstraint(permitted(dns(".corpus.test")));
        c.twin("nc-dns-leading-dot", rule, "intermediate permits dNSName .corpus.test, leaf and host www.corpus.test",
                "intermediate permits dNSName .corpus.test, leaf and host corpus.test (the domain itself)",
                p -> dot.apply(p), p -> { dot.apply(p); dnsLeaf(p, "corpus.test"); });
        c.twin("nc-ipv4", rule, "intermediate permits 10.0.0.0/8, leaf and host 10.1.2.3",
                "intermediate permits 192.168.0.0/16, leaf and host 10.1.2.3",
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(permitted(ipSubtree(10, 0, 0, 0, 255, 0, 0, 0))).apply(p); },
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(permitted(ipSubtree(192, 168, 0, 0, 255, 255, 0, 0))).apply(p); });
        c.twin("nc-ipv4-excluded", rule, "intermediate excludes 192.168.0.0/16, leaf and host 10.1.2.3",
                "intermediate excludes 10.0.0.0/8, leaf and host 10.1.2.3",
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(excluded(ipSubtree(192, 168, 0, 0, 255, 255, 0, 0))).apply(p); },
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(excluded(ipSubtree(10, 0, 0, 0, 255, 0, 0, 0))).apply(p); });
        c.twin("nc-ipv6", rule, "intermediate permits fd00::/8, leaf and host fd00::1",
                "intermediate permits 2001:db8::/32, leaf and host fd00::1",
                p -> { ipLeaf(p, "fd00::1"); caConstraint(permitted(ipSubtree(0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).apply(p); },
                p -> { ipLeaf(p, "fd00::1"); caConstraint(permitted(ipSubtree(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).apply(p); });
        // 10.1.2.0 AND 255.0.0.255 is 10.0.0.0: a validator that only masks lets it through
        c.twin("nc-ip-noncontiguous-mask", rule, "intermediate permits 10.0.0.0 mask 255.0.0.0, leaf and host 10.1.2.0",
                "intermediate permits 10.0.0.0 mask 255.0.0.255 (not a prefix: malformed), leaf and host 10.1.2.0",
                p -> { ipLeaf(p, "10.1.2.0"); caConstraint(permitted(ipSubtree(10, 0, 0, 0, 255, 0, 0, 0))).apply(p); },
                p -> { ipLeaf(p, "10.1.2.0"); caConstraint(permitted(ipSubtree(10, 0, 0, 0, 255, 0, 0, 255))).apply(p); });
        c.twin("nc-ip-mask-length", rule, "intermediate permits 10.0.0.0/255.0.0.0 (8 octets), leaf and host 10.1.2.3",
                "intermediate permits 10.0.0.0/255.0.0 (7 octets: a truncated mask), leaf and host 10.1.2.3",
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(permitted(ipSubtree(10, 0, 0, 0, 255, 0, 0, 0))).apply(p); },
                p -> { ipLeaf(p, "10.1.2.3"); caConstraint(permitted(ipSubtree(10, 0, 0, 0, 255, 0, 0))).apply(p); });
        c.twin("nc-directory-name", rule, "intermediate permits directoryName O=Corpus, leaf subject O=Corpus, CN=…",
                "intermediate permits directoryName O=Other, leaf subject O=Corpus, CN=…",
                caConstraint(permitted(new GeneralName(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Corpus").build()))),
                caConstraint(permitted(new GeneralName(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Other").build()))));
        Corpus.Change mail = p -> p.leaf.set(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[] {dns(Pki.HOST), new GeneralName(GeneralName.rfc822Name, "admin@corpus.test")}));
        c.twin("nc-rfc822", rule, "intermediate permits rfc822Name corpus.test, leaf SAN has admin@corpus.test",
                "intermediate permits rfc822Name other.test, leaf SAN has admin@corpus.test",
                p -> { mail.apply(p); caConstraint(permitted(new GeneralName(GeneralName.rfc822Name, "corpus.test"))).apply(p); },
                p -> { mail.apply(p); caConstraint(permitted(new GeneralName(GeneralName.rfc822Name, "other.test"))).apply(p); });
        Corpus.Change uri = p -> p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                dns(Pki.HOST), new GeneralName(GeneralName.uniformResourceIdentifier, "https://www.corpus.test/")}));
        c.twin("nc-uri", rule, "intermediate permits URI .corpus.test, leaf SAN has https://www.corpus.test/",
                "intermediate permits URI .other.test, leaf SAN has https://www.corpus.test/",
                p -> { uri.apply(p); caConstraint(permitted(new GeneralName(GeneralName.uniformResourceIdentifier, ".corpus.test"))).apply(p); },
                p -> { uri.apply(p); caConstraint(permitted(new GeneralName(GeneralName.uniformResourceIdentifier, ".other.test"))).apply(p); });
        c.twin("nc-in-leaf", rule, "leaf without nameConstraints", "leaf with critical nameConstraints (only CAs may carry them)",
                p -> p.leaf.set(Extension.nameConstraints, true, permitted(dns("corpus.test"))));
        Corpus.Change sub = p -> {
            caConstraint(permitted(dns("corpus.test"))).apply(p);
            Blueprint s = Pki.ca(p.at, "Corpus Sub CA", 3, p.ca);
            p.leaf.issuer = s;
            p.sent = java.util.List.of(p.leaf, s, p.ca);
        };
        c.twin("nc-intermediate-own-san", rule,
                "intermediate permits corpus.test; the sub-CA below it has SAN ca.corpus.test",
                "intermediate permits corpus.test; the sub-CA below it has SAN ca.other.test (its own name violates the constraint)",
                p -> { sub.apply(p); p.sent.get(1).set(Extension.subjectAlternativeName, false, new GeneralNames(dns("ca.corpus.test"))); },
                p -> { sub.apply(p); p.sent.get(1).set(Extension.subjectAlternativeName, false, new GeneralNames(dns("ca.other.test"))); });
        c.twin("nc-on-anchor", rule, "trusted root permits dNSName corpus.test, leaf www.corpus.test",
                "trusted root permits dNSName other.test, leaf www.corpus.test",
                p -> p.root.set(Extension.nameConstraints, true, permitted(dns("corpus.test"))),
                p -> p.root.set(Extension.nameConstraints, true, permitted(dns("other.test"))));
    }

    private static void hostNames(Corpus c) {
        String rule = "hostname";
        c.twin("host-san-exact", rule, "SAN www.corpus.test, host www.corpus.test", "SAN www.corpus.test, host mail.corpus.test",
                p -> p.host = "mail.corpus.test");
        Corpus.Change wildcard = p -> p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns("*.corpus.test")));
        c.twin("host-wildcard-one-label", rule, "SAN *.corpus.test, host www.corpus.test",
                "SAN *.corpus.test, host corpus.test (the wildcard needs one label)",
                wildcard, p -> { wildcard.apply(p); p.host = "corpus.test"; });
        c.twin("host-wildcard-two-labels", rule, "SAN *.corpus.test, host www.corpus.test",
                "SAN *.corpus.test, host a.www.corpus.test (a wildcard covers one label only)",
                wildcard, p -> { wildcard.apply(p); p.host = "a.www.corpus.test"; });
        c.twin("host-partial-wildcard", rule, "SAN www.corpus.test, host www.corpus.test", "SAN w*.corpus.test, host www.corpus.test",
                p -> p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns("w*.corpus.test"))));
        c.twin("host-ip-san", rule, "SAN iPAddress 192.0.2.10, host 192.0.2.10",
                "SAN dNSName \"192.0.2.10\" (an IP written as a DNS name), host 192.0.2.10",
                p -> ipLeaf(p, "192.0.2.10"),
                p -> { ipLeaf(p, "192.0.2.10"); p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns("192.0.2.10"))); });
        c.twin("host-ipv6-san", rule, "SAN iPAddress 2001:db8::10, host 2001:db8::10", "SAN iPAddress 2001:db8::11, host 2001:db8::10",
                p -> ipLeaf(p, "2001:db8::10"), p -> { ipLeaf(p, "2001:db8::11"); p.host = "2001:db8::10"; });
        c.twin("host-cn-only", rule, "no SAN, subject CN=www.corpus.test (the CN fallback)",
                "subject CN=www.corpus.test plus a SAN naming only other.corpus.test (a SAN turns the CN fallback off)",
                p -> p.leaf.remove(Extension.subjectAlternativeName),
                p -> p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns("other.corpus.test"))));
        c.twin("host-case-insensitive", rule, "SAN www.corpus.test, host www.corpus.test", "SAN WWW.Corpus.TEST, host www.corpus.test",
                p -> p.leaf.set(Extension.subjectAlternativeName, false, new GeneralNames(dns("WWW.Corpus.TEST"))));
    }
}
