package pkilab.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The client side of a scenario: the URL it calls (as typed into the E-mail Router's
 * Incoming profile, without a port: the server decides the port), which simulated machine
 * connects, and what it trusts beyond its profile's roots.
 *
 * @param url        {@code https://HOST/PATH}; HOST is a DNS name, a single-label NetBIOS name or an IP literal
 * @param profile    id of the client profile in {@code scenarios/clients.yaml} that the scenario is about
 * @param alsoTrusts certificates of this scenario that the client has imported into its root store
 * @param presents   the client certificate it sends when the server asks for one; unset: none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClientSide(String url, String profile, List<ExtraTrust> alsoTrusts, Presents presents) {

    public ClientSide(String url, String profile, List<ExtraTrust> alsoTrusts) {
        this(url, profile, alsoTrusts, null);
    }

    public ClientSide {
        alsoTrusts = alsoTrusts == null ? List.of() : List.copyOf(alsoTrusts);
    }

    /** The client certificate sent, or {@link Presents#NONE}. */
    public Presents presenting() {
        return presents == null ? Presents.NONE : presents;
    }

    /**
     * The client certificate (clientAuth EKU) the client sends when the server asks for one.
     * The lab makes it with the scenario's material.
     */
    public enum Presents {
        /** No certificate: the client answers the server's request with an empty list. */
        NONE,
        /** One issued by the CA the server accepts, valid now. */
        VALID,
        /** A valid one from another lab CA (the server's CA is enterprise: from public, else from enterprise). */
        OTHER_CA,
        /** One from the CA the server accepts, whose validity ended yesterday. */
        EXPIRED;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static Presents parse(String s) {
            return Words.parse(Presents.class, s, "client certificate");
        }
    }

    /** A certificate of the scenario's own chain that a client was told to trust. */
    public enum ExtraTrust {
        /** The server's certificate itself: what admins do with a self-signed Exchange certificate. */
        LEAF,
        /** The root at the top of the scenario's chain (a private or partner root). */
        ROOT;

        @JsonValue
        public String id() {
            return Words.id(this);
        }

        @JsonCreator
        public static ExtraTrust parse(String s) {
            return Words.parse(ExtraTrust.class, s, "alsoTrusts entry");
        }
    }
}
