package pkilab.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What pkilab asks of the terminal it prints to: its width. */
final class Terminal {
    /** Lines for a file or a pipe: wide enough for a projector's 160 columns, no wider. */
    static final int PIPED_WIDTH = 160;

    private Terminal() {
    }

    /**
     * The width of the terminal in columns: {@code stty size} on the controlling terminal
     * (a shell does not export $COLUMNS to programs), else $COLUMNS, else {@link #PIPED_WIDTH}.
     */
    static int width(boolean tty) {
        if (tty && new File("/dev/tty").exists()) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                    int cols = Integer.parseInt(rowsCols[1]);
                    if (cols > 0) {
                        return cols;
                    }
                }
                p.destroyForcibly();
            } catch (Exception e) {
                // no stty, or no terminal after all: fall back below
            }
        }
        try {
            int cols = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            if (cols > 0) {
                return cols;
            }
        } catch (NumberFormatException e) {
            // not set, or not a number
        }
        return PIPED_WIDTH;
    }
}
