package pkilab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.scenario.ClientSide;
import pkilab.scenario.Expectation;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ServerSide;
import pkilab.scenario.ServerTls;

/** {@code pkilab scenarios list|show|validate}: the scenario catalogue of {@code scenarios/}. */
@Command(name = "scenarios", description = "The scenario catalogue: list, show, validate.",
        subcommands = {ScenariosCommand.ListScenarios.class, ScenariosCommand.Show.class, ScenariosCommand.Validate.class},
        footerHeading = "%nEXAMPLES%n",
        footer = {"  pkilab scenarios list", "  pkilab scenarios show incomplete-chain",
            "  pkilab scenarios validate scenarios/my-case.yaml", ExitCodes.HELP_SECTION})
public final class ScenariosCommand {

    /** One scenario with every profile's expected verdict resolved, as JSON shows it. */
    static Map<String, Object> row(ScenarioCatalogue catalogue, Scenario s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("title", s.title());
        row.put("cause", s.cause().id());
        row.put("category", s.category().id());
        row.put("url", s.client().url());
        row.put("profile", s.client().profile());
        row.put("needsOwnListener", s.needsOwnListener());
        row.put("expect", catalogue.verdicts(s));
        return row;
    }

    /** The {@code --category} word; a wrong one is bad input naming the flag. */
    static Scenario.Category set(String word) {
        try {
            return Scenario.Category.parse(word);
        } catch (pkilab.BadInputException e) {
            throw new pkilab.BadInputException("--category: " + e.getMessage());
        }
    }

    /** A verdict in a table cell: pass, or the diagnosis id of the failure. */
    static String cell(Expectation v) {
        return v == null ? "?" : v.pass() ? "pass" : v.diagnosis().id();
    }

