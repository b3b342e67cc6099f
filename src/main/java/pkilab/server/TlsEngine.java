package pkilab.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import pkilab.BadInputException;

/**
 * Which TLS implementation answers the lab's handshakes. Both present exactly the chain a
 * scenario names; they differ in speed: BoringSSL (native, through netty-tcnative) makes a
 * full handshake in about a third of the CPU time SunJSSE needs.
 */
public enum TlsEngine {
    /** BoringSSL where its native library loads on this machine, else the JDK. */
    AUTO("auto"),
    /** BoringSSL through netty-tcnative; refuses to start where it does not load. */
    BORINGSSL("boringssl"),
    /** The JDK's own SunJSSE. */
    JDK("jdk");

    private final String word;

    TlsEngine(String word) {
        this.word = word;
    }

    /** The word used in server.yaml and on the command line. */
    public String word() {
        return word;
    }

    /** Parses {@code auto}, {@code boringssl} or {@code jdk}; {@code where} names the flag or field in the error. */
    public static TlsEngine parse(String s, String where) {
        return find(s).orElseThrow(() -> new BadInputException(where + ": " + unknown(s)));
    }

    static Optional<TlsEngine> find(String s) {
        String w = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.word.equals(w)).findFirst();
    }

    static String unknown(String s) {
        return "unknown TLS engine '" + s + "' (expected auto, boringssl or jdk)";
    }

    /** This engine, after checking that an explicit BORINGSSL can load: bad input before any work is done. */
    public TlsEngine checked() {
        return this == BORINGSSL ? resolve() : this;
    }

    /** AUTO made concrete for this machine; BORINGSSL where it cannot load is bad input. */
    TlsEngine resolve() {
        switch (this) {
            case AUTO:
                return NativeTls.available() ? BORINGSSL : JDK;
            case BORINGSSL:
                if (!NativeTls.available()) {
                    throw new BadInputException("TLS engine boringssl: its native library does not load here (" + NativeTls.whyUnavailable()
                            + "); use the JDK's with --tls-engine jdk");
                }
                return BORINGSSL;
            default:
                return JDK;
        }
    }

    /** How the ready line names it. */
    public String describe() {
        if (this == BORINGSSL) {
            return "BoringSSL (native, through netty-tcnative)";
        }
        if (this == JDK) {
            // say why when it was not a choice: handshakes cost about three times the CPU
            return NativeTls.available() ? "the JDK (SunJSSE)" : "the JDK (SunJSSE); BoringSSL does not load here: " + NativeTls.whyUnavailable();
        }
        return "auto";
    }
}
