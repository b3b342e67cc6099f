package pkilab.server;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pkilab.BadInputException;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.Names;

/**
 * One HTTPS site of the lab server: the names clients use to reach it, and exactly what it
 * presents in the handshake.
 *
 * <p>A real Exchange server sends its certificate and, if an administrator imported them,
 * the intermediates — or only the leaf, when they did not: that is the classic "incomplete
 * chain". A site therefore carries the certificate list as the server sends it, leaf first;
 * nothing completes or checks it.
 *
 * <pre>
 *   IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
 *   Site ok      = Site.builder("commercial").host("mail.contoso.test").presenting(mail).build();
 *   Site missing = Site.builder("incomplete").host("owa.contoso.test")
 *                      .chain(List.of(mail.certificate()), mail.key()).build();   // leaf only
 * </pre>
 *
 * <p>Clients send the host name in the TLS SNI extension only when it is a DNS name with a
 * dot; a URL like {@code https://exch01/…} or {@code https://127.0.0.1/…} arrives without
 * one. Such sites get a listener (port) of their own; see {@link #ownListener()}.
 *
 * @param id          a short name for messages and the dashboard
 * @param hostNames   the names clients put in the URL; the first one is the site's main name
 * @param url         the URL clients are told to use
 * @param chain       the certificate list the server sends, leaf first
 * @param key         the leaf's private key
 * @param ownListener served on a port of its own (no SNI needed) instead of the shared SNI port
 * @param tlsVersions protocol versions offered, e.g. [TLSv1.2]; empty for {@link #DEFAULT_TLS_VERSIONS}
 * @param listenAddress for an own-port site, the address to bind (the URL's IP literal such as
 *                    127.0.0.3), or null for the server's bind address
 * @param ciphers     the TLS 1.2-and-below cipher suites accepted, by IANA name; empty for the JDK's defaults
 * @param sniRequired refuses a ClientHello without a server name ({@code unrecognized_name}), as a strict
 *                    load balancer does (see {@link SniGate})
 * @param clientCa    mutual TLS: the root whose client certificates the site accepts; null: it asks for none
 * @param clientCertRequired with a {@code clientCa}: true refuses a client without an acceptable certificate,
 *                    false only asks for one
 * @param staple      makes the OCSP answer the site staples to its certificate (BoringSSL engine only), or null
 */