    @Command(name = "list", description = "List the scenarios: id, article cause, the verdict each client profile is expected to reach, title.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab scenarios list", "  pkilab scenarios list --category protocol",
                "  pkilab scenarios list --format json | jq '.scenarios[].id'",
                "%nA '*' marks the profile a scenario is about; cells show pass or the expected diagnosis.",
                ExitCodes.HELP_SECTION})
    static final class ListScenarios extends LabCommand implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;
        @Option(names = "--category", paramLabel = "SET", description = "Only this set: exchange, certificate, names, chain, revocation, protocol or client-certificate.")
        String category;

        @Override
        public Integer call() {
            ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir());
            Scenario.Category only = category == null ? null : set(category);
            List<Scenario> shown = catalogue.scenarios().stream().filter(s -> only == null || s.category() == only).toList();
            if (format == OutputFormat.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Scenario s : shown) {
                    rows.add(row(catalogue, s));
                }
                out().println(json(Map.of("scenarios", rows, "clients", catalogue.clients().values())));
                return ExitCodes.OK;
            }
            List<String> profiles = new ArrayList<>(catalogue.clients().keySet());
            int idWidth = catalogue.scenarios().stream().mapToInt(s -> s.id().length()).max().orElse(2) + 2;
            StringBuilder head = new StringBuilder(String.format("%-" + idWidth + "s%-6s", "ID", "CAUSE"));
            for (String p : profiles) {
                head.append(String.format("%-20s", p));
            }
            out().println(head.append("TITLE").toString().stripTrailing());
            for (Scenario s : shown) {
                StringBuilder line = new StringBuilder(String.format("%-" + idWidth + "s%-6s", s.id(), s.cause().id()));
                for (String p : profiles) {
                    String mark = p.equals(s.client().profile()) ? "*" : "";
                    line.append(String.format("%-20s", cell(s.expectFor(p)) + mark));
                }
                out().println(line.append(s.title()));
            }
            out().println(shown.size() + " scenarios" + (only == null ? "" : " in set " + only.id() + " (" + only.title() + ")")
                    + ", " + profiles.size() + " client profiles. Next: pkilab scenarios show ID");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one scenario: story, what the server presents, the client, the expected verdicts and the fix.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab scenarios show self-signed", "  pkilab scenarios show cn-only --format json", ExitCodes.HELP_SECTION})
    static final class Show extends LabCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The scenario id (see pkilab scenarios list).")
        String id;
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Override
        public Integer call() {
            ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir());
            Scenario s = catalogue.scenario(id);
            if (format == OutputFormat.json) {
                Map<String, Object> row = row(catalogue, s);
                row.put("story", s.story());
                row.put("server", s.server());
                row.put("client", s.client());
                row.put("fix", s.fix());
                row.put("file", catalogue.file(id).toString());
                out().println(json(row));
                return ExitCodes.OK;
            }
            out().println(s.id() + ": " + s.title());
            out().println("  cause:   " + (s.cause() == Scenario.Cause.NONE ? "none (not one of KB 954584's two causes)" : s.cause().id() + " of KB 954584"));
            out().println("  set:     " + s.category().id() + " (" + s.category().title() + ")");
            out().println("  file:    " + show(catalogue.file(id)));
            out().println();
            out().println(indent(s.story().strip()));
            out().println();
            out().println("Server:  issuer " + s.server().issuer().id() + ", names " + names(s)
                    + ", sends " + s.server().sends().stream().map(p -> p.id()).toList());
            tls(s).ifPresent(t -> out().println("TLS:     " + t));
            out().println("Client:  " + s.client().profile() + " calls " + s.client().url()
                    + (s.client().alsoTrusts().isEmpty() ? "" : ", also trusts the scenario's "
                    + s.client().alsoTrusts().stream().map(t -> t.id()).toList())
                    + (s.client().presenting() == ClientSide.Presents.NONE ? ""
                    : ", presents a client certificate: " + s.client().presenting().id())
                    + (s.needsOwnListener() ? "  (no SNI: served on a listener of its own)" : ""));
            out().println();
            out().println("Expected:");
            int width = catalogue.clients().keySet().stream().mapToInt(String::length).max().orElse(13) + 1;
            for (String p : catalogue.clients().keySet()) {
                Expectation v = s.expectFor(p);
                out().printf("  %-" + width + "s %-26s %s%n", p + (p.equals(s.client().profile()) ? "*" : ""), v.label(),
                        v.why() == null ? "" : v.why());
            }
            out().println();
            out().println("Fix:");
            out().println(indent(s.fix().strip()));
            return ExitCodes.OK;
        }

        /** What the server does differently from a default TLS site: versions, suites, SNI, client certificates, staple. */
        private static java.util.Optional<String> tls(Scenario s) {
            List<String> parts = new ArrayList<>();
            ServerTls t = s.server().tls();
            if (t != null && !t.versions().isEmpty()) {
                parts.add("versions " + String.join(", ", t.versions()));
            }
            if (t != null && !t.ciphers().isEmpty()) {
                parts.add("cipher suites " + String.join(", ", t.ciphers()));
            }
            if (t != null && t.sniRequired()) {
                parts.add("refuses a hello without SNI");
            }
            ServerSide.ClientAuth auth = s.server().clientAuth();
            if (auth != null) {
                parts.add((auth.require() ? "requires" : "asks for") + " a client certificate from " + auth.caId());
            }
            if (s.server().staples()) {
                parts.add("staples its OCSP answer");
            }
            return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", parts));
        }

        private static String names(Scenario s) {
            List<String> n = new ArrayList<>();
            if (s.server().cn() != null) {
                n.add("CN=" + s.server().cn());
            }
            if (s.server().noSan()) {
                n.add("no SAN");
            } else {
                s.server().dns().forEach(d -> n.add("DNS:" + d));
                s.server().ip().forEach(a -> n.add("IP:" + a));
            }
            return String.join(" ", n);
        }

        /** The text re-flowed to lines of at most 90 characters, indented by two spaces. */
        private static String indent(String text) {
            StringBuilder out = new StringBuilder();
            int col = 0;
            for (String word : text.split("\\s+")) {
                if (col > 0 && col + 1 + word.length() > 88) {
                    out.append('\n');
                    col = 0;
                }
                out.append(col == 0 ? "  " : " ").append(word);
                col += word.length() + (col == 0 ? 2 : 1);
            }
            return out.toString();
        }
    }

    @Command(name = "validate", description = "Check scenario files (a folder or one file) and the client profiles: unknown fields, bad values, duplicate ids, host names used twice.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab scenarios validate                     the catalogue in scenarios/",
                "  pkilab scenarios validate ~/my-scenarios      a folder of your own",
                "  pkilab scenarios validate my-case.yaml",
                "",
                "A scenario's id is its file name (my-case.yaml holds id: my-case), and each",
                "scenario's URL needs a host name of its own: the server tells them apart by it.",
                "A folder without a clients.yaml is checked against the profiles in scenarios/.",
                ExitCodes.HELP_SECTION})
    static final class Validate extends LabCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", arity = "0..1", description = "A scenario file or folder (default: scenarios/).")
        Path path;

        @Override
        public Integer call() {
            Path target = path == null ? configDir().resolve("scenarios") : path;
            ScenarioCatalogue catalogue = ScenarioCatalogue.load(target, configDir());
            if (catalogue.scenarios().isEmpty() && java.nio.file.Files.isDirectory(target)) {
                throw new BadInputException(show(target) + ": no scenario files (NAME.yaml) in this folder");
            }
            out().println("ok: " + catalogue.scenarios().size() + " scenario(s) and " + catalogue.clients().size()
                    + " client profiles in " + show(target) + " are valid");
            return ExitCodes.OK;
        }
    }
}
