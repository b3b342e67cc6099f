package pkilab.clients;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import pkilab.verdict.Diagnosis;

/**
 * What one real client did against one server: did it accept the certificate, what did it
 * print, and what does that text mean in pkilab's {@link Diagnosis} vocabulary.
 *
 * @param client     driver name ({@code curl}, {@code chromium}…)
 * @param verdict    pass, fail, skipped or error
 * @param exitCode   the client process's exit code, or null when it did not run or timed out
 * @param message    the client's own line about the outcome, e.g.
 *                   {@code SSL certificate problem: self-signed certificate}; for a skipped
 *                   client, the install hint
 * @param diagnoses  the diagnoses that message is consistent with, most likely first; empty
 *                   when it passed or the text says nothing the list knows. Several clients
 *                   say the same thing for different causes (Java's "PKIX path building
 *                   failed" covers self-signed, untrusted root and missing intermediate).
 * @param millis     wall time of the run, including starting the client
 * @param command    the program and its arguments, exactly as run
 */
public record ClientOutcome(String client, Status verdict, Integer exitCode, String message,
                            List<Diagnosis> diagnoses, long millis, List<String> command) {

    /** Did the client accept the server's certificate. */
    public enum Status {
        /** The handshake completed and the client accepted the certificate. */
        PASS,
        /** The client refused the server (certificate or TLS handshake). */
        FAIL,
        /** The client is not installed here; the message says how to install it. */
        SKIPPED,
        /** The run says nothing about the certificate: timeout, no connection, the client crashed. */
        ERROR;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ClientOutcome {
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        command = command == null ? List.of() : List.copyOf(command);
    }

    static ClientOutcome skipped(String client, Availability a) {
        return new ClientOutcome(client, Status.SKIPPED, null, a.missingNote(), List.of(), 0, List.of());
    }

    /** The most likely diagnosis, if the client's text names one. */
    @JsonIgnore
    public Optional<Diagnosis> diagnosis() {
        return diagnoses.isEmpty() ? Optional.empty() : Optional.of(diagnoses.get(0));
    }

    /** The command as one shell line a trainer can paste (arguments quoted where needed). */
    public String commandLine() {
        return command.stream().map(ClientOutcome::shellQuote).collect(Collectors.joining(" "));
    }

    static String shellQuote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return client + ": " + verdict.id() + (message == null || message.isEmpty() ? "" : " — " + message)
                + (diagnoses.isEmpty() ? "" : " " + diagnoses);
    }
}
