package pkilab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;

class CliBasicsTest {
    @TempDir
    Path lab;

    @Test
    void labOptionWorksBeforeAndAfterTheSubcommand() {
        Cli.Result before = Cli.runRaw("--lab", lab.toString(), "ca", "list", "--format", "json");
        Cli.Result after = Cli.runRaw("ca", "list", "--format", "json", "--lab", lab.toString());
        assertEquals(0, before.exit(), before::toString);
        assertEquals(0, after.exit(), after::toString);
        assertTrue(before.out().contains(lab.toString()), before::toString);
        assertTrue(after.out().contains(lab.toString()), after::toString);
    }

    @Test
    void aLabHomeThatIsAFileIsBadInput() throws Exception {
        Path file = java.nio.file.Files.writeString(lab.resolve("notes.txt"), "x");
        Cli.Result r = Cli.runRaw("--lab", file.toString(), "ca", "list");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("pkilab: --lab " + file + " is a file; the lab home is a folder (give another --lab DIR)", r.err().strip());
        Cli.Result empty = Cli.runRaw("--lab", "", "ca", "list");
        assertEquals(2, empty.exit(), "an empty --lab is not the current folder: " + empty);
        assertTrue(empty.err().contains("--lab is empty"), empty::toString);
    }

    @Test
    void helpHasExamplesAndExitCodes() {
        Cli.Result r = Cli.runRaw("cert", "issue", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("EXAMPLES"), r::toString);
        assertTrue(r.out().contains("EXIT CODES"), r::toString);
    }

    @Test
    void unknownOptionIsBadInputWithoutStackTrace() {
        Cli.Result r = Cli.run(lab, "ca", "init", "--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--frobnicate"), r::toString);
        assertFalse(r.err().contains("at pkilab."), r::toString);
    }

    @Test
    void versionPrintsTheProgramName() {
        Cli.Result r = Cli.runRaw("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("pkilab "), r::toString);
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltButHelpListsThemAll() {
        assertEquals("ca", PkilabCommand.subcommandNamed("--lab", "ca", "ca", "init"), "--lab's value is not the subcommand");
        assertEquals(null, PkilabCommand.subcommandNamed("help", "ca"));
        assertEquals(null, PkilabCommand.subcommandNamed("--version"));
        assertEquals(1 + 0, PkilabCommand.commandLine("cert", "issue").getSubcommands().size());
        Cli.Result help = Cli.runRaw("--help");
        for (String name : java.util.List.of("ca", "cert", "crl", "scenarios", "hosts", "serve", "trust", "probe", "diagnose", "run")) {
            assertTrue(help.out().contains("\n  " + name + " "), name + " listed: " + help.out());
        }
        Cli.Result typo = Cli.runRaw("serv");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean: pkilab serve"), typo::toString);
    }

    @Test
    void everyCommandListsAWholeSentence() {
        // a command list shows the first line of each description: cut mid-sentence it reads
        // "…capture the chain it presents, and explain"
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (String name : java.util.List.of("ca", "cert", "crl", "scenarios", "hosts", "serve", "trust", "probe", "diagnose", "run")) {
            collectCutSummaries(PkilabCommand.commandLine(name).getSubcommands().get(name), cut);
        }
        assertEquals(java.util.List.of(), cut);
    }

    private static void collectCutSummaries(picocli.CommandLine cl, java.util.List<String> cut) {
        picocli.CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        String summary = u.header().length > 0 ? u.header()[0] : u.description().length > 0 ? u.description()[0] : "";
        if (!summary.strip().endsWith(".")) {
            cut.add(cl.getCommandSpec().qualifiedName() + ": " + summary);
        }
        cl.getSubcommands().forEach((n, sub) -> {
            if (!n.equals("help")) {
                collectCutSummaries(sub, cut);
            }
        });
    }
}
