package pkilab.clients;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.ca.Names;

/**
 * Where a client goes and whom it trusts. The URL is what the user typed (its host name is
 * the name the certificate must carry and the one sent in SNI); the lab's names do not
 * resolve, so {@code connectTo} says which loopback address and port to dial instead.
 *
 * @param url          https URL the client uses, e.g. {@code https://mail.contoso.test/EWS/Exchange.asmx}
 * @param connectTo    loopback address and port the server really listens on
 * @param trustedRoots PEM files holding the only roots the client trusts (at least one)
 * @param alsoResolve  further names a client may look up, as {@code host:port} → loopback
 *                     address, e.g. {@code pki.lab.test:80} → the lab's AIA/CRL server.
 *                     Only clients that fetch on their own (Chromium: AIA; Java and openssl
 *                     when they check revocation) use it.
 * @param checkRevocation whether the client should check CRL/OCSP as its profile would, where
 *                     it can ({@link ClientDriver#revocationSettings()}); most clients do not
 *                     by default, so this is off unless asked
 * @param crls         a PEM file with the CRLs found at the distribution points of the chain,
 *                     the leaf's first, for clients that read CRLs from a file (openssl
 *                     {@code -CRL}, curl {@code --crlfile}); null when none could be fetched
 * @param clientCert   mutual TLS: a PEM file with the client certificate (first) and its intermediates,
 *                     which the client presents when the server asks for one; null: it presents none
 * @param clientKey    the client certificate's private key (PEM, PKCS#8); null exactly when {@code clientCert} is
 * @param clientAuth   whether the server asks for a client certificate: then a client must get an HTTP answer,
 *                     not only finish its handshake, to pass (a TLS 1.3 server refuses after the client's Finished)
 */
public record ClientTarget(URI url, InetSocketAddress connectTo, List<Path> trustedRoots,
                           Map<String, InetSocketAddress> alsoResolve, boolean checkRevocation, Path crls,
                           Path clientCert, Path clientKey, boolean clientAuth) {

    public ClientTarget(URI url, InetSocketAddress connectTo, List<Path> trustedRoots, Map<String, InetSocketAddress> alsoResolve) {
        this(url, connectTo, trustedRoots, alsoResolve, false, null);
    }

    public ClientTarget(URI url, InetSocketAddress connectTo, List<Path> trustedRoots, Map<String, InetSocketAddress> alsoResolve,
                        boolean checkRevocation, Path crls) {
        this(url, connectTo, trustedRoots, alsoResolve, checkRevocation, crls, null, null, false);
    }

    public ClientTarget {
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new BadInputException("client target '" + url + "' is not an https URL with a host");
        }
        if (connectTo == null || connectTo.isUnresolved()) {
            throw new BadInputException("client target " + url + ": the address to connect to must be an IP address and port, got " + connectTo);
        }
        if (trustedRoots == null || trustedRoots.isEmpty()) {
            throw new BadInputException("client target " + url + ": give at least one trusted root PEM file");
        }
        for (Path p : trustedRoots) {
            if (!Files.isRegularFile(p)) {
                throw new BadInputException("trusted root file " + p + ": no such file");
            }
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new BadInputException("client target " + url + ": a client certificate needs its key, and a key its certificate");
        }
        for (Path p : java.util.Arrays.asList(clientCert, clientKey)) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new BadInputException("client certificate file " + p + ": no such file");
            }
        }
        clientAuth = clientAuth || clientCert != null;
        trustedRoots = List.copyOf(trustedRoots);
        alsoResolve = alsoResolve == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(alsoResolve));
    }

    public static ClientTarget of(String url, InetSocketAddress connectTo, List<Path> trustedRoots) {
        return new ClientTarget(uri(url), connectTo, trustedRoots, Map.of());
    }

    /** The same target with one more name mapped for clients that fetch AIA/CRL/OCSP URLs. */
    public ClientTarget resolving(String hostPort, InetSocketAddress to) {
        Map<String, InetSocketAddress> m = new LinkedHashMap<>(alsoResolve);
        m.put(hostPort, to);
        return new ClientTarget(url, connectTo, trustedRoots, m, checkRevocation, crls, clientCert, clientKey, clientAuth);
    }

    /**
     * The same target at a server that asks for a client certificate, with the client told to
     * present {@code cert} (PEM, leaf first) and {@code key}; both null: it presents none.
     */
    public ClientTarget presenting(Path cert, Path key) {
        return new ClientTarget(url, connectTo, trustedRoots, alsoResolve, checkRevocation, crls, cert, key, true);
    }

    /** The same target, with the client told to check revocation (where it can), given the CRLs fetched for it (or null). */
    public ClientTarget checkingRevocation(Path crls) {
        return new ClientTarget(url, connectTo, trustedRoots, alsoResolve, true, crls, clientCert, clientKey, clientAuth);
    }

    /** Where {@code host:port} (e.g. {@code pki.lab.test:80}) really is, if the target maps it. */
    public java.util.Optional<InetSocketAddress> resolved(String hostPort) {
        return java.util.Optional.ofNullable(alsoResolve.get(hostPort));
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new BadInputException("client target '" + url + "' is not a URL: " + e.getReason());
        }
    }

    /** The URL's host, the name the certificate must match; IPv6 without brackets. */
    public String host() {
        String h = url.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** True when the URL names an IP address (clients then check an iPAddress SAN and send no SNI). */
    public boolean hostIsIp() {
        return Names.isIpLiteral(host());
    }

    /** The URL's port, 443 when it has none. */
    public int port() {
        return url.getPort() < 0 ? 443 : url.getPort();
    }

    /** Host header value: the host, plus the port when it is not 443. */
    public String authority() {
        String h = url.getHost();
        return url.getPort() < 0 || url.getPort() == 443 ? h : h + ":" + url.getPort();
    }

    /** Path and query to request, {@code /} when the URL has none. */
    public String pathAndQuery() {
        String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
    }

    /** The address to dial as text, e.g. {@code 127.0.0.1}. */
    public String connectAddress() {
        InetAddress a = connectTo.getAddress();
        return a.getHostAddress();
    }

    public int connectPort() {
        return connectTo.getPort();
    }
}
