package pkilab.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
            return lab.toAbsolutePath().normalize();
        }
        String env = System.getenv("PKILAB_HOME");
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        return Paths.get(DEFAULT_LAB).toAbsolutePath().normalize();
    }
}
