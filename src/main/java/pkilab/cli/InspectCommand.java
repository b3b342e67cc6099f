package pkilab.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.ca.CertInfo;
import pkilab.ca.Names;
import pkilab.pem.Pem;

/**
 * {@code pkilab inspect FILE|URL}: every certificate of a file or of the chain a server
 * presents, field by field, the way {@code step certificate inspect} prints one — whoever
 * made it. Nothing is judged here; {@code pkilab probe} and {@code diagnose} judge.
 */
@Command(name = "inspect",
        description = {"Print every certificate of a PEM/DER file, or of the chain an HTTPS server presents: subject, "
                + "issuer, validity, names, key, extensions with their criticality, AIA, CRL distribution points, fingerprints.",
            "Works on any certificate, not only pkilab's; it does not judge whether a client would accept them (see pkilab probe)."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab inspect .pkilab/certs/mail.contoso.test-fullchain.pem",
            "  pkilab inspect server.cer --format json",
            "  pkilab inspect https://exch01.contoso.test/ --connect 127.0.0.1:40859",
            "  pkilab inspect https://www.example.org/        (the chain as the server sends it)",
            ExitCodes.HELP_SECTION})
public final class InspectCommand extends LabCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|URL", description = "A PEM or DER file (one certificate or a chain), or an https:// URL.")
    String source;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "For a URL: connect here instead of the URL's host (no DNS needed).")
    String connect;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    /** One certificate as inspect shows it; {@code position} is leaf, intermediate CA, root or self-signed (a leaf that is its own issuer). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inspected(int index, String position, int version, String subject, String issuer, String serial,
                            String notBefore, String notAfter, String validity, String key, String signature,
                            List<String> subjectAltNames, List<String> authorityInfoAccess, List<String> crlDistributionPoints,
                            List<CertInfo.Extension> extensions, String sha256, String sha1) {
    }

    @Override
    public Integer call() {
        if (!List.of("text", "json").contains(format)) {
            throw new BadInputException("--format '" + format + "' is not one of text, json");
        }
        List<X509Certificate> chain;
        String from;
        if (source.regionMatches(true, 0, "https://", 0, 8)) {
            URI url = url(source);
            chain = fromServer(url);
            from = "presented by " + url.getHost() + ":" + port(url);
        } else {
            if (connect != null) {
                throw new BadInputException("--connect is for a URL; " + source + " is read as a file");
            }
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(source + ": no such file (expected a PEM or DER certificate file, or an https:// URL)");
            }
            chain = Pem.readCertificates(file);
            from = "in " + show(file);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Inspected> all = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            all.add(inspect(chain.get(i), i, now));
        }
        if (format.equals("json")) {
            out().println(json(all));
        } else {
            out().println(all.size() + " certificate" + (all.size() == 1 ? "" : "s") + " " + from);
            for (Inspected c : all) {
                out().println();
                out().print(text(c));
            }
        }
        return ExitCodes.OK;
    }

    static Inspected inspect(X509Certificate c, int index, Instant now) {
        CertInfo info = CertInfo.of(c);
        boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        boolean ca = c.getBasicConstraints() >= 0;
        String position = selfIssued ? (ca ? "root" : "self-signed") : ca ? "intermediate CA" : "leaf";
        return new Inspected(index, position, c.getVersion(), info.subject(), info.issuer(), info.serial(), info.notBefore(),
                info.notAfter(), validity(c, now), key(c), info.signature(), values(info, "subjectAltName"),
                values(info, "authorityInfoAccess"), values(info, "crlDistributionPoints"), info.extensions(), info.sha256(),
                digest(c, "SHA-1"));
    }

    private static List<String> values(CertInfo info, String extension) {
        return info.extensions().stream().filter(e -> e.name().equals(extension)).findFirst().map(CertInfo.Extension::values)
                .orElse(null);
    }

    /** "valid, 89 days left", "expired 3 days ago", "not valid for another 2 days". */
    static String validity(X509Certificate c, Instant now) {
        Instant from = c.getNotBefore().toInstant();
        Instant to = c.getNotAfter().toInstant();
        if (now.isBefore(from)) {
            return "not yet valid: starts in " + days(Duration.between(now, from));
        }
        if (now.isAfter(to)) {
            return "expired " + days(Duration.between(to, now)) + " ago";
        }
        return "valid, " + days(Duration.between(now, to)) + " left";
    }

    private static String days(Duration d) {
        long days = d.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = d.toHours();
        return hours >= 1 ? hours + (hours == 1 ? " hour" : " hours") : d.toMinutes() + " min";
    }

    private static String key(X509Certificate c) {
        if (c.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits, exponent " + rsa.getPublicExponent();
        }
        if (c.getPublicKey() instanceof ECPublicKey) {
            return CertInfo.keyDescription(c);
        }
        return c.getPublicKey().getAlgorithm();
    }

    private static String digest(X509Certificate c, String algorithm) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Inspected c) {
        StringBuilder sb = new StringBuilder();
        sb.append("Certificate ").append(c.index()).append(" (").append(c.position()).append(")\n");
        line(sb, "Subject", c.subject());
        line(sb, "Issuer", c.issuer());
        line(sb, "Serial", c.serial());
        line(sb, "Version", "v" + c.version());
        line(sb, "Not before", c.notBefore());
        line(sb, "Not after", c.notAfter() + "  (" + c.validity() + ")");
        line(sb, "Key", c.key());
        line(sb, "Signature", c.signature());
        line(sb, "Names (SAN)", c.subjectAltNames() == null ? "none: no subjectAltName extension" : String.join(", ", c.subjectAltNames()));
        if (c.authorityInfoAccess() != null) {
            line(sb, "AIA", String.join(", ", c.authorityInfoAccess()));
        }
        if (c.crlDistributionPoints() != null) {
            line(sb, "CRL DP", String.join(", ", c.crlDistributionPoints()));
        }
        sb.append("  Extensions:\n");
        for (CertInfo.Extension e : c.extensions()) {
            sb.append("    ").append(e.name()).append(e.name().equals(e.oid()) ? "" : " (" + e.oid() + ")")
                    .append(e.critical() ? "  critical" : "  not critical").append('\n');
            for (String v : e.values()) {
                sb.append("        ").append(v).append('\n');
            }
        }
        line(sb, "SHA-256", c.sha256());
        line(sb, "SHA-1", c.sha1());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append("  ").append(String.format("%-12s", label + ":")).append(' ').append(value).append('\n');
    }

    private static URI url(String s) {
        try {
            URI u = new URI(s);
            if (u.getHost() == null) {
                throw new BadInputException("'" + s + "' has no host (expected e.g. https://mail.contoso.test/)");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new BadInputException("'" + s + "' is not a URL: " + e.getReason());
        }
    }

    private static int port(URI u) {
        return u.getPort() < 0 ? 443 : u.getPort();
    }

    /**
     * The chain exactly as the server sends it. The handshake's trust check records the chain
     * and then refuses it, so nothing is ever sent over a connection nobody checked.
     */
    private List<X509Certificate> fromServer(URI url) {
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        InetSocketAddress to = connect == null ? new InetSocketAddress(host, port(url)) : address(connect);
        if (to.isUnresolved()) {
            throw new BadInputException("cannot resolve " + to.getHostString() + " (give the address with --connect HOST:PORT)");
        }
        Recorder recorder = new Recorder();
        try (Socket raw = new Socket()) {
            raw.connect(to, 10_000);
            raw.setSoTimeout(10_000);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port(url), true)) {
                SSLParameters p = tls.getSSLParameters();
                // clients send no SNI for an IP literal or a single-label name
                if (!Names.isIpLiteral(host) && host.contains(".")) {
                    p.setServerNames(List.of(new SNIHostName(host)));
                }
                tls.setSSLParameters(p);
                tls.startHandshake();
            } catch (SSLException e) {
                if (recorder.chain == null) {
                    throw new BadInputException("no certificate from " + to.getHostString() + ":" + to.getPort()
                            + ": the TLS handshake failed before the server sent one (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot connect to " + to.getHostString() + ":" + to.getPort() + ": " + e.getMessage()
                    + " (is it an HTTPS port? pkilab serve prints each URL's port)");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (recorder.chain == null) {
            throw new BadInputException("no certificate from " + to.getHostString() + ":" + to.getPort());
        }
        return List.of(recorder.chain);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new BadInputException("--connect '" + hostPort + "' is not HOST:PORT (e.g. 127.0.0.1:8443)");
        }
        String h = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
        try {
            return new InetSocketAddress(h, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--connect '" + hostPort + "' is not HOST:PORT (e.g. 127.0.0.1:8443)");
        }
    }

    /** Records the server's chain, then refuses it: inspect shows certificates, it never trusts one. */
    private static final class Recorder extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(c, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(c, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType) throws CertificateException {
            chain = c.clone();
            throw new CertificateException("recorded for inspection, not trusted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
