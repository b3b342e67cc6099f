package pkilab.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import pkilab.cli.PkilabCommand;

/** Runs the real pkilab command line in-process and captures what it prints. */
public final class Cli {
    /** Exit code, standard output and standard error of one run. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs {@code pkilab --lab LAB args…} with the repository's ca/ and scenarios/. */
    public static Result run(Path lab, String... args) {
        List<String> all = new ArrayList<>();
        all.add("--lab");
        all.add(lab.toString());
        all.addAll(List.of(args));
        return runRaw(all.toArray(new String[0]));
    }

    public static Result runRaw(String... args) {
        return runWithConfig(Repo.root(), args);
    }

    /** Runs with another folder holding ca/, scenarios/, server/ (for bad-YAML tests). */
    public static synchronized Result runWithConfig(Path configDir, String... args) {
        System.setProperty("pkilab.config", configDir.toString());
        CommandLine cl = PkilabCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new Result(code, out.toString(), err.toString());
    }
}
