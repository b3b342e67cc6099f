package pkilab.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import pkilab.BadInputException;
import pkilab.ca.CertNames;
import pkilab.verdict.CipherKind;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * Connects to an HTTPS server like a real client and records what it presented. Two
 * handshakes: one that only captures the chain (it accepts anything, so the engine can judge
 * it — this capture never leaves the probe), and one real JSSE handshake with the client
 * profile's trusted roots and host name check, whose outcome is reported as the native
 * result beside the engine's diagnosis.
 *
 * <p>As browsers and curl do, the probe sends SNI only for DNS names with a dot, never for an
 * IP literal or a single-label NetBIOS name such as {@code exch01}.
 */
public final class Probe {
    private static final int TIMEOUT_MS = 5000;

    /**
     * @param host        the URL's host (what the client checks the certificate against)
     * @param connected   the address the probe connected to
     * @param sni         the server name sent, or null when none was
     * @param protocol    the negotiated protocol of the capture handshake
     * @param protocolMismatch true when the server would not speak any of the profile's versions
     * @param cipherMismatch true when it speaks one of them but accepts none of the profile's cipher suites
     * @param sniRefused  true when the server refused a ClientHello without a server name ({@code unrecognized_name}):
     *                    nothing was presented
     * @param nativeOk    whether JSSE with the profile's trust accepted the server
     * @param nativeMessage JSSE's exception ({@code class: message}), or "ok"
     */
    public record Result(URI url, String host, InetSocketAddress connected, String sni, String protocol, String cipher,
                         List<X509Certificate> presented, boolean protocolMismatch, boolean nativeOk, String nativeMessage,
                         boolean cipherMismatch, boolean sniRefused, ClientAuthOutcome clientAuth, byte[] stapledOcsp) {
        public Result(URI url, String host, InetSocketAddress connected, String sni, String protocol, String cipher,
                      List<X509Certificate> presented, boolean protocolMismatch, boolean nativeOk, String nativeMessage) {
            this(url, host, connected, sni, protocol, cipher, presented, protocolMismatch, nativeOk, nativeMessage, false, false, null, new byte[0]);
        }
    }

