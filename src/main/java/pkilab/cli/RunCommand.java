package pkilab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.ca.LabHome;
import pkilab.report.HtmlReport;
import pkilab.report.JUnitReport;
import pkilab.report.JsonReport;
import pkilab.report.RunReport;
import pkilab.report.TextReport;
import pkilab.run.CatalogueRun;
import pkilab.run.FixRun;
import pkilab.scenario.ScenarioCatalogue;

/** {@code pkilab run}: the scenario catalogue end to end, with the table of who fails and why. */
@Command(name = "run", description = {
    "Run the scenario catalogue end to end and print which clients fail, and why.",
    "Makes the lab if needed and serves every scenario on free loopback ports. Connects to each as its client "
        + "profile (a real TLS handshake, then the diagnosis engine), lets real clients try too if asked, and prints "
        + "scenario, client, expected, actual and why.",
    "Exit 0 only if every result is as expected and every real client agreed with its prediction."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab run                          each scenario as its own client profile",
            "  pkilab run self-signed name-mismatch-netbios        the article's two causes",
            "  pkilab run --as email-router --as java      the catalogue as two clients",
            "  pkilab run --as all --format html --out lab.html    every profile, as a page",
            "  pkilab run --clients curl,chromium  real clients beside the predictions",
            "  pkilab run --clients all            every real client installed here",
            "  pkilab run self-signed --clients dotnet --fix   the fix, before -> after",
            "  pkilab run --format junit --out results.xml         for a CI server",
            "",
            "A real client that is not installed shows as '-'; --format json and html name",
            "the package to install.",
            ExitCodes.HELP_SECTION})
public final class RunCommand extends LabCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "Scenario ids (default: all; see pkilab scenarios list).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--as", paramLabel = "PROFILE", description = "Client profile(s) to connect as, instead of each scenario's own; 'all' for every profile.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--clients", paramLabel = "LIST", split = ",",
            description = "Real clients to run too: curl, openssl, gnutls, python, node, java, chromium, or all.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Replace --out FILE if it exists.")
    boolean force;

    @Option(names = "--fix", description = "Apply each scenario's fix (a certificate from a trusted CA naming the URL's host) in a scratch copy of the lab, run the same profiles and clients again, and print before -> after.")
    boolean fix;

    @Option(names = "--client-timeout", defaultValue = "20s", paramLabel = "PERIOD", description = "Time limit of one real client run (default: ${DEFAULT-VALUE}).")
    String clientTimeout;

    @Option(names = "--words", negatable = true, paramLabel = "",
            description = "Show each client's own words under its result: the E-mail Router's status line, JSSE's exception, "
                    + "curl's error, Chromium's net::ERR_… (default: on when one scenario or one profile is asked).")
    Boolean words;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Fit the text table into COLUMNS (default: the terminal's width, else $COLUMNS, else 160); "
                    + "--format json has every text whole.")
    Integer width;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "junit", "html").contains(format)) {
            throw new BadInputException("--format '" + format + "' is not one of text, json, junit, html");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new BadInputException("--out " + show(out) + " is a folder; give the report's file name (e.g. " + show(out.resolve("report." + format)) + ")");
        }
        if (out != null && Files.exists(out) && !force) {
            throw new BadInputException(show(out) + " exists; not replacing it without --force");
        }
        if (profiles.contains("all") && profiles.size() > 1) {
            throw new BadInputException("--as all stands alone: it already names every profile");
        }
        if (width != null && width < 40) {
            throw new BadInputException("--width " + width + " is too narrow for the table (expected 40 columns or more, e.g. 80)");
        }
        Duration timeout = pkilab.ca.TimeSpec.period(clientTimeout);
        if (timeout.isNegative() || timeout.isZero()) {
            // 0s would end every real client at once and report each as disagreeing
            throw new BadInputException("--client-timeout " + clientTimeout + " must be more than 0s (e.g. 20s)");
        }
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir());
        if (fix) {
            return fix(catalogue, timeout);
        }
        CatalogueRun run = new CatalogueRun(lab(), catalogue, configDir().resolve("server"), this::progress);
        RunReport report = run.run(new CatalogueRun.Options(ids, profiles, clients, timeout));
        progressDone();
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        switch (format) {
            case "json" -> JsonReport.write(report, pw);
            case "junit" -> JUnitReport.write(report, pw);
            case "html" -> HtmlReport.write(report, pw);
            default -> TextReport.write(report, pw, textStyle());
        }
        pw.flush();
        if (out == null) {
            out().print(sw);
        } else {
            LabHome.writeAtomic(out.toAbsolutePath(), sw.toString().getBytes(StandardCharsets.UTF_8), false);
            out().println("Wrote " + show(out) + ": " + report.summary().asExpected() + " of " + report.summary().total()
                    + " results as expected");
        }
        return report.allAsExpected() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private int fix(ScenarioCatalogue catalogue, Duration timeout) {
        if (!format.equals("text") || out != null) {
            throw new BadInputException("--fix prints a text table of before -> after; leave out --format and --out");
        }
        FixRun run = new FixRun(lab(), catalogue, configDir().resolve("server"), this::progress);
        List<FixRun.Change> changes = run.run(new CatalogueRun.Options(ids, profiles, clients, timeout));
        progressDone();
        int[] w = new int[3];
        for (FixRun.Change c : changes) {
            w[0] = Math.max(w[0], c.scenario().length());
            w[1] = Math.max(w[1], c.client().length());
            w[2] = Math.max(w[2], c.before().length());
        }
        int fixed = 0;
        for (FixRun.Change c : changes) {
            out().println(String.format("%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  \u2192  %s", c.scenario(), c.client(), c.before(), c.after()));
            fixed += c.fixed() ? 1 : 0;
        }
        out().println();
        out().println(fixed + " of " + changes.size() + " pass after the fix (a certificate naming the URL's host from the lab's public CA, or the enterprise CA for a NetBIOS name)");
        return fixed == changes.size() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * Words on when the table is about one thing (one scenario, or the catalogue as one
     * profile), where a class reads them; colours only on a terminal, and never with NO_COLOR
     * (no-color.org) or TERM=dumb.
     */
    TextReport.Style textStyle() {
        boolean one = ids.size() == 1 || (profiles.size() == 1 && !profiles.get(0).equals("all"));
        boolean wordsOn = words != null ? words : one;
        boolean tty = out == null && System.console() != null;
        String noColour = System.getenv("NO_COLOR");
        boolean colour = tty && (noColour == null || noColour.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
        return new TextReport.Style(wordsOn, width != null ? width : Terminal.width(tty), colour);
    }
}
