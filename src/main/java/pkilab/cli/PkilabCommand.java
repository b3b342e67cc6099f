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
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab run                        every scenario: who fails, and why",
            "  pkilab ca init                    create the lab's CAs in ./.pkilab",
            "  pkilab ca show enterprise --pem   the AD CS root, as PEM",
            "  pkilab cert issue --ca public --dns mail.contoso.test",
            "  pkilab scenarios list             every scenario, expected verdict per client",
            "  pkilab serve                      every scenario on loopback, with a dashboard",
            "  pkilab probe https://exch01/EWS/Exchange.asmx --connect 127.0.0.1:8443",
            "  pkilab inspect server.pem          any certificate or chain, field by field",
            "  source <(pkilab completion bash)  tab completion in this shell",
            "",
            "Every command has its own EXAMPLES: pkilab COMMAND --help.",
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

    /** Every subcommand, in the order help lists them. */
    private static final java.util.Map<String, Class<?>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("ca", CaCommand.class);
        SUBCOMMANDS.put("cert", CertCommand.class);
        SUBCOMMANDS.put("crl", CrlCommand.class);
        SUBCOMMANDS.put("scenarios", ScenariosCommand.class);
        SUBCOMMANDS.put("hosts", HostsCommand.class);
        SUBCOMMANDS.put("serve", ServeCommand.class);
        SUBCOMMANDS.put("trust", TrustCommand.class);
        SUBCOMMANDS.put("probe", ProbeCommand.class);
        SUBCOMMANDS.put("diagnose", DiagnoseCommand.class);
        SUBCOMMANDS.put("run", RunCommand.class);
        SUBCOMMANDS.put("inspect", InspectCommand.class);
        SUBCOMMANDS.put("completion", CompletionCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    /** The whole picocli tree with pkilab's error handling, ready to execute. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The picocli tree for these arguments. Building a command's model costs reflection over
     * its classes at every start, so when the arguments name a subcommand only that one is
     * added; help, version, and anything unrecognised get the whole tree.
     */
    public static CommandLine commandLine(String... args) {
        PkilabCommand top = new PkilabCommand();
        CommandLine cl = new CommandLine(top);
        String named = subcommandNamed(args);
        for (java.util.Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (named == null || named.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), e.getValue());
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, rest) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("pkilab: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (cmd.getCommand() instanceof LabCommand lc) {
                lc.progressDone(); // a step's line on a terminal ends before the error
            }
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

    /** The subcommand the arguments name, if it is one of pkilab's (and not help), else null. */
    static String subcommandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--lab")) {
                i++;
            } else if (!a.startsWith("-")) {
                return SUBCOMMANDS.containsKey(a) && !a.equals("help") ? a : null;
            }
        }
        return null;
    }

    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }
}
