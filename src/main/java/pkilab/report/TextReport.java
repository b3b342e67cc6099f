package pkilab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The table a trainer reads: scenario, client, expected, actual, and a one-line why. */
public final class TextReport {
    private TextReport() {
    }

    public static void write(RunReport report, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SCENARIO", "CLIENT", "EXPECTED", "ACTUAL", "", "WHY"});
        Set<String> clientNames = new LinkedHashSet<>();
        for (RunReport.Result r : report.scenarios()) {
            rows.add(new String[] {r.id(), r.client(), r.expected(), r.actual(), r.asExpected() ? "ok" : "DIFF", r.why()});
            if (r.clients() != null) {
                r.clients().forEach(c -> clientNames.add(c.name()));
            }
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                sb.append(String.format("%-" + width[i] + "s  ", row[i]));
            }
            sb.append(row[5]);
            out.println(sb.toString().stripTrailing());
        }
        if (!clientNames.isEmpty()) {
            out.println();
            writeClientMatrix(report, new ArrayList<>(clientNames), out);
            writeEmulationComparison(report, out);
        }
        RunReport.Summary s = report.summary();
        out.println();
        out.printf("%d of %d results as expected%s%n", s.asExpected(), s.total(),
                s.clientRuns() == null ? "" : "; real clients agreed with the prediction in " + s.clientAgree() + " of " + s.clientRuns() + " runs");
    }

    private static void writeClientMatrix(RunReport report, List<String> clients, PrintWriter out) {
        int idWidth = "SCENARIO".length();
        for (RunReport.Result r : report.scenarios()) {
            idWidth = Math.max(idWidth, r.id().length());
        }
        StringBuilder head = new StringBuilder(String.format("%-" + idWidth + "s", "REAL CLIENTS"));
        for (String c : clients) {
            head.append("  ").append(String.format("%-10s", c));
        }
        out.println(head.toString().stripTrailing());
        Set<String> seen = new LinkedHashSet<>();
        for (RunReport.Result r : report.scenarios()) {
            if (r.clients() == null || !seen.add(r.id())) {
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format("%-" + idWidth + "s", r.id()));
            for (String c : clients) {
                String cell = r.clients().stream().filter(x -> x.name().equals(c)).findFirst()
                        .map(x -> "skipped".equals(x.actual()) ? "-" : x.actual() + (x.agree() ? "" : "!"))
                        .orElse("");
                sb.append("  ").append(String.format("%-10s", cell));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.println("(! = the real client disagreed with the engine's prediction; - = client not installed)");
    }

    /** A real .NET runtime's flags, scenario by scenario, under the emulated ones of each .NET profile. */
    private static void writeEmulationComparison(RunReport report, PrintWriter out) {
        Set<String> seen = new LinkedHashSet<>();
        boolean header = false;
        for (RunReport.Result r : report.scenarios()) {
            if (r.clients() == null || !seen.add(r.id())) {
                continue;
            }
            for (RunReport.ClientRun c : r.clients()) {
                if (c.emulated() == null || "skipped".equals(c.actual())) {
                    continue;
                }
                if (!header) {
                    out.println();
                    out.println("REAL .NET RUNTIME BESIDE THE EMULATION");
                    header = true;
                }
                out.println(r.id() + "  " + c.name() + ": " + c.actual() + " — " + c.message());
                for (String e : c.emulated()) {
                    out.println("    emulated " + e);
                }
            }
        }
    }
}
