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

    /**
     * Why a file operation failed, in words: the JDK's file-system exceptions often carry only
     * the path ("/tmp/x") or a decoder's "Input length = 1" as their message.
     */
    public static String why(java.io.IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text (a binary file?)";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way" + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or folder" + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? "input/output error" : m;
    }
}
