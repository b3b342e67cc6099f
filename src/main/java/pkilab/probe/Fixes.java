package pkilab.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.ca.CertNames;
import pkilab.verdict.ClientProfile;

/** The pkilab commands that apply a fix: re-issue the server certificate, trust a root. */
final class Fixes {
    private final ChainInput in;
    private final ClientProfile profile;

    Fixes(ChainInput in, ClientProfile profile) {
        this.in = in;
        this.profile = profile;
    }

    /**
     * The CA to issue a replacement from: the leaf's own lab CA if it has one, else a CA this
     * client trusts (enterprise for a domain member, else the public one); enterprise for a
     * single-label (NetBIOS) host.
     */
    String issuingCa() {
        String host = CertNames.stripBrackets(in.host());
        if (!CertNames.isIp(host) && !host.contains(".")) {
            // public CAs may not certify internal names (Baseline Requirements); AD CS may
            return "enterprise";
        }
        String own = in.labIssuerId(in.leaf());
        if (own != null && !own.endsWith("-root") && !PathBuilder.selfIssued(in.leaf())) {
            return own;
        }
        return profile.trusts() != null && profile.trusts().contains("enterprise") ? "enterprise" : "public";
    }

    /** The names a replacement certificate should carry: the URL's host first, then the old names. */
    List<String> names(boolean keepOld) {
        List<String> out = new ArrayList<>();
        String host = CertNames.stripBrackets(in.host());
        add(out, host);
        CertNames old = CertNames.of(in.leaf());
        if (!CertNames.isIp(host) && !host.contains(".")) {
            // a NetBIOS name: give the certificate the FQDN too, in the domain the old names use
            for (String d : old.dns) {
                int dot = d.indexOf('.');
                if (dot > 0 && !d.startsWith("*")) {
                    add(out, host.toLowerCase(Locale.ROOT) + d.substring(dot));
                    break;
                }
            }
        }
        if (keepOld) {
            old.dns.forEach(d -> add(out, d));
            old.ips.forEach(d -> add(out, d));
        }
        return out;
    }

    private static void add(List<String> names, String n) {
        if (names.stream().noneMatch(n::equalsIgnoreCase)) {
            names.add(n);
        }
    }

    /** {@code pkilab cert issue --ca enterprise --dns exch01 --dns exch01.contoso.test} */
    String reissue(boolean keepOldNames, String... extra) {
        String ca = issuingCa();
        StringBuilder sb = new StringBuilder("pkilab cert issue --ca ").append(ca);
        for (String n : names(keepOldNames)) {
            if (!"enterprise".equals(ca) && !CertNames.isIp(n) && !n.contains(".")) {
                continue; // only the AD CS CA may certify a NetBIOS name
            }
            sb.append(CertNames.isIp(n) ? " --ip " : " --dns ").append(n);
        }
        for (String e : extra) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }

    /** The command that puts a lab root into this client's trust store; null for a root the lab did not make. */
    String trustRoot(X509Certificate root) {
        String id = in.labCas().get(root.getSubjectX500Principal().getName());
        if (id == null) {
            return null;
        }
        return switch (profile.family()) {
            case DOTNET -> "pkilab trust script --os windows --ca " + id + " --out to-windows/";
            case JAVA -> "pkilab trust install --ca " + id + " --into java";
            case NSS, BROWSER -> "pkilab trust install --ca " + id + " --into nss";
            default -> "pkilab trust install --ca " + id + " --into system";
        };
    }
}