public record Site(String id, List<String> hostNames, String url, List<X509Certificate> chain, PrivateKey key,
                   boolean ownListener, List<String> tlsVersions, String listenAddress, List<String> ciphers,
                   boolean sniRequired, X509Certificate clientCa, boolean clientCertRequired,
                   java.util.function.Supplier<byte[]> staple) {

    /**
     * What a site speaks when its scenario narrows nothing: TLS 1.0 to 1.3, as an Exchange whose
     * administrator never turned the old versions off (Windows kept TLS 1.0 on by default until
     * 2023). Clients take the newest version they share with it.
     */
    public static final List<String> DEFAULT_TLS_VERSIONS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    public Site {
        hostNames = List.copyOf(hostNames);
        chain = List.copyOf(chain);
        tlsVersions = List.copyOf(tlsVersions);
        ciphers = List.copyOf(ciphers);
    }

    /** The main host name, as clients put it in the URL. */
    public String host() {
        return hostNames.get(0);
    }

    /**
     * Whether a client connecting to {@code host} sends no server name: IP literals never go
     * into SNI (RFC 6066 §3), and the JDK and .NET leave out single-label names such as
     * {@code exch01}.
     */
    public static boolean reachedWithoutSni(String host) {
        return Names.isIpLiteral(host) || !host.contains(".");
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Site}; every setter says what happens when it is not called. */
    public static final class Builder {
        private final String id;
        private final List<String> hosts = new ArrayList<>();
        private String url;
        private List<X509Certificate> chain;
        private PrivateKey key;
        private Boolean ownListener;
        private List<String> tlsVersions = List.of();
        private String listenAddress;
        private List<String> ciphers = List.of();
        private boolean sniRequired;
        private X509Certificate clientCa;
        private boolean clientCertRequired;
        private java.util.function.Supplier<byte[]> staple;

        private Builder(String id) {
            this.id = id;
        }

        /** Names clients use; required. The first becomes the main name. */
        public Builder host(String... names) {
            for (String n : names) {
                hosts.add(n.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** If unset: {@code https://<main name>/EWS/Exchange.asmx}, the URL in the E-mail Router's profile. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The exact certificate list to send, leaf first, and the leaf's key. Required (or {@link #presenting}). */
        public Builder chain(List<X509Certificate> chain, PrivateKey key) {
            this.chain = List.copyOf(chain);
            this.key = key;
            return this;
        }

        /** Sends what a correctly configured server sends for this certificate: the leaf and its intermediates. */
        public Builder presenting(IssuedCertificate cert) {
            return chain(cert.serverChain(), cert.key());
        }

        /** If unset: a listener of its own exactly when the main name is {@linkplain #reachedWithoutSni reached without SNI}. */
        public Builder ownListener(boolean own) {
            this.ownListener = own;
            return this;
        }

        /** If unset (or empty): {@link #DEFAULT_TLS_VERSIONS}. */
        public Builder tlsVersions(List<String> versions) {
            this.tlsVersions = List.copyOf(versions);
            return this;
        }

        /** If unset (or empty): the cipher suites the JDK enables by default. */
        public Builder ciphers(List<String> suites) {
            this.ciphers = List.copyOf(suites);
            return this;
        }

        /** If unset: false, a ClientHello without a server name is answered like any other. */
        public Builder sniRequired(boolean required) {
            this.sniRequired = required;
            return this;
        }

        /**
         * Where an own-port site listens. If unset: the URL's host when it is a loopback IP
         * literal (127.0.0.3 — every 127.x address reaches this machine), else the server's
         * bind address.
         */
        public Builder listenAddress(String address) {
            this.listenAddress = address;
            return this;
        }

        /**
         * Mutual TLS: the site sends a CertificateRequest naming {@code root} and accepts only a
         * client certificate that chains to it (valid now, clientAuth allowed). {@code required}:
         * a client without one is refused; else it is only asked. If unset: no certificate is asked for.
         */
        public Builder clientCertificates(X509Certificate root, boolean required) {
            this.clientCa = root;
            this.clientCertRequired = required;
            return this;
        }

        /**
         * Staples {@code ocspAnswer.get()} (a DER OCSPResponse) to every handshake whose client
         * asks for it (status_request). Only the BoringSSL engine staples. If unset: nothing is stapled.
         */
        public Builder staple(java.util.function.Supplier<byte[]> ocspAnswer) {
            this.staple = ocspAnswer;
            return this;
        }

        public Site build() {
            if (hosts.isEmpty()) {
                throw new BadInputException("site '" + id + "' has no host name");
            }
            if (chain == null || chain.isEmpty() || key == null) {
                throw new BadInputException("site '" + id + "' has no certificate and key to present");
            }
            if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
                throw new BadInputException("site '" + id + "': the key (" + key.getAlgorithm()
                        + ") does not belong to the first certificate (" + chain.get(0).getPublicKey().getAlgorithm() + ")");
            }
            String h = hosts.get(0);
            String u = url != null ? url : "https://" + (h.contains(":") ? "[" + h + "]" : h) + "/EWS/Exchange.asmx";
            boolean own = ownListener != null ? ownListener : reachedWithoutSni(h);
            String listen = listenAddress;
            if (listen == null && own && Names.isIpLiteral(h) && isLoopback(h)) {
                listen = h;
            }
            return new Site(id, hosts, u, chain, key, own, tlsVersions, listen, ciphers, sniRequired, clientCa, clientCertRequired, staple);
        }

        private static boolean isLoopback(String ip) {
            try {
                return java.net.InetAddress.getByName(ip).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
