package pkilab.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/**
 * Kinds of TLS cipher suites that client stacks have dropped one by one, so that a server
 * still configured for them shares no suite with a modern client. A profile's
 * {@code refusesCiphers} names the kinds its client no longer offers.
 *
 * <ul>
 *   <li>{@code 3des}: Triple-DES in CBC mode (TLS_RSA_WITH_3DES_EDE_CBC_SHA…), 64-bit blocks,
 *       broken in practice by Sweet32 (2016). The JDK, OpenSSL 3 and browsers left it.</li>
 *   <li>{@code static-rsa}: RSA key transport (TLS_RSA_WITH_…): no forward secrecy, and the
 *       padding oracle family (Bleichenbacher, ROBOT). Python's default context and newer
 *       JDKs no longer offer it.</li>
 * </ul>
 */
public enum CipherKind {
    TRIPLE_DES("3des"),
    STATIC_RSA("static-rsa");

    private final String id;

    CipherKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Whether an IANA cipher-suite name ({@code TLS_RSA_WITH_3DES_EDE_CBC_SHA}) is of this kind. */
    public boolean matches(String suite) {
        return switch (this) {
            case TRIPLE_DES -> suite.contains("_3DES_EDE_CBC_");
            case STATIC_RSA -> suite.startsWith("TLS_RSA_WITH_") || suite.startsWith("SSL_RSA_WITH_");
        };
    }

    /** Whether {@code suite} is of any of {@code kinds}. */
    public static boolean anyMatches(List<CipherKind> kinds, String suite) {
        return kinds.stream().anyMatch(k -> k.matches(suite));
    }

    @JsonCreator
    public static CipherKind parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (CipherKind k : values()) {
            if (k.id.equals(v)) {
                return k;
            }
        }
        throw new BadInputException("unknown cipher kind '" + s + "' (expected "
                + Arrays.stream(values()).map(CipherKind::id).collect(Collectors.joining(" or ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
