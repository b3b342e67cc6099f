package pkilab.cli;

/** The exit codes every pkilab command uses; help texts list them. */
public final class ExitCodes {
    /** Everything went as expected. */
    public static final int OK = 0;
    /** A check ran and found a problem (a scenario not as expected, a probe that failed). */
    public static final int CHECK_FAILED = 1;
    /** Bad input: usage, flags, YAML, files, unreachable peers. */
    public static final int BAD_INPUT = 2;
    /** A bug in pkilab (EX_SOFTWARE from sysexits.h). */
    public static final int INTERNAL = 70;

    /** The help section shared by every command. */
    public static final String HELP_SECTION = "%nEXIT CODES%n"
            + "  0   ok%n"
            + "  1   a check found a problem (a scenario or probe did not go as expected)%n"
            + "  2   bad input (flags, YAML, files, unreachable peers)%n"
            + "  70  internal error (run again with --stacktrace and report it)%n";

    private ExitCodes() {
    }
}
