package pkilab.clients;

import java.nio.file.Path;

/**
 * Whether a client's program can run on this machine.
 *
 * @param installed   true when the program was found
 * @param program     the program's path when found, else the name that was looked for
 * @param installHint the command that installs it, e.g. {@code apt-get install gnutls-bin}
 */
public record Availability(boolean installed, String program, String installHint) {

    static Availability found(Path program, String hint) {
        return new Availability(true, program.toString(), hint);
    }

    static Availability missing(String program, String hint) {
        return new Availability(false, program, hint);
    }

    /** One line for a skipped run: {@code gnutls-cli not found (install: apt-get install gnutls-bin)}. */
    public String missingNote() {
        return program + " not found (install: " + installHint + ")";
    }
}
