package pkilab.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.ca.CertInfo;
import pkilab.family.ClientFamily;
import pkilab.probe.Probe;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/** How probe and diagnose print a diagnosis: for people (text) or machines (JSON). */
final class DiagnosisOutput {
    private DiagnosisOutput() {
    }

    static Map<String, Object> json(DiagnosisResult r, ClientProfile p, List<X509Certificate> presented, Probe.Result probe) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.verdict().id());
        m.put("host", r.host());
        m.put("client", p.id());
        m.put("family", p.family().id());
        m.put("at", r.at().toString());
        if (probe != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("url", probe.url().toString());
            c.put("connected", probe.connected().getHostString() + ":" + probe.connected().getPort());
            c.put("sni", probe.sni());
            c.put("protocol", probe.protocol());
            c.put("cipher", probe.cipher());
            m.put("connection", c);
        }
        List<Map<String, Object>> chain = new ArrayList<>();
        for (int i = 0; i < presented.size(); i++) {
            X509Certificate c = presented.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("depth", i);
            e.put("subject", c.getSubjectX500Principal().getName());
            e.put("issuer", c.getIssuerX500Principal().getName());
            e.put("notAfter", c.getNotAfter().toInstant().toString());
            e.put("sha256", CertInfo.fingerprint(c));
            chain.add(e);
        }
        m.put("chain", chain);
        m.put("findings", r.findings().stream().map(Finding::toMap).toList());
        m.put("emulated", ClientFamily.sayAll(r));
        if (probe != null) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("stack", "JSSE " + System.getProperty("java.version"));
            n.put("verdict", probe.nativeOk() ? "pass" : "fail");
            n.put("message", probe.nativeMessage());
            m.put("native", n);
        } else {
            m.put("native", null);
        }
        return m;
    }

    static void text(PrintWriter out, DiagnosisResult r, ClientProfile p, List<X509Certificate> presented, Probe.Result probe) {
        out.println((probe == null ? "host " + r.host() : probe.url().toString()) + " as " + p.id() + " (" + p.family().id() + "): "
                + p.description());
        if (probe != null) {
            out.println("connected to " + probe.connected().getHostString() + ":" + probe.connected().getPort() + ", "
                    + (probe.sni() == null ? "no SNI (" + (probe.host().contains(".") ? "IP literal" : "single-label host") + ")"
                    : "SNI " + probe.sni()) + ", " + (probe.protocol() == null ? "refused before any certificate was sent"
                    : probe.protocol() + " " + probe.cipher()));
        }
        out.println("chain presented (leaf first):");
        for (int i = 0; i < presented.size(); i++) {
            X509Certificate c = presented.get(i);
            boolean self = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            out.println("  " + i + "  " + c.getSubjectX500Principal().getName() + "  (" + (self ? "self-signed" : "issued by "
                    + c.getIssuerX500Principal().getName()) + "; " + CertInfo.keyDescription(c) + ", " + c.getSigAlgName()
                    + ", until " + c.getNotAfter().toInstant() + ")");
        }
        out.println("verdict: " + r.verdict() + " (" + r.failures().size() + " failure(s), " + r.warnings().size() + " warning(s))");
        for (Finding f : r.findings()) {
            out.println();
            out.println("  " + (f.isFailure() ? "FAIL " : "WARN ") + f.id() + (f.cause() > 0 ? "  [article cause " + f.cause() + "]" : "")
                    + (f.depth() >= 0 ? "  depth " + f.depth() + "  " + f.subject() : ""));
            out.println("       found:    " + f.found());
            out.println("       expected: " + f.expected());
            out.println("       fix:      " + f.fix());
            if (f.command() != null) {
                out.println("       run:      " + f.command());
            }
        }
        out.println();
        out.println("what the clients would print (emulated from the findings):");
        Map<String, Object> em = ClientFamily.sayAll(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> dotnet = (Map<String, Object>) em.get("dotnet");
        row(out, "E-mail Router", dotnet.get("emailRouter"));
        if (dotnet.containsKey("sslPolicyErrors")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> status = (List<Map<String, Object>>) dotnet.get("chainStatus");
            row(out, ".NET callback", "SslPolicyErrors " + dotnet.get("sslPolicyErrors")
                    + (status.isEmpty() ? "" : "; X509ChainStatus " + String.join(", ", status.stream().map(s -> s.get("flag") + " (" + s.get("text") + ")").toList())));
        }
        if (dotnet.containsKey("net5")) {
            row(out, ".NET 5+", dotnet.get("net5"));
        }
        row(out, "Java (JSSE)", em.get("java"));
        @SuppressWarnings("unchecked")
        Map<String, Object> openssl = (Map<String, Object>) em.get("openssl");
        row(out, "OpenSSL", openssl.get("line"));
        @SuppressWarnings("unchecked")
        Map<String, Object> curl = (Map<String, Object>) em.get("curl");
        row(out, "curl", "exit " + curl.get("exit") + (curl.get("message").toString().isEmpty() ? "" : ": " + curl.get("message")));
        @SuppressWarnings("unchecked")
        Map<String, Object> gnutls = (Map<String, Object>) em.get("gnutls");
        row(out, "GnuTLS", gnutls.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> nss = (Map<String, Object>) em.get("nss");
        row(out, "NSS", nss.get("line"));
        row(out, "browser", em.get("browser"));
        if (probe != null) {
            out.println();
            out.println("native JSSE handshake (this JVM, the profile's roots): " + probe.nativeMessage());
        }
    }

    private static void row(PrintWriter out, String who, Object what) {
        out.printf("  %-14s %s%n", who, what);
    }
}
