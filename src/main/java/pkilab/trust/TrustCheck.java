package pkilab.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import pkilab.ca.CertSpec;
import pkilab.ca.CertTemplate;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.SignatureHash;
import pkilab.pem.Pem;

/**
 * Proves that a store trusts a root the way a client would find out: by validating a
 * throwaway server certificate that the root signed. Installing a certificate proves
 * nothing by itself (a store may ignore an entry without trust flags, a bundle may not be
 * regenerated), so every install ends with one of these checks.
 *
 * <p>The throwaway leaf is named {@value #CHECK_HOST} (inside the lab's name constraints),
 * valid for an hour, and never recorded with the CA.
 */
public final class TrustCheck {
    /** The DNS name of the throwaway leaf. */
    public static final String CHECK_HOST = "trust-check.pkilab.test";

    private final Function<String, PrivateKey> rootKey;
    private final Map<String, Leaf> leaves = new HashMap<>();

    /** A signed throwaway server certificate and its key. */
    public record Leaf(X509Certificate certificate, PrivateKey key) {
    }

    /** {@code rootKey} gives the private key of a lab root by CA id. */
    public TrustCheck(Function<String, PrivateKey> rootKey) {
        this.rootKey = rootKey;
    }

    public Leaf leaf(TrustRoot root) {
        return leaves.computeIfAbsent(root.sha256(), k -> sign(root));
    }

    private Leaf sign(TrustRoot root) {
        KeyPair kp = KeyType.EC_P256.generate();
        CertTemplate t = new CertTemplate();
        t.keyUsage = new CertTemplate.Usage();
        t.keyUsage.critical = true;
        t.keyUsage.values.add("digitalSignature");
        t.extKeyUsage = new CertTemplate.Usage();
        t.extKeyUsage.values.add("serverAuth");
        t.basicConstraints = new CertTemplate.BasicConstraints();
        t.basicConstraints.critical = true;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertSpec spec = new CertSpec("CN=" + CHECK_HOST, kp.getPublic(), root.certificate(), rootKey.apply(root.caId()),
                SignatureHash.parse("sha256"), Lab.serial(t), now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)),
                t, List.of(CHECK_HOST), List.of(), null, Lab.DEFAULT_PKI_BASE, root.caId());
        return new Leaf(Lab.sign(spec), kp.getPrivate());
    }

    /**
     * A real TLS handshake on 127.0.0.1: an in-process server presents the root's throwaway
     * leaf, a JSSE client trusts exactly {@code trustStore}. Null when it succeeded, else the
     * client's error.
     */
    public String javaHandshake(KeyStore trustStore, TrustRoot root) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            return javaHandshake(tmf, root);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the trust check: " + e.getMessage(), e);
        }
    }

    /** The same handshake with a client whose trust comes from {@code tmf}, however it was set up. */
    String javaHandshake(TrustManagerFactory tmf, TrustRoot root) {
        Leaf leaf = leaf(root);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "check".toCharArray();
            ks.setKeyEntry("leaf", leaf.key(), pw, new X509Certificate[] {leaf.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket()) {
                ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOnce(ss));
                try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 10_000);
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getOutputStream().write('x');
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                    return null;
                } catch (IOException e) {
                    return e.getMessage();
                } finally {
                    ss.close();
                    served.orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the trust check: " + e.getMessage(), e);
        }
    }

    private static void serveOnce(SSLServerSocket ss) {
        try (SSLSocket s = (SSLSocket) ss.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (in.read() >= 0) {
                out.write('y');
                out.flush();
            }
        } catch (IOException e) {
            // the client reports the failure; the server side has nothing to add
        }
    }

    // openssl prints the subject first and the reason on an "error N at D depth lookup: …" line
    private static String summary(Programs.Result r) {
        for (String line : r.output().split("\n")) {
            if (line.startsWith("error ") || line.contains(": OK")) {
                return line.strip();
            }
        }
        return r.firstLine();
    }

    /**
     * {@code openssl verify -CAfile bundle leaf}: how OpenSSL, curl and most Linux programs
     * see the bundle. Verification with {@code trusted == false} when openssl is missing.
     */
    public TrustStore.Verification opensslVerify(Path bundle, TrustRoot root) {
        Path openssl = Programs.find("openssl");
        if (openssl == null) {
            return new TrustStore.Verification(false, "not checked: openssl not found (apt-get install openssl)");
        }
        if (!Files.exists(bundle)) {
            return new TrustStore.Verification(false, bundle + " does not exist");
        }
        try {
            Path tmp = Files.createTempFile("pkilab-trust-check-", ".pem");
            try {
                Files.write(tmp, Pem.encodeBytes(leaf(root).certificate()));
                Programs.Result r = Programs.run(List.of(openssl.toString(), "verify", "-purpose", "sslserver",
                        "-CAfile", bundle.toString(), tmp.toString()));
                boolean ok = r.ok() && r.output().contains(": OK");
                return new TrustStore.Verification(ok, "openssl verify -CAfile " + bundle + " (leaf for " + CHECK_HOST + "): "
                        + summary(r).replace(tmp.toString(), "leaf"));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            return new TrustStore.Verification(false, "not checked: " + e.getMessage());
        }
    }
}
