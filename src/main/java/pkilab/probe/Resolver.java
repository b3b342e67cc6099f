package pkilab.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.ca.Names;

/**
 * Where a client finds a host, like curl's {@code --resolve}: a map from the host and port a
 * URL names ({@code pki.lab.test:80}) to the address that answers ({@code 127.0.0.1:41873}).
 * The probe and the diagnosis engine reach the network only through it, and only for mapped
 * hosts and loopback literals, so AIA, CRL and OCSP fetches from lab certificates go to the
 * lab server on its real port and nothing leaves the machine.
 */
public final class Resolver {
    private static final int TIMEOUT_MS = 3000;
    private static final int MAX_BYTES = 1 << 20;

    private final Map<String, InetSocketAddress> map = new LinkedHashMap<>();

    /** A resolver that knows no names: only loopback literals and {@code localhost} are reachable. */
    public static Resolver loopbackOnly() {
        return new Resolver();
    }

    /** Maps {@code host:port} to {@code address}; returns this for chaining. */
    public Resolver map(String host, int port, InetSocketAddress address) {
        map.put(key(host, port), address);
        return this;
    }

    /**
     * Parses curl-style entries: {@code HOST:PORT:ADDR} or, to change the port too,
     * {@code HOST:PORT:ADDR:PORT2} ({@code pki.lab.test:80:127.0.0.1:8080}).
     */
    /** HOST:PORT:[IPV6] or HOST:PORT:[IPV6]:PORT, as curl writes an IPv6 address. */
    private static final java.util.regex.Pattern BRACKETED_V6 =
            java.util.regex.Pattern.compile("([^:]+):([^:]+):\\[([0-9A-Fa-f:.]+)](?::([^:]+))?");

    public static Resolver parse(List<String> entries) {
        Resolver r = new Resolver();
        for (String e : entries) {
            // an IPv6 address goes in brackets, as with curl: mail.contoso.test:443:[::1]
            java.util.regex.Matcher v6 = BRACKETED_V6.matcher(e);
            String[] p = v6.matches()
                    ? (v6.group(4) == null ? new String[] {v6.group(1), v6.group(2), v6.group(3)}
                    : new String[] {v6.group(1), v6.group(2), v6.group(3), v6.group(4)})
                    : e.split(":");
            if (p.length != 3 && p.length != 4) {
                if (e.chars().filter(c -> c == ':').count() > 3) {
                    throw new BadInputException("--resolve '" + e + "': an IPv6 address goes in brackets, as in HOST:PORT:[::1]");
                }
                throw new BadInputException("--resolve '" + e + "': expected HOST:PORT:ADDRESS or HOST:PORT:ADDRESS:PORT");
            }
            int port = port(p[1], e);
            String addr = Names.ip(p[2]);
            r.map(p[0], port, new InetSocketAddress(addr, p.length == 4 ? port(p[3], e) : port));
        }
        return r;
    }

    private static int port(String s, String entry) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0 && v < 65536) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadInputException("--resolve '" + entry + "': bad port '" + s + "' (expected 1-65535)");
    }

    /** The address for a host and port, or null when this resolver may not reach it. */
    public InetSocketAddress resolve(String host, int port) {
        InetSocketAddress a = map.get(key(host, port));
        if (a != null) {
            return a;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1")) {
            return new InetSocketAddress(h.equalsIgnoreCase("localhost") ? "127.0.0.1" : h, port);
        }
        return null;
    }

    /** GET an http:// URL through the map; the body, or an IOException saying why not. */
    public byte[] get(URI uri) throws IOException {
        return exchange(uri, null, null);
    }

    /** POST a body (an OCSP request) to an http:// URL through the map. */
    public byte[] post(URI uri, String contentType, byte[] body) throws IOException {
        return exchange(uri, contentType, body);
    }

    private byte[] exchange(URI uri, String contentType, byte[] body) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("not an http:// URL");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        InetSocketAddress to = resolve(uri.getHost(), port);
        if (to == null) {
            throw new IOException(uri.getHost() + ":" + port + " is not reachable from the lab (map it with --resolve "
                    + uri.getHost() + ":" + port + ":127.0.0.1:PORT)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        URI direct = URI.create("http://" + to.getHostString() + ":" + to.getPort() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        HttpURLConnection c = (HttpURLConnection) direct.toURL().openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.setInstanceFollowRedirects(false);
        try {
            if (body != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + uri);
            }
            try (InputStream in = c.getInputStream()) {
                byte[] data = in.readNBytes(MAX_BYTES);
                return data;
            }
        } finally {
            c.disconnect();
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
