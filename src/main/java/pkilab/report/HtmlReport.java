package pkilab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.verdict.Finding;

/**
 * A self-contained HTML page (no external URL) for projecting to a class: the matrix of
 * scenarios × clients in colours read at a glance, then each scenario with its chain drawn
 * as boxes, the findings, what the client would print, and the fix.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.6em}table{border-collapse:collapse}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.pass{background:#c8f0c8}td.fail{background:#f6c4c4}
            td.diff{outline:3px solid #e08a00;outline-offset:-3px}td.skip{background:#eee;color:#888}
            .chain{display:flex;gap:6px;align-items:center;flex-wrap:wrap;margin:.5em 0}
            .cert{border:2px solid #567;border-radius:6px;padding:4px 8px;background:#f8fbff;font-size:12px;max-width:22em}
            .cert.bad{border-color:#c33;background:#fff4f4}.arrow{font-size:20px;color:#567}
            .finding{margin:.2em 0}.fail-f{color:#a00}.warn-f{color:#865}.muted{color:#777}
            pre{background:#f6f6f6;padding:6px;white-space:pre-wrap}section{border-top:1px solid #ddd;margin-top:1.5em}
            """;

    private HtmlReport() {
    }

    public static void write(RunReport report, PrintWriter out) {
        Map<String, List<RunReport.Result>> byScenario = new LinkedHashMap<>();
        Set<String> clients = new LinkedHashSet<>();
        Set<String> realClients = new LinkedHashSet<>();
        for (RunReport.Result r : report.scenarios()) {
            byScenario.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
            clients.add(r.client());
            if (r.clients() != null) {
                r.clients().forEach(c -> realClients.add(c.name()));
            }
        }
        RunReport.Summary s = report.summary();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pkilab run</title><style>" + CSS + "</style></head><body>");
        out.println("<h1>pkilab: which clients refuse which certificates, and why</h1>");
        out.printf("<p>%d of %d results as expected%s. Started %s.</p>%n", s.asExpected(), s.total(),
                s.clientRuns() == null ? "" : "; real clients agreed with the prediction in " + s.clientAgree() + " of " + s.clientRuns() + " runs"
                        + RunReport.faultLine(s),
                esc(report.startedAt()));
        out.println("<table><tr><th>scenario</th>");
        for (String c : clients) {
            out.println("<th>" + esc(c) + "</th>");
        }
        for (String c : realClients) {
            out.println("<th class=\"muted\">" + esc(c) + " (real)</th>");
        }
        out.println("</tr>");
        for (Map.Entry<String, List<RunReport.Result>> e : byScenario.entrySet()) {
            out.println("<tr><td><a href=\"#" + esc(e.getKey()) + "\">" + esc(e.getKey()) + "</a></td>");
            for (String c : clients) {
                RunReport.Result r = e.getValue().stream().filter(x -> x.client().equals(c)).findFirst().orElse(null);
                if (r == null) {
                    out.println("<td></td>");
                } else {
                    String cls = (r.actual().startsWith("pass") ? "pass" : "fail") + (r.asExpected() ? "" : " diff");
                    out.println("<td class=\"" + cls + "\" title=\"expected " + esc(r.expected()) + "\">" + esc(r.actual()) + "</td>");
                }
            }
            for (String c : realClients) {
                RunReport.ClientRun run = e.getValue().stream().filter(x -> x.clients() != null)
                        .flatMap(x -> x.clients().stream()).filter(x -> x.name().equals(c)).findFirst().orElse(null);
                if (run == null || "skipped".equals(run.actual())) {
                    out.println("<td class=\"skip\">" + (run == null ? "" : "not installed") + "</td>");
                } else {
                    String cls = (run.actual().startsWith("pass") ? "pass" : "fail") + (run.agree() ? "" : " diff");
                    out.println("<td class=\"" + cls + "\" title=\"" + esc(run.message()) + "\">" + esc(run.actual()) + "</td>");
                }
            }
            out.println("</tr>");
        }
        out.println("</table><p class=\"muted\">Green: connection accepted; red: refused; orange frame: not what the scenario expects.</p>");
        for (Map.Entry<String, List<RunReport.Result>> e : byScenario.entrySet()) {
            scenario(e.getValue(), out);
        }
        out.println("</body></html>");
    }

    private static void scenario(List<RunReport.Result> results, PrintWriter out) {
        RunReport.Result first = results.get(0);
        out.println("<section id=\"" + esc(first.id()) + "\"><h2>" + esc(first.id()) + ": " + esc(first.title()) + "</h2>");
        if (first.cause() != null && !first.cause().equals("none")) {
            out.println("<p><b>KB 954584 cause " + esc(first.cause()) + "</b></p>");
        }
        out.println("<p class=\"muted\">" + esc(first.url()) + "</p>");
        if (first.chain() != null) {
            out.println("<div class=\"chain\">");
            for (int i = 0; i < first.chain().size(); i++) {
                RunReport.ChainCert c = first.chain().get(i);
                if (i > 0) {
                    out.println("<span class=\"arrow\">&larr;</span>");
                }
                out.println("<div class=\"cert" + (c.note() != null ? " bad" : "") + "\"><b>" + esc(c.subject()) + "</b><br>issuer "
                        + esc(c.issuer()) + "<br>" + esc(c.key()) + ", until " + esc(c.notAfter())
                        + (c.note() != null ? "<br><b>" + esc(c.note()) + "</b>" : "") + "</div>");
            }
            out.println("</div>");
        }
        for (RunReport.Result r : results) {
            out.println("<h3>" + esc(r.client()) + ": " + esc(r.actual()) + " (expected " + esc(r.expected()) + ")</h3>");
            for (RunReport.Finding f : r.findings()) {
                out.println("<div class=\"finding " + ("fail".equals(f.severity()) ? "fail-f" : "warn-f") + "\">"
                        + esc(f.severity()) + " <b>" + esc(f.diagnosis()) + "</b>: " + esc(f.message())
                        + (f.command() != null ? "<br><code>" + esc(f.command()) + "</code>" : "") + "</div>");
            }
            if (r.emulated() != null) {
                out.println("<pre>" + esc(r.emulated()) + "</pre>");
            }
            if (r.clients() != null) {
                for (RunReport.ClientRun c : r.clients()) {
                    out.println("<div class=\"muted\">" + esc(c.name()) + ": " + esc(c.actual()) + " (predicted " + esc(c.predicted()) + ")"
                            + (c.message() != null ? " — " + esc(c.message()) : "") + "</div>");
                    if (c.emulated() != null) {
                        for (String em : c.emulated()) {
                            out.println("<div class=\"muted\">&nbsp;&nbsp;emulated " + esc(em) + "</div>");
                        }
                    }
                }
            }
        }
        if (first.fix() != null) {
            out.println("<p><b>Fix:</b> " + esc(first.fix()) + "</p>");
        }
        out.println("</section>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
