package pkilab;

import pkilab.cli.PkilabCommand;

/** Entry point of the {@code pkilab} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(PkilabCommand.execute(args));
    }
}
