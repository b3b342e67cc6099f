package pkilab;

/**
 * Something the user gave us is wrong: a flag, a YAML file, a PEM file, a URL that does not
 * answer. The message is one line that names what failed, the value found and what was
 * expected; the command line turns it into exit code 2 without a stack trace.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
