package pkilab.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pkilab.BadInputException;

/**
 * A started {@link LabServer}: which port serves which site. Close it to stop every
 * listener.
 */
public final class RunningServer implements AutoCloseable {
    private final Listeners listeners;
    private final String address;
    private final int httpsPort;
    private final int httpPort;
    private final List<Site> sites = new ArrayList<>();
    private final Map<String, Integer> portOfHost = new LinkedHashMap<>();
    private final Map<String, Integer> portOfSite = new LinkedHashMap<>();
    private final Map<String, String> addressOfSite = new LinkedHashMap<>();
    private final String pkiBaseUrl;
    private final TlsEngine tlsEngine;

    RunningServer(Listeners open, String address, List<Site> all, List<Site> own, String pkiBaseUrl, TlsEngine tlsEngine) {
        this.listeners = open;
        this.tlsEngine = tlsEngine;
        this.address = address;
        this.pkiBaseUrl = pkiBaseUrl;
        List<InetSocketAddress> bound = open.addresses();
        // in the order they were opened: own-port sites, the SNI port, HTTP
        InetSocketAddress sni = bound.get(own.size());
        this.httpsPort = sni.getPort();
        this.httpPort = bound.get(own.size() + 1).getPort();
        for (Site s : all) {
            int i = own.indexOf(s);
            add(s, i >= 0 ? bound.get(i) : sni);
        }
    }

    private void add(Site s, InetSocketAddress where) {
        int port = where.getPort();
        sites.add(s);
        portOfSite.put(s.id(), port);
        addressOfSite.put(s.id(), hostPart(where.getAddress().getHostAddress()));
        for (String h : s.hostNames()) {
            portOfHost.put(h, port);
        }
    }

    /** The TLS implementation the HTTPS listeners use: BORINGSSL or JDK, never AUTO. */
    public TlsEngine tlsEngine() {
        return tlsEngine;
    }

    /** The address every listener is bound to, e.g. 127.0.0.1. */
    public String address() {
        return address;
    }

    /** The shared HTTPS port, where sites are chosen by SNI. */
    public int httpsPort() {
        return httpsPort;
    }

    /** The plain-HTTP port: PKI endpoints, dashboard, API. */
    public int httpPort() {
        return httpPort;
    }

    /** The port to connect to for a URL with this host: the SNI port, or the site's own. */
    public int portFor(String host) {
        Integer p = portOfHost.get(host.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new BadInputException("no site serves host '" + host + "' (served: " + String.join(", ", portOfHost.keySet()) + ")");
        }
        return p;
    }

    /** The port of a site by id. */
    public int portOf(String siteId) {
        Integer p = portOfSite.get(siteId);
        if (p == null) {
            throw new BadInputException("no site '" + siteId + "' (served: " + String.join(", ", portOfSite.keySet()) + ")");
        }
        return p;
    }

    /** The address a site's listener is bound to: the server's, or the site's own IP (127.0.0.3). */
    public String addressOf(String siteId) {
        portOf(siteId);
        return addressOfSite.get(siteId);
    }

    /** Sites in the order they were given. */
    public List<Site> sites() {
        return List.copyOf(sites);
    }

    /** Where this server answers what the certificates' {@link #pkiBaseUrl()} URLs ask: http://ADDRESS:HTTP_PORT. */
    public String pkiUrl() {
        return "http://" + hostPart() + ":" + httpPort;
    }

    /** The base URL the certificates name for AIA/CDP/OCSP (http://pki.lab.test): rewrite it to {@link #pkiUrl()} to fetch. */
    public String pkiBaseUrl() {
        return pkiBaseUrl;
    }

    /** The dashboard's URL. */
    public String dashboardUrl() {
        return pkiUrl() + "/";
    }

    /** One line per site, as {@code pkilab serve} prints them: {@code URL  →  127.0.0.1:PORT}. */
    public List<String> readyLines() {
        int width = sites.stream().mapToInt(s -> s.url().length()).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Site s : sites) {
            out.add(String.format(Locale.ROOT, "%-" + width + "s  →  %s:%d", s.url(), addressOfSite.get(s.id()), portOfSite.get(s.id())));
        }
        return out;
    }

    /**
     * One line per site for a person: the scenario id, the URL a client uses and where it
     * really listens, e.g. {@code self-signed  https://exch01.contoso.test/EWS/Exchange.asmx  →  127.0.0.1:40859}.
     */
    public List<String> siteLines() {
        int idWidth = sites.stream().mapToInt(s -> s.id().length()).max().orElse(0);
        int urlWidth = sites.stream().mapToInt(s -> s.url().length()).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Site s : sites) {
            out.add(String.format(Locale.ROOT, "%-" + idWidth + "s  %-" + urlWidth + "s  →  %s:%d", s.id(), s.url(),
                    hostPart(addressOfSite.get(s.id())), portOfSite.get(s.id())));
        }
        return out;
    }

    private String hostPart() {
        return hostPart(address);
    }

    private static String hostPart(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** Stops every listener and the server's threads. */
    @Override
    public void close() {
        listeners.close();
    }
}
