package pkilab.server;

import java.time.Duration;
import pkilab.BadInputException;

/**
 * How long the server waits for a peer, and how many connections one address may hold.
 * A server that waits for ever can be held by anyone who opens connections and says
 * nothing: a TLS ClientHello that never comes, request headers sent a byte a minute
 * ("slowloris"), a keep-alive connection left open. Each limit closes one of these:
 *
 * <ul>
 *   <li>{@code handshake}: from accept until the TLS handshake is done;</li>
 *   <li>{@code header}: from the first byte of a request until its last header line;</li>
 *   <li>{@code idle}: a connection with no request and no traffic (between keep-alive
 *       requests, or a stalled reader);</li>
 *   <li>{@code perAddress}: connections open at once from one client address; the next
 *       one is closed as soon as it is accepted.</li>
 * </ul>
 *
 * @param handshake  the TLS handshake must finish within this (default 10 s)
 * @param header     a request's line and headers must arrive within this (default 10 s)
 * @param idle       a connection without a request or traffic is closed after this (default 60 s)
 * @param perAddress the most connections one address may hold open at once (default 256)
 */
public record PeerLimits(Duration handshake, Duration header, Duration idle, int perAddress) {
    /** 10 s to shake hands, 10 s for the headers, 60 s idle, 256 connections per address. */
    public static final PeerLimits DEFAULT = new PeerLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 256);

    public PeerLimits {
        positive("handshake timeout", handshake);
        positive("header timeout", header);
        positive("idle timeout", idle);
        if (perAddress < 1) {
            throw new BadInputException("the connection limit per address must be 1 or more, found " + perAddress);
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new BadInputException("the " + what + " must be longer than 0, found " + d);
        }
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new BadInputException("the " + what + " of " + d + " is too long (at most 24 days)");
        }
    }

    int handshakeMillis() {
        return (int) handshake.toMillis();
    }

    int headerMillis() {
        return (int) header.toMillis();
    }

    int idleMillis() {
        return (int) idle.toMillis();
    }
}
