package pkilab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one way pkilab reads a file it is given: a regular file only, and no more bytes than
 * its kind can hold. A certificate bundle is kilobytes; {@code --chain /dev/zero} or a
 * 3 GB sparse file given by mistake is refused at once with the limit in words, instead of
 * filling the heap, and a FIFO with no writer is refused before it is opened, instead of
 * blocking for ever.
 *
 * <pre>
 *   byte[] pem = InputFiles.read(chain, InputFiles.Kind.CERTIFICATES);
 *   String yaml = InputFiles.readUtf8(file, InputFiles.Kind.YAML, "scenarios/expired.yaml");
 * </pre>
 */
public final class InputFiles {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    /** What a file holds, and the most bytes such a file can sensibly have. */
    public enum Kind {
        /** PEM or DER certificates: a chain, a root, a CA bundle (the system's is about 200 KB). */
        CERTIFICATES("certificate file", 16 * MIB),
        /** One PEM private key (an RSA-16384 key is about 13 KB). */
        PRIVATE_KEY("private key file", 1 * MIB),
        /** A password on its first line. */
        PASSWORD("password file", 64 * KIB),
        /** A YAML file of the configuration (ca/, scenarios/, server/). */
        YAML("YAML file", 1 * MIB),
        /** A CA's records (records.json, issued.jsonl): about 200 bytes per certificate issued. */
        RECORDS("CA records file", 256 * MIB),
        /** A JKS or PKCS#12 key store (the JDK's cacerts is about 200 KB). */
        KEY_STORE("key store", 64 * MIB),
        /** A page or file the server answers with (server/, the dashboard). */
        PAGE("server page", 16 * MIB),
        /** A small settings or state file (profiles.ini, a scenario's state.json). */
        SETTINGS("settings file", 1 * MIB),
        /** What an external program wrote (a log, a response body). */
        OUTPUT("program output", 64 * MIB),
        /** One JSON case a line for diagnose --batch: many cases, each a few file names. */
        BATCH("batch file", 256 * MIB);

        private final String words;
        private final long limit;

        Kind(String words, long limit) {
            this.words = words;
            this.limit = limit;
        }

        /** How the kind is named in errors ("certificate file"). */
        public String words() {
            return words;
        }

        /** The most bytes a file of this kind may have. */
        public long limit() {
            return limit;
        }
    }

    private InputFiles() {
    }

    /** The whole file, named in errors as the path. */
    public static byte[] read(Path file, Kind kind) {
        return read(file, kind, file.toString());
    }

    /**
     * The whole file, or a {@link BadInputException} naming {@code name}: no such file, a
     * folder, not a regular file (device, FIFO, socket), larger than the kind allows.
     */
    public static byte[] read(Path file, Kind kind, String name) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + BadInputException.why(e));
        }
        if (a.isDirectory()) {
            throw new BadInputException(name + " is a folder (expected a " + kind.words + ")");
        }
        if (!a.isRegularFile()) {
            // a device, FIFO or socket: /dev/zero never ends, a FIFO without a writer never starts
            throw new BadInputException(name + " is not a regular file (a device, FIFO or socket?); expected a " + kind.words);
        }
        if (a.size() > kind.limit) {
            throw tooBig(name, kind, a.size());
        }
        try (InputStream in = Files.newInputStream(file)) {
            // the size can change between the look and the read: never take more than the limit
            byte[] data = in.readNBytes((int) kind.limit + 1);
            if (data.length > kind.limit) {
                throw tooBig(name, kind, data.length);
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + BadInputException.why(e));
        }
    }

    /** The file as UTF-8 text; bytes that are not UTF-8 are an error, not replaced. */
    public static String readUtf8(Path file, Kind kind, String name) {
        return decode(read(file, kind, name), java.nio.charset.StandardCharsets.UTF_8, name);
    }

    /** The file as UTF-8 text, named in errors as the path. */
    public static String readUtf8(Path file, Kind kind) {
        return readUtf8(file, kind, file.toString());
    }

    private static String decode(byte[] data, Charset cs, String name) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(name + ": cannot read: " + BadInputException.why(e));
        }
    }

    private static BadInputException tooBig(String name, Kind kind, long size) {
        return new BadInputException(name + " is " + size(size) + ", too big for a " + kind.words + " (at most " + size(kind.limit) + ")");
    }

    /** A byte count in words: 3.0 GB, 16 MB, 512 bytes. */
    static String size(long bytes) {
        if (bytes < KIB) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}
