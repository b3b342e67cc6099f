package pkilab.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import pkilab.BadInputException;
import pkilab.ca.LabHome;
import pkilab.pem.Pem;

/**
 * A PEM bundle: concatenated "BEGIN CERTIFICATE" blocks, what {@code curl --cacert},
 * {@code openssl -CAfile}, Python's {@code SSL_CERT_FILE} and Node's {@code NODE_EXTRA_CA_CERTS}
 * read. pkilab appends one block per root, headed by a comment line naming its alias (PEM
 * readers skip text outside the blocks), and removes exactly that comment and block again:
 *
 * <pre>
 *   # pkilab-enterprise-0646f57a CN=contoso-DC01-CA,DC=contoso,DC=test
 *   -----BEGIN CERTIFICATE-----
 *   …
 *   -----END CERTIFICATE-----
 * </pre>
 *
 * The file is read and written as ISO-8859-1 so that every byte pkilab did not add, UTF-8
 * comments included, is written back unchanged.
 */
public final class PemBundleTrustStore implements TrustStore {
    // marks a block appended to a bundle whose last line had no newline, so removal restores it exactly
    private static final String JOINED = " (newline added)";

    private final Path file;

    public PemBundleTrustStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public String name() {
        return "pem:" + file;
    }

    @Override
    public boolean systemWide() {
        return false;
    }

    @Override
    public String unavailable() {
        if (Files.isDirectory(file)) {
            return file + " is a folder (give a bundle file: --into pem:FILE)";
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file) || !Files.isWritable(file.getParent())) {
                return "cannot write " + file + ": permission denied (use another file: --into pem:FILE)";
            }
            return notABundle();
        }
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return "cannot create " + file + ": folder " + dir + " does not exist (create it: mkdir -p " + dir + ")";
        }
        if (!Files.isWritable(dir)) {
            return "cannot create " + file + ": folder " + dir + " is not writable (use another file: --into pem:FILE)";
        }
        return null;
    }

    // a key, a DER file or a document given by mistake would be changed by an append: a bundle
    // is empty, comments, or holds certificates
    private String notABundle() {
        String text = text();
        if (text.contains("-----BEGIN CERTIFICATE-----")
                || text.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
            return null;
        }
        return file + " is not a PEM bundle (no 'BEGIN CERTIFICATE' block in it); give a bundle file or a new file name: --into pem:FILE";
    }

    @Override
    public boolean contains(TrustRoot root) {
        return text().contains(header(root));
    }

    @Override
    public List<String> planAdd(TrustRoot root) {
        return List.of((Files.exists(file) ? "append to " : "create ") + file + ": '# " + root.alias() + "' and the PEM of " + root.subject());
    }

    @Override
    public List<String> planRemove(TrustRoot root) {
        return List.of("remove the block '# " + root.alias() + "' from " + file + " (and the file, if nothing else is left in it)");
    }

    @Override
    public void add(TrustRoot root) {
        String text = text();
        StringBuilder sb = new StringBuilder(text);
        boolean joined = !text.isEmpty() && !text.endsWith("\n");
        sb.append(block(root, joined));
        LabHome.writeAtomic(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    @Override
    public void remove(TrustRoot root) {
        String text = text();
        for (boolean joined : new boolean[] {true, false}) {
            String block = block(root, joined);
            int at = text.indexOf(block);
            if (at >= 0) {
                String rest = text.substring(0, at) + text.substring(at + block.length());
                if (rest.isEmpty()) {
                    // the bundle held only what pkilab put there: remove the file it created
                    deleteFile();
                } else {
                    LabHome.writeAtomic(file, rest.getBytes(StandardCharsets.ISO_8859_1), false);
                }
                return;
            }
        }
        if (contains(root)) {
            throw new BadInputException("the block '# " + root.alias() + "' in " + file
                    + " was edited since pkilab added it; remove it by hand");
        }
    }

    @Override
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = text();
        for (X509Certificate c : Pem.parseCertificates(text.getBytes(StandardCharsets.ISO_8859_1), file.toString())) {
            String sha = TrustRoot.digest(c, "SHA-256");
            String subject = c.getSubjectX500Principal().getName();
            String alias = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("# " + TrustRoot.PREFIX) && line.contains("-" + sha.substring(0, 8) + " ")) {
                    alias = line.substring(2, line.indexOf(' ', 2));
                }
            }
            out.add(new Entry(alias == null ? subject : alias, subject, sha, alias != null));
        }
        return out;
    }

    @Override
    public Verification verify(TrustRoot root, TrustCheck check) {
        return check.opensslVerify(file, root);
    }

    private static String header(TrustRoot root) {
        return "# " + root.alias() + " ";
    }

    private static String block(TrustRoot root, boolean joined) {
        String subject = root.subject().replaceAll("[^\\x20-\\x7e]", "?");
        return (joined ? "\n" : "") + header(root) + subject + (joined ? JOINED : "") + "\n" + Pem.encode(root.certificate());
    }

    private void deleteFile() {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new BadInputException("cannot delete " + file + ": " + BadInputException.why(e));
        }
    }

    private String text() {
        return Files.exists(file) ? new String(pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.CERTIFICATES), StandardCharsets.ISO_8859_1) : "";
    }
}