    /**
     * A client certificate the probe presents when the server asks for one (mutual TLS).
     *
     * @param key   the certificate's private key
     * @param chain the client certificate first, then its intermediates
     */
    public record ClientCertificate(java.security.PrivateKey key, List<X509Certificate> chain) {
        public ClientCertificate {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new BadInputException("a client certificate needs at least the certificate itself");
            }
        }
    }

    /**
     * What happened to the client side of mutual TLS: whether the server asked for a
     * certificate, what the probe sent, and the server's refusal (its alert), if any.
     *
     * @param sent    the subject of the certificate sent, or null when none was
     * @param refusal the server's alert as JSSE reports it, or null when the server accepted
     */
    public record ClientAuthOutcome(boolean asked, String sent, String refusal) {
    }

    private Probe() {
    }

    /** Refuses anything but an https:// URL with a host, before any work is done for it. */
    public static void checkUrl(URI url) {
        if ("https".equalsIgnoreCase(url.getScheme()) && url.getHost() == null && url.getRawAuthority() != null) {
            // java.net.URI leaves the host out when it is not plain ASCII or an unbracketed IPv6 address
            String authority = url.getRawAuthority();
            if (!authority.chars().allMatch(c -> c < 128)) {
                String host = authority.replaceFirst(":\\d*$", "");
                String ascii = java.util.Objects.requireNonNullElse(pkilab.ca.Names.asciiForm(host), "xn--…");
                throw new BadInputException("'" + url + "': the host " + host + " is not ASCII; an international name goes in its ASCII form: " + ascii);
            }
            if (authority.chars().filter(c -> c == ':').count() > 1) {
                throw new BadInputException("'" + url + "': an IPv6 address goes in brackets, as in https://[::1]:8443/");
            }
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new BadInputException("'" + url + "' is not an https:// URL (expected e.g. https://exch01.contoso.test/EWS/Exchange.asmx)");
        }
        if (url.getPort() > 65535) {
            throw new BadInputException("'" + url + "': port " + url.getPort() + " is out of range (1-65535)");
        }
    }

    /**
     * @param connect where to connect instead of the URL's host (no DNS needed), or null
     * @param trust   the client's trusted roots for the native handshake
     */
    public static Result connect(URI url, InetSocketAddress connect, ClientProfile profile, List<X509Certificate> trust,
                                 Resolver resolver) {
        return connect(url, connect, profile, trust, resolver, null);
    }

    /**
     * As above, presenting {@code clientCert} (or none, when null) if the server asks for a
     * client certificate. A server that refuses the client ends the handshake with an alert
     * — in TLS 1.3 after the client's Finished, so the probe reads once to see it.
     */
    public static Result connect(URI url, InetSocketAddress connect, ClientProfile profile, List<X509Certificate> trust,
                                 Resolver resolver, ClientCertificate clientCert) {
        return connect(url, connect, profile, trust, resolver, clientCert, true);
    }

    /**
     * As above without the second, native JSSE handshake: for a caller that judges by the
     * engine alone ({@code pkilab run}), one handshake per connection instead of two. The
     * result's native verdict is then false with the message "not tried".
     */
    public static Result connectForEngine(URI url, InetSocketAddress connect, ClientProfile profile, List<X509Certificate> trust,
                                          Resolver resolver, ClientCertificate clientCert) {
        return connect(url, connect, profile, trust, resolver, clientCert, false);
    }

    private static Result connect(URI url, InetSocketAddress connect, ClientProfile profile, List<X509Certificate> trust,
                                  Resolver resolver, ClientCertificate clientCert, boolean nativeHandshake) {
        checkUrl(url);
        StatusRequest.enable();
        String host = CertNames.stripBrackets(url.getHost());
        int port = url.getPort() < 0 ? 443 : url.getPort();
        InetSocketAddress to = connect != null ? connect : resolver != null ? resolver.resolve(host, port) : null;
        if (to == null) {
            to = new InetSocketAddress(host, port);
            if (to.isUnresolved()) {
                throw new BadInputException(url + ": cannot resolve " + host + " (give --connect HOST:PORT or --resolve "
                        + host + ":" + port + ":ADDRESS)");
            }
        }
        // SNI carries no trailing dot (RFC 6066 3): curl and browsers send the name without it
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String sni = bare.contains(".") && !CertNames.isIp(bare) ? bare : null;
        Offer wanted = new Offer(profile.tlsVersions().toArray(new String[0]), profile.refusesCiphers());
        boolean mismatch = false;
        boolean cipherMismatch = false;
        Capture cap;
        try {
            cap = capture(url, to, host, port, sni, wanted, clientCert);
        } catch (SSLException first) {
            try {
                // everything this JDK can speak: what does the server present at all?
                cap = capture(url, to, host, port, sni, Offer.ALL, clientCert);
                // the profile's versions with every suite: if that works, the suites were the problem
                cipherMismatch = !wanted.refused().isEmpty() && works(url, to, host, port, sni, new Offer(wanted.versions(), List.of()));
                mismatch = !cipherMismatch;
            } catch (SSLException second) {
                if (sni == null && String.valueOf(second.getMessage()).contains("unrecognized_name")) {
                    // a server that picks its certificate by SNI, asked by an IP-address or single-label URL
                    return new Result(url, host, to, null, null, null, List.of(), false, false, second.toString(), false, true, null, new byte[0]);
                }
                // an alert means a TLS server that refused; anything else may not be TLS at all
                boolean refused = String.valueOf(second.getMessage()).contains("alert");
                throw new BadInputException(url + ": TLS handshake with " + show(to) + " failed: " + oneLine(second)
                        + (refused ? sni == null
                                ? " (the server refused a handshake without a server name; against pkilab serve,"
                                        + " connect to the port it prints for this URL)"
                                : " (the server refused the handshake)"
                        : " (is it an HTTPS port?)"));
            }
        }
        if (!nativeHandshake) {
            return new Result(url, host, to, sni, cap.protocol, cap.cipher, cap.chain, mismatch, false, "not tried",
                    cipherMismatch, false, cap.clientAuth, cap.staple);
        }
        String nativeMessage = "ok";
        try {
            ClientKeys keys = new ClientKeys(clientCert);
            try (SSLSocket s = handshake(nativeContext(trust, keys), to, host, port, sni, wanted, "HTTPS")) {
                if (keys.asked) {
                    firstRead(s, host);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            nativeMessage = e.toString();
        }
        return new Result(url, host, to, sni, cap.protocol, cap.cipher, cap.chain, mismatch, "ok".equals(nativeMessage), nativeMessage,
                cipherMismatch, false, cap.clientAuth, cap.staple);
    }

    /**
     * What a handshake offers: protocol versions (null: the JDK's) and the kinds of cipher
     * suites left out of the JDK's list, as the profile's client no longer offers them.
     */
    private record Offer(String[] versions, List<CipherKind> refused) {
        static final Offer ALL = new Offer(null, List.of());
    }

    private static boolean works(URI url, InetSocketAddress to, String host, int port, String sni, Offer offer) {
        try {
            capture(url, to, host, port, sni, offer, null);
            return true;
        } catch (SSLException e) {
            return false;
        }
    }

    /** How the server's refusal of the client looked: its alert, or how the connection ended without one. */
    private static String refusal(IOException e) {
        String m = oneLine(e);
        if (m.contains("alert")) {
            return m;
        }
        return "the server ended the connection before the client read an alert (" + m + ")";
    }

    /**
     * Sends a request and reads the first byte of the answer: a server that refuses the client's
     * certificate in TLS 1.3 sends its alert after the client's Finished, and only a read sees it.
     */
    private static void firstRead(SSLSocket s, String host) throws IOException {
        s.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        if (s.getInputStream().read() < 0) {
            throw new SSLException("the server closed the connection without an answer");
        }
    }

    /**
     * The engine's diagnosis of what the server presented, plus what the wire showed: a
     * protocol finding when the server would not speak the profile's versions.
     */
    public static DiagnosisResult diagnose(Result r, ClientProfile profile, List<X509Certificate> trust,
                                           java.util.Map<String, String> labCas, java.time.Instant at, Resolver resolver) {
        if (r.sniRefused()) {
            return new DiagnosisResult(r.host(), profile.id(), at, List.of(), false, List.of(new Finding(Diagnosis.SNI_REQUIRED, null, -1, null,
                    "the server refused a ClientHello without a server name (unrecognized_name); " + r.host()
                            + " goes into no SNI, so the server cannot tell which site is asked for",
                    "a URL with the server's DNS name, which the client sends in SNI", 0,
                    "call the server by its DNS name (https://mail.contoso.com/…), or give the address a default certificate"
                            + " on the server or load balancer", null)));
        }
        DiagnosisResult d = DiagnosisEngine.diagnose(new ChainInput(r.presented(), trust, r.host(), labCas).stapled(r.stapledOcsp()),
                profile, at, resolver);
        if (r.clientAuth() != null && r.clientAuth().refusal() != null) {
            ClientAuthOutcome c = r.clientAuth();
            d = DiagnosisEngine.with(d, new Finding(Diagnosis.CLIENT_CERTIFICATE, null, -1, null,
                    "the server asked for a client certificate; " + (c.sent() == null ? "the client sent none" : "the client sent " + c.sent())
                            + ", and the server refused it: " + c.refusal(),
                    "a client certificate the server accepts (issued by a CA it names, valid now, extKeyUsage clientAuth)", 0,
                    c.sent() == null ? "give the client a certificate from the CA the server accepts, and tell it to present it"
                            : "give the client a valid certificate from the CA the server accepts (pkilab cert issue --client)", null));
        }
        if (r.cipherMismatch()) {
            d = DiagnosisEngine.with(d, new Finding(Diagnosis.CIPHER, null, -1, null,
                    "the server accepts none of the cipher suites this client offers; offered all, it chose " + r.cipher(),
                    "a suite that is not " + r.cipher() + " (this client refuses " + profile.refusesCiphers().stream()
                            .map(CipherKind::id).collect(java.util.stream.Collectors.joining(", ")) + " suites)", 0,
                    "enable ECDHE suites with AES-GCM on the server (IIS: IISCrypto or the SSL Cipher Suite Order policy)", null));
        }
        if (r.protocolMismatch()) {
            d = DiagnosisEngine.with(d, new Finding(Diagnosis.PROTOCOL, null, -1, null,
                    "the server refused every version this client offers; offered all, it chose " + r.protocol(),
                    "one of " + String.join(", ", profile.tlsVersions()), 0,
                    "enable a common TLS version on the server, or on the client (.NET Framework: SchUseStrongCrypto)", null));
        }
        return d;
    }

    private record Capture(List<X509Certificate> chain, String protocol, String cipher, ClientAuthOutcome clientAuth, byte[] staple) {
    }

    private static Capture capture(URI url, InetSocketAddress to, String host, int port, String sni, Offer offer,
                                   ClientCertificate clientCert) throws SSLException {
        ChainRecorder recorder = new ChainRecorder();
        ClientKeys keys = new ClientKeys(clientCert);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {keys}, new javax.net.ssl.TrustManager[] {recorder}, null);
            try (SSLSocket s = handshake(ctx, to, host, port, sni, offer, null)) {
                SSLSession session = s.getSession();
                List<X509Certificate> chain = new ArrayList<>();
                for (java.security.cert.Certificate c : session.getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                String refusal = null;
                if (keys.asked) {
                    try {
                        firstRead(s, host);
                    } catch (IOException e) {
                        refusal = refusal(e);
                    }
                }
                return new Capture(chain, session.getProtocol(), session.getCipherSuite(), keys.outcome(refusal), recorder.staple());
            }
        } catch (IOException e) {
            if (keys.asked && recorder.chain() != null) {
                // the server refused the client inside the handshake (TLS 1.2), or closed while the
                // client was still finishing it (TLS 1.3)
                return new Capture(recorder.chain(), recorder.protocol(), recorder.cipher(), keys.outcome(refusal(e)), recorder.staple());
            }
            if (e instanceof SSLException ssl) {
                throw ssl;
            }
            if (e instanceof SocketTimeoutException) {
                throw new BadInputException(url + ": no TLS answer from " + show(to) + " within " + TIMEOUT_MS / 1000
                        + " s (is it an HTTPS port?)");
            }
            throw new BadInputException(url + ": cannot connect to " + show(to) + ": " + oneLine(e));
        } catch (GeneralSecurityException e) {
            throw new BadInputException(url + ": cannot connect to " + show(to) + ": " + oneLine(e));
        }
    }

    private static SSLSocket handshake(SSLContext ctx, InetSocketAddress to, String host, int port, String sni,
                                       Offer offer, String identification) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(to, TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            p.setEndpointIdentificationAlgorithm(identification);
            if (offer.versions() != null) {
                List<String> supported = Arrays.asList(s.getSupportedProtocols());
                p.setProtocols(Arrays.stream(offer.versions()).filter(supported::contains).toArray(String[]::new));
            }
            if (!offer.refused().isEmpty()) {
                p.setCipherSuites(Arrays.stream(p.getCipherSuites())
                        .filter(c -> !CipherKind.anyMatches(offer.refused(), c)).toArray(String[]::new));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLContext nativeContext(List<X509Certificate> trust, ClientKeys keys) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : trust) {
            ks.setCertificateEntry("root-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {keys}, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Asks servers for a stapled OCSP answer (status_request). JSSE reads the switch once, when
     * its TLS classes load, so it is set before the first handshake of the process (Main sets
     * it too); a server that staples nothing is not affected.
     */
    static final class StatusRequest {
        static void enable() {
            if (System.getProperty("jdk.tls.client.enableStatusRequestExtension") == null) {
                System.setProperty("jdk.tls.client.enableStatusRequestExtension", "true");
            }
        }
    }

    private static String show(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).toLowerCase(Locale.ROOT).startsWith("connection refused")
                ? "connection refused" : nl < 0 ? m : m.substring(0, nl);
    }
}
