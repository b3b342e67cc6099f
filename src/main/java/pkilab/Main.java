package pkilab;

import pkilab.cli.PkilabCommand;

/** Entry point of the {@code pkilab} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LegacyTls.allow();   // before any TLS class reads the property
        System.exit(PkilabCommand.execute(args));
    }
}
