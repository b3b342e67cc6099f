package pkilab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table a trainer reads: scenario, client, expected, actual, and a one-line why; with
 * {@link Style#words()} each result is followed by the client's own words — what the
 * E-mail Router, JSSE, curl or Chromium prints for it — and each real client's line.
 *
 * <p>Lines fit {@link Style#width()} columns: the WHY column is cut (the JSON report has it
 * whole) and the clients' words are wrapped under a hanging indent.
 */
public final class TextReport {
    /** An answer after a completed handshake, e.g. {@code HTTP 405} or {@code HTTP/1.1 405 Method Not Allowed}. */
    private static final Pattern HTTP_STATUS = Pattern.compile("^HTTP(?:/[0-9.]+)? (\\d{3})\\b.*");
    private static final String GREEN = "32";
    private static final String RED = "31";
    private static final String BOLD_RED = "1;31";
    private static final int MIN_WHY = 30;

    /**
     * How to lay the table out.
     *
     * @param words  show each client's own words under its result
     * @param width  the terminal's width in columns; 0 for lines of any length
     * @param colour ANSI colours on verdicts (only for a terminal, and not with {@code NO_COLOR})
     */
    public record Style(boolean words, int width, boolean colour) {
        /** One line per result, lines of any length, no colour: the table as it always was. */
        public static final Style PLAIN = new Style(false, 0, false);
    }

    private TextReport() {
    }

    public static void write(RunReport report, PrintWriter out) {
        write(report, out, Style.PLAIN);
    }

    public static void write(RunReport report, PrintWriter out, Style style) {
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
        int lead = 0;
        for (int w : width) {
            lead += w + 2;
        }
        // too narrow for the WHY beside the verdicts (80 columns): it goes on a line of its own,
        // and EXPECTED is said only where it differs
        boolean stacked = style.width() > 0 && lead + MIN_WHY > style.width();
        int[] shown = stacked ? new int[] {0, 1, 3, 4} : new int[] {0, 1, 2, 3, 4};
        // long scenario ids and diagnoses do not even fit stacked: one result a paragraph
        boolean narrow = stacked && width[0] + width[1] + width[3] + width[4] + 8 > style.width();
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            if (narrow) {
                if (n == 0) {
                    out.println("RESULT  SCENARIO as CLIENT: ACTUAL, then WHY");
                } else {
                    wrap(out, paint(style, pad(row[4], 4), colourOf(4, row[4])) + "  ", row[0] + " as " + row[1] + ": " + row[3]
                            + (row[4].equals("ok") ? "" : " (expected " + row[2] + ")"), 6, style.width());
                    out.println(strip(new StringBuilder("      ").append(cut(row[5], style.width() - 6))));
                }
            } else {
                alignedRow(out, row, n == 0, shown, width, lead, stacked, style);
            }
            if (n > 0 && style.words()) {
                RunReport.Result r = report.scenarios().get(n - 1);
                String[] said = said(r.emulated());
                if (said != null) {
                    wrap(out, "    " + r.client() + " would print (" + said[0] + "): ", said[1], 6, style.width());
                }
            }
        }
        if (!clientNames.isEmpty()) {
            out.println();
            writeClientMatrix(report, new ArrayList<>(clientNames), out, style);
            writeEmulationComparison(report, out, style);
        }
        RunReport.Summary s = report.summary();
        out.println();
        wrap(out, "", s.asExpected() + " of " + s.total() + " results as expected" + (s.clientRuns() == null ? ""
                : "; real clients agreed with the prediction in " + s.clientAgree() + " of " + s.clientRuns() + " runs"
                + RunReport.faultLine(s)), 2, style.width());
    }

    /** One result as aligned columns; stacked: the WHY on a line of its own below. */
    private static void alignedRow(PrintWriter out, String[] row, boolean header, int[] shown, int[] width, int lead, boolean stacked,
                                   Style style) {
        StringBuilder sb = new StringBuilder();
        int plain = 0;
        for (int i : shown) {
            String cell = pad(row[i], width[i]);
            sb.append(header ? cell : paint(style, cell, colourOf(i, row[i]))).append("  ");
            plain += cell.length() + 2;
        }
        if (stacked) {
            String rest = header ? "WHY (below)" : row[4].equals("ok") ? "" : "expected " + row[2];
            sb.append(cut(rest, Math.max(8, style.width() - plain)));
            out.println(strip(sb));
            if (!header) {
                out.println(strip(new StringBuilder("    ").append(cut(row[5], style.width() - 4))));
            }
        } else {
            sb.append(cut(row[5], style.width() <= 0 ? Integer.MAX_VALUE : Math.max(MIN_WHY, style.width() - lead)));
            out.println(strip(sb));
        }
    }

    private static void writeClientMatrix(RunReport report, List<String> clients, PrintWriter out, Style style) {
        int idWidth = "REAL CLIENTS".length();
        int asWidth = "AS".length();
        boolean beside = false;
        for (RunReport.Result r : report.scenarios()) {
            idWidth = Math.max(idWidth, r.id().length());
            for (RunReport.ClientRun c : r.clients() == null ? List.<RunReport.ClientRun>of() : r.clients()) {
                if (c.beside() != null) {
                    beside = true;
                    asWidth = Math.max(asWidth, c.beside().length());
                }
            }
        }
        int cellWidth = 8;
        for (String c : clients) {
            cellWidth = Math.max(cellWidth, c.length());
        }
        StringBuilder head = new StringBuilder(pad("REAL CLIENTS", idWidth));
        if (beside) {
            head.append("  ").append(pad("AS", asWidth));
        }
        for (String c : clients) {
            head.append("  ").append(pad(c, cellWidth));
        }
        out.println(strip(head));
        Set<String> seen = new LinkedHashSet<>();
        Map<String, List<String>> trustSets = new LinkedHashMap<>();
        Map<String, Set<String>> revocation = new LinkedHashMap<>();
        for (RunReport.Result r : report.scenarios()) {
            if (r.clients() == null || !seen.add(r.id())) {
                continue;
            }
            StringBuilder sb = new StringBuilder(pad(r.id(), idWidth));
            if (beside) {
                String as = r.clients().stream().map(RunReport.ClientRun::beside).filter(b -> b != null).findFirst().orElse("");
                sb.append("  ").append(pad(as, asWidth));
            }
            for (String c : clients) {
                RunReport.ClientRun run = r.clients().stream().filter(x -> x.name().equals(c)).findFirst().orElse(null);
                String cell = run == null ? "" : "skipped".equals(run.actual()) ? "-"
                        : run.actual() + (run.agree() ? Boolean.FALSE.equals(run.named()) ? "~" : "" : "!");
                String code = run == null || "skipped".equals(run.actual()) ? null
                        : !run.agree() ? BOLD_RED : "pass".equals(run.actual()) ? GREEN : RED;
                sb.append("  ").append(paint(style, pad(cell, cellWidth), code));
                if (run != null && run.beside() != null) {
                    trustSets.putIfAbsent(run.beside(), run.trusts());
                    if (run.revocation() != null) {
                        revocation.computeIfAbsent(run.beside(), k -> new LinkedHashSet<>()).add(run.name() + " " + run.revocation());
                    }
                }
            }
            out.println(strip(sb));
            if (style.words()) {
                int nameWidth = r.clients().stream().mapToInt(x -> x.name().length()).max().orElse(0);
                for (RunReport.ClientRun run : r.clients()) {
                    wrap(out, "    " + pad(run.name(), nameWidth) + "  ", words(run), 6 + nameWidth, style.width());
                }
            }
        }
        wrap(out, "", "(! = the real client disagreed with the engine's prediction; ~ = it failed as predicted but named another fault"
                + " than the one predicted; - = client not installed)", 1, style.width());
        if (beside) {
            List<String> sets = new ArrayList<>();
            trustSets.forEach((p, t) -> sets.add(p + ": " + (t == null ? "?" : String.join(", ", t))));
            wrap(out, "", "Each real client trusted only the roots of the AS profile (" + String.join("; ", sets) + ")"
                    + (revocation.isEmpty() ? "; none checked revocation." : ", and checked revocation where that profile does and the "
                    + "client can: " + String.join("; ", revocation.values().stream().flatMap(Set::stream).distinct().toList()) + "."),
                    2, style.width());
        }
    }

    /** What a real client said, in words a class reads: an HTTP answer after the handshake is not a TLS failure. */
    static String words(RunReport.ClientRun run) {
        String m = run.message() == null ? "" : run.message();
        if ("skipped".equals(run.actual())) {
            return "not installed (" + m + ")";
        }
        Matcher http = HTTP_STATUS.matcher(m);
        if ("pass".equals(run.actual()) && http.matches()) {
            return "certificate accepted; the endpoint then answered " + m
                    + (http.group(1).equals("405") ? " (EWS wants a POST; not a TLS error)" : " (an HTTP answer, not a TLS error)");
        }
        return "pass".equals(run.actual()) ? "certificate accepted: " + m : m;
    }

    /** "emulated dotnet: TEXT" as {family, TEXT}; null when there is nothing to say. */
    private static String[] said(String emulated) {
        if (emulated == null || emulated.isBlank()) {
            return null;
        }
        Matcher m = Pattern.compile("^emulated (\\S+): (.*)$", Pattern.DOTALL).matcher(emulated);
        return m.matches() ? new String[] {"emulated " + m.group(1), m.group(2)} : new String[] {"emulated", emulated};
    }

    /** {@code first} then {@code text} wrapped at word boundaries to {@code width}, continuation lines indented. */
    static void wrap(PrintWriter out, String first, String text, int indent, int width) {
        if (width <= 0) {
            out.println(strip(new StringBuilder(first + text)));
            return;
        }
        int room = Math.max(20, width - first.length());
        String rest = text.strip();
        String prefix = first;
        if (rest.isEmpty()) {
            out.println(strip(new StringBuilder(first)));
        }
        while (!rest.isEmpty()) {
            if (rest.length() <= room) {
                out.println(strip(new StringBuilder(prefix).append(rest)));
                return;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= room / 3) {
                cut = room; // one long token (a URL, a Java class name): break it
            }
            out.println(strip(new StringBuilder(prefix).append(rest, 0, cut)));
            rest = rest.substring(cut).strip();
            prefix = " ".repeat(indent);
            room = Math.max(20, width - indent);
        }
    }

    private static String colourOf(int column, String value) {
        return switch (column) {
            case 3 -> value.startsWith("pass") ? GREEN : RED;
            case 4 -> value.equals("ok") ? GREEN : BOLD_RED;
            default -> null;
        };
    }

    private static String paint(Style style, String cell, String code) {
        return style.colour() && code != null ? "\u001b[" + code + "m" + cell + "\u001b[0m" : cell;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)).stripTrailing() + "…";
    }

    private static String strip(StringBuilder sb) {
        return sb.toString().stripTrailing();
    }

    /** A real .NET runtime's flags, scenario by scenario, under the emulated ones of each .NET profile. */
    private static void writeEmulationComparison(RunReport report, PrintWriter out, Style style) {
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
                wrap(out, "", r.id() + "  " + c.name() + ": " + c.actual() + " — " + c.message(), 4, style.width());
                for (String e : c.emulated()) {
                    wrap(out, "    emulated ", e, 8, style.width());
                }
            }
        }
    }
}
