package pkilab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import pkilab.BadInputException;

/** The top of the command tree; {@link #execute} is the one place errors become exit codes. */
@Command(name = "pkilab",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "A local test-PKI lab: why TLS clients refuse a server's certificate.",
        subcommands = {
            CaCommand.class,
            CertCommand.class,
            CrlCommand.class,
            ScenariosCommand.class,
            HostsCommand.class,
            ServeCommand.class,
            TrustCommand.class,
            ProbeCommand.class,
            DiagnoseCommand.class,
            RunCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab ca init                        create the lab's CAs in ./.pkilab",
            "  pkilab ca show enterprise --pem       the AD CS root, as PEM",
            "  pkilab cert issue --ca public --dns mail.contoso.test",
            "  pkilab scenarios list                 every scenario, expected verdict per client",
            "  pkilab probe https://exch01/EWS/Exchange.asmx --connect 127.0.0.1:8443",
            ExitCodes.HELP_SECTION
        })
public final class PkilabCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see pkilab --help)");
    }

    /** The picocli tree with pkilab's error handling, ready to execute. */
    public static CommandLine commandLine() {
        PkilabCommand top = new PkilabCommand();
        CommandLine cl = new CommandLine(top);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("pkilab: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            boolean trace = top.global != null && top.global.stacktrace;
            if (ex instanceof BadInputException) {
                err.println("pkilab: " + ex.getMessage());
                if (trace) {
                    ex.printStackTrace(err);
                }
                return ExitCodes.BAD_INPUT;
            }
            err.println("pkilab: internal error: " + ex
                    + (trace ? "" : " (run again with --stacktrace for details)"));
            if (trace) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    public static int execute(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }
}
