package pkilab.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import pkilab.BadInputException;
import pkilab.ca.LabHome;

/**
 * A Java key store used as a trust store: the JDK's {@code cacerts} (what every Java
 * program trusts unless told otherwise) or any JKS/PKCS#12 file a program names with
 * {@code -Djavax.net.ssl.trustStore}. Entries are "trusted certificate" entries, as
 * {@code keytool -importcert} makes them.
 *
 * <p>The store keeps its type (JKS or PKCS#12) when pkilab rewrites it, and a symbolic link
 * (Debian's cacerts points into /etc/ssl/certs/java) is followed, not replaced.
 */
public final class JavaTrustStore implements TrustStore {
    /** The password of the JDK's cacerts, unchanged since JDK 1.2. */
    public static final String DEFAULT_PASSWORD = "changeit";

    private final Path file;
    private final char[] password;
    private final boolean jdkDefault;

    public JavaTrustStore(Path file, char[] password) {
        this.jdkDefault = file == null;
        this.file = file == null ? jdkCacerts() : file.toAbsolutePath();
        this.password = password == null ? DEFAULT_PASSWORD.toCharArray() : password;
    }

    /** The running JDK's cacerts. */
    public static Path jdkCacerts() {
        return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "java:" + file;
    }

    @Override
    public boolean systemWide() {
        return jdkDefault;
    }

    @Override
    public String unavailable() {
        if (!Files.isRegularFile(file)) {
            return "no Java key store at " + file + " (name an existing one: --into java:PATH; copy the JDK's with: cp "
                    + jdkCacerts() + " my-cacerts)";
        }
        try {
            load();
        } catch (BadInputException e) {
            return e.getMessage();
        }
        Path real = realFile();
        if (!Files.isWritable(real) || !Files.isWritable(real.getParent())) {
            return "cannot write " + real + ": permission denied (run as its owner, e.g. sudo pkilab trust …, or use --into java:COPY)";
        }
        return null;
    }

    @Override
    public boolean contains(TrustRoot root) {
        try {
            return load().isCertificateEntry(root.alias());
        } catch (GeneralSecurityException e) {
            throw new BadInputException("failed to read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> planAdd(TrustRoot root) {
        return List.of("add trusted certificate entry '" + root.alias() + "' (" + root.subject() + ") to " + realFile());
    }

    @Override
    public List<String> planRemove(TrustRoot root) {
        return List.of("delete entry '" + root.alias() + "' from " + realFile());
    }

    @Override
    public void add(TrustRoot root) {
        KeyStore ks = load();
        try {
            ks.setCertificateEntry(root.alias(), root.certificate());
        } catch (GeneralSecurityException e) {
            throw new BadInputException("failed to add " + root.alias() + " to " + file + ": " + e.getMessage());
        }
        save(ks);
    }

    @Override
    public void remove(TrustRoot root) {
        KeyStore ks = load();
        try {
            ks.deleteEntry(root.alias());
        } catch (GeneralSecurityException e) {
            throw new BadInputException("failed to delete " + root.alias() + " from " + file + ": " + e.getMessage());
        }
        save(ks);
    }

    @Override
    public List<Entry> list() {
        KeyStore ks = load();
        List<Entry> out = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(new Entry(alias, x.getSubjectX500Principal().getName(), TrustRoot.digest(x, "SHA-256"),
                            alias.startsWith(TrustRoot.PREFIX)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new BadInputException("failed to read " + file + ": " + e.getMessage());
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    public Verification verify(TrustRoot root, TrustCheck check) {
        String error = check.javaHandshake(load(), root);
        String how = "JSSE handshake with 127.0.0.1 trusting only " + file;
        return error == null ? new Verification(true, how + ": succeeded")
                : new Verification(false, how + ": failed: " + error);
    }

    /** The key store as a JSSE client would load it. */
    public KeyStore load() {
        try {
            byte[] data = pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.KEY_STORE);
            KeyStore ks = KeyStore.getInstance(storeType(data));
            ks.load(new java.io.ByteArrayInputStream(data), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new BadInputException("cannot open " + file + ": wrong password (give it with --storepass-file FILE)");
            }
            throw new BadInputException("cannot open " + file + ": not a JKS or PKCS#12 key store, or a damaged one");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the JDK's words here are "Unrecognized keystore format. Please load it with a specified type"
            throw new BadInputException("cannot open " + file + ": not a JKS or PKCS#12 key store, or a damaged one");
        }
    }

    /** The type a key store's first bytes show: JKS and JCEKS have magic numbers, anything else is read as PKCS#12. */
    private static String storeType(byte[] data) {
        int magic = data.length < 4 ? 0 : java.nio.ByteBuffer.wrap(data, 0, 4).getInt();
        if (magic == 0xFEEDFEED) {
            return "JKS";
        }
        return magic == 0xCECECECE ? "JCEKS" : "PKCS12";
    }

    private void save(KeyStore ks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ks.store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("failed to write " + file + ": " + e.getMessage());
        }
        LabHome.writeAtomic(realFile(), out.toByteArray(), false);
    }

    private Path realFile() {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file;
        }
    }
}
