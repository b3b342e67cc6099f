package pkilab.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.ca.Names;

/**
 * One scenario of the catalogue ({@code scenarios/ID.yaml}): a server certificate situation
 * met in real deployments, the URL a client calls, and what each simulated client machine
 * is expected to make of it. The catalogue starts from KB 954584: the E-mail Router calling
 * {@code https://exch01.contoso.test/EWS/Exchange.asmx} fails because the Exchange
 * certificate is self-signed (cause 1) or does not name the host of the URL (cause 2).
 *
 * <pre>
 *   id: self-signed
 *   server: {issuer: self, cn: EXCH01, dns: [EXCH01, exch01.contoso.test], sends: [leaf]}
 *   client: {url: https://exch01.contoso.test/EWS/Exchange.asmx, profile: email-router}
 *   expect: {others: {fail: self-signed}}
 *   cause: 1
 * </pre>
 *
 * @param id     the file name without {@code .yaml}
 * @param title  one line
 * @param story  the real-world situation it models
 * @param cause  which of the article's causes it illustrates
 * @param category the set the dashboard and the lists show it in; unset: {@code certificate}
 * @param server what the server presents
 * @param client who connects, to which URL
 * @param expect verdict per client profile id; the key {@code others} covers every profile not named
 * @param fix    what makes the connection work, in plain words
 */
public record Scenario(
        String id,
        String title,
        String story,
        Cause cause,
        Category category,
        ServerSide server,
        ClientSide client,
        Map<String, Expectation> expect,
        String fix) {

    /** The {@code expect:} key that stands for every profile not named. */
    public static final String OTHERS = "others";

    public Scenario {
        category = category == null ? Category.CERTIFICATE : category;
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expect));
    }

    /** The verdict expected for a client profile, or null when the scenario says nothing for it. */
    public Expectation expectFor(String profileId) {
        Expectation v = expect.get(profileId);
        return v != null ? v : expect.get(OTHERS);
    }

    /** The verdict expected for the scenario's own client profile. */
    @JsonIgnore
    public Expectation expected() {
        return expectFor(client.profile());
    }

    /** The host of the client's URL, as written (a NetBIOS name keeps its case; compare ignoring case). */
    @JsonIgnore
    public String host() {
        return uri().getHost();
    }

    /** Path and query of the client's URL ({@code /EWS/Exchange.asmx}). */
    @JsonIgnore
    public String path() {
        URI u = uri();
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
    }

    /** Whether the URL names the server by IP address: clients then send no SNI and match IP SANs. */
    @JsonIgnore
    public boolean hostIsIp() {
        return Names.isIpLiteral(host());
    }

    /**
     * Whether this scenario needs a listener of its own. The server picks a scenario by the
     * SNI host name the client sends; clients send no SNI for an IP literal (RFC 6066 forbids
     * it) and Java sends none for a single-label name such as {@code exch01}, so those
     * scenarios cannot share the main port.
     */
    @JsonIgnore
    public boolean needsOwnListener() {
        return hostIsIp() || !host().contains(".");
    }

    /**
     * The address an own listener must bind for the URL to reach it: the IP literal of the URL
     * (a 127.0.0.x loopback address), or null to use the server's bind address.
     */
    @JsonIgnore
    public String listenAddress() {
        return hostIsIp() ? host() : null;
    }

    /** The client's URL with the port the server actually listens on ({@code 443} leaves it out). */
    public String url(int port) {
        URI u = uri();
        String host = u.getHost().contains(":") ? "[" + u.getHost() + "]" : u.getHost();
        return u.getScheme() + "://" + host + (port == 443 ? "" : ":" + port) + path();
    }

    private URI uri() {
        try {
            return new URI(client.url());
        } catch (URISyntaxException e) {
            throw new BadInputException("scenario " + id + ": bad URL '" + client.url() + "'");
        }
    }

    /** Which cause of KB 954584 a scenario illustrates: {@code 1} self-signed, {@code 2} name mismatch, or {@code none}. */
    public enum Cause {
        NONE(0), ONE(1), TWO(2);

        private final int number;

        Cause(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        @JsonValue
        public String id() {
            return number == 0 ? "none" : Integer.toString(number);
        }

        @JsonCreator
        public static Cause parse(String s) {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            for (Cause c : values()) {
                if (c.id().equals(v)) {
                    return c;
                }
            }
            throw new BadInputException("bad cause '" + s + "' (expected 1 (self-signed), 2 (name mismatch) or none)");
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /**
     * The set a scenario belongs to, as badssl.com sorts its pages: the article's Exchange
     * cases first, then certificate validation by what it is about, then what is not about the
     * certificate at all (protocol versions and cipher suites, client certificates).
     */
    public enum Category {
        /** The E-mail Router and Exchange cases: the article's two causes and the Exchange world around them. */
        EXCHANGE("Exchange (the article)"),
        /** Dates, keys, signatures, extensions of the certificate itself. */
        CERTIFICATE("Certificate validation"),
        /** Which names the certificate carries and how clients match them. */
        NAMES("Names"),
        /** What the server sends and how clients build a path to a root. */
        CHAIN("Chain"),
        /** CRLs, OCSP and stapling. */
        REVOCATION("Revocation"),
        /** TLS versions, cipher suites and SNI: refusals before any certificate is looked at. */
        PROTOCOL("Protocol and cipher suites"),
        /** A server that wants a certificate from the client. */
        CLIENT_CERTIFICATE("Client certificates");

        private final String title;

        Category(String title) {
            this.title = title;
        }

        /** The heading the dashboard shows, e.g. {@code Chain}. */
        public String title() {
            return title;
        }

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static Category parse(String s) {
            return Words.parse(Category.class, s, "category");
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
