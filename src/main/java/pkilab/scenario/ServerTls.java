package pkilab.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * What the scenario's server speaks, as opposed to what it presents: the TLS protocol
 * versions and the cipher suites it accepts. A client and a server that share no version, or
 * no cipher suite, never get as far as the certificate: the handshake ends with an alert
 * ({@code protocol_version}, {@code handshake_failure}), and the client's error names no
 * certificate at all.
 *
 * <pre>
 *   server:
 *     tls:
 *       versions: [TLSv1]                           # an Exchange 2007 never updated
 *       ciphers: [TLS_RSA_WITH_3DES_EDE_CBC_SHA]    # IANA names, TLS 1.2 and below
 * </pre>
 *
 * @param versions protocol versions the server accepts ({@code TLSv1} … {@code TLSv1.3}); empty for
 *                 the lab's default, TLS 1.2 and 1.3
 * @param ciphers  the TLS 1.2-and-below cipher suites it accepts, by IANA name; empty for the JDK's
 *                 default list (TLS 1.3 suites cannot be narrowed: BoringSSL always offers all three)
 * @param sni      {@code required}: a ClientHello without a server name gets an {@code unrecognized_name}
 *                 alert, as from a load balancer that picks the site by SNI; if unset, {@code optional}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServerTls(List<String> versions, List<String> ciphers, Sni sni) {
    /** The protocol names a {@code versions:} list may hold. */
    public static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The lab's default: nothing narrowed. */
    public static final ServerTls DEFAULT = new ServerTls(null, null, null);

    public ServerTls {
        versions = versions == null ? List.of() : List.copyOf(versions);
        ciphers = ciphers == null ? List.of() : List.copyOf(ciphers);
    }

    /** Whether a ClientHello without a server name is refused ({@code sni: required}). */
    public boolean sniRequired() {
        return sni == Sni.REQUIRED;
    }

    /** Whether the server answers a ClientHello that names no server. */
    public enum Sni {
        OPTIONAL, REQUIRED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return Words.id(this);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Sni parse(String s) {
            return Words.parse(Sni.class, s, "sni value");
        }
    }

    /**
     * The cipher suites a {@code ciphers:} list may name: every TLS 1.2-and-below suite the JDK
     * knows (its supported list, including the ones its security policy disables), by IANA name.
     */
    static Set<String> knownCiphers() {
        return Known.SUITES;
    }

    private static final class Known {
        static final Set<String> SUITES = load();

        private static Set<String> load() {
            try {
                javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
                c.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
                Set<String> out = new java.util.TreeSet<>();
                for (String s : c.getSupportedSSLParameters().getCipherSuites()) {
                    // TLS 1.3 suites (TLS_AES_…, TLS_CHACHA20_…) and the signalling values are no choice
                    // the JDK keeps SSL_ names for suites older than TLS 1.0's RFC; IANA calls them TLS_
                    String iana = s.startsWith("SSL_") ? "TLS_" + s.substring(4) : s;
                    if (iana.startsWith("TLS_") && iana.contains("_WITH_")) {
                        out.add(iana);
                    }
                }
                return Set.copyOf(out);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
            }
        }
    }
}
