package pkilab.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import pkilab.BadInputException;
import pkilab.ca.TimeSpec;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;

/**
 * {@code server/server.yaml}: where {@code pkilab serve} listens and which PKI base URL the
 * certificates point at. Read strictly: a typo is an error naming file, line and field.
 */
public final class ServerSettings {
    /** Listen address; loopback unless the user says otherwise. */
    public String bind = "127.0.0.1";
    /** Shared SNI port for HTTPS; 0 picks a free one. */
    public int httpsPort = 8443;
    /** Plain-HTTP port (dashboard, AIA, CRL, OCSP); 0 picks a free one. */
    public int httpPort = 8080;
    /** What AIA/CDP URLs in the certificates start with. */
    public String pkiBaseUrl = "http://pki.lab.test";
    /** auto, boringssl or jdk: see {@link TlsEngine}. */
    public String tlsEngine = "auto";
    /** A TLS handshake must be done this long after the connection is accepted (see {@link PeerLimits}). */
    public String handshakeTimeout = "10s";
    /** A request's line and headers must have arrived this long after its first byte. */
    public String headerTimeout = "10s";
    /** A connection without a request or any traffic is closed after this. */
    public String idleTimeout = "60s";
    /** The most connections one client address may hold open at once. */
    public int maxConnectionsPerAddress = PeerLimits.DEFAULT.perAddress();

    /** Reads and checks {@code server.yaml} in {@code serverDir}. */
    public static ServerSettings load(Path serverDir) {
        Path file = serverDir.resolve("server.yaml");
        YamlDoc doc = YamlDoc.read(file, ConfigDir.display(file));
        ServerSettings s = doc.bind(ServerSettings.class);
        s.check(doc);
        return s;
    }

    /** The TLS engine this file asks for. */
    public TlsEngine engine() {
        return TlsEngine.parse(tlsEngine, "server.yaml tlsEngine");
    }

    /** The limits on peers this file sets. */
    public PeerLimits limits() {
        return new PeerLimits(TimeSpec.period(handshakeTimeout), TimeSpec.period(headerTimeout), TimeSpec.period(idleTimeout),
                maxConnectionsPerAddress);
    }

    private void check(YamlDoc doc) {
        timeout(doc, "handshakeTimeout", handshakeTimeout);
        timeout(doc, "headerTimeout", headerTimeout);
        timeout(doc, "idleTimeout", idleTimeout);
        if (maxConnectionsPerAddress < 1) {
            throw doc.fail("maxConnectionsPerAddress", "expected 1 or more, found " + maxConnectionsPerAddress);
        }
        if (TlsEngine.find(tlsEngine).isEmpty()) {
            throw doc.fail("tlsEngine", TlsEngine.unknown(tlsEngine));
        }
        port(doc, "httpsPort", httpsPort);
        port(doc, "httpPort", httpPort);
        if (bind == null || bind.isBlank()) {
            throw doc.fail("bind", "an address is required, e.g. 127.0.0.1");
        }
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw doc.fail("bind", "unknown address '" + bind + "' (expected an IP address such as 127.0.0.1)");
        }
        URI u;
        try {
            u = pkiBaseUrl == null ? null : new URI(pkiBaseUrl);
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        if (u == null || !"http".equals(u.getScheme()) || u.getHost() == null) {
            throw doc.fail("pkiBaseUrl", "'" + pkiBaseUrl + "' is not an http:// URL (AIA and CDP are fetched over plain HTTP)");
        }
    }

    private static void timeout(YamlDoc doc, String field, String value) {
        java.time.Duration d;
        try {
            d = TimeSpec.period(value);
        } catch (BadInputException e) {
            throw doc.fail(field, "bad period '" + value + "' (expected a number and a unit, e.g. 10s or 2m)");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(java.time.Duration.ofDays(24)) > 0) {
            throw doc.fail(field, "'" + value + "' is out of range (expected more than 0s and at most 24d)");
        }
    }

    private static void port(YamlDoc doc, String field, int value) {
        if (value < 0 || value > 65535) {
            throw doc.fail(field, "port " + value + " is out of range (0 picks a free port, else 1-65535)");
        }
    }
}
