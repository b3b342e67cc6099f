package pkilab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import pkilab.BadInputException;

/**
 * Options every command accepts, before or after the subcommand name
 * ({@code pkilab --lab X ca init} and {@code pkilab ca init --lab X} mean the same).
 */
public final class GlobalOptions {
    /** Where the lab keeps what it generates, when neither --lab nor PKILAB_HOME says. */
    public static final String DEFAULT_LAB = ".pkilab";

    @Option(names = "--lab", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Lab home: keys, certificates, CRLs, reports (default: $PKILAB_HOME, else ./.pkilab).")
    Path lab;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

    /** The lab home this invocation works on. */
    public Path labHome() {
        if (lab != null) {
            if (lab.toString().isBlank()) {
                // "--lab $UNSET" would make the current folder the lab home
                throw new BadInputException("--lab is empty (expected the lab home folder, e.g. --lab ~/pkilab-lab)");
            }
            return folder(lab.toAbsolutePath().normalize(), "--lab");
        }
        String env = System.getenv("PKILAB_HOME");
        if (env != null && !env.isBlank()) {
            return folder(Paths.get(env).toAbsolutePath().normalize(), "$PKILAB_HOME");
        }
        return folder(Paths.get(DEFAULT_LAB).toAbsolutePath().normalize(), "the default lab home");
    }

    // a file there would read as a lab with no CAs yet ("not created yet: pkilab ca init")
    private static Path folder(Path home, String from) {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new BadInputException(from + " " + home + " is a file; the lab home is a folder (give another --lab DIR)");
        }
        return home;
    }
}
