package pkilab.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import pkilab.BadInputException;
import pkilab.pem.Pem;

/**
 * The operating system's trust store on Linux, which OpenSSL, curl, Python, Go and most
 * other programs read as one PEM bundle. Nobody edits the bundle: an admin drops a root
 * into an "anchors" folder and runs the distribution's tool, which regenerates it.
 *
 * <pre>
 *   Debian/Ubuntu  /usr/local/share/ca-certificates/NAME.crt  → update-ca-certificates  → /etc/ssl/certs/ca-certificates.crt
 *   RHEL/Fedora    /etc/pki/ca-trust/source/anchors/NAME.pem  → update-ca-trust extract → /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem
 * </pre>
 *
 * Removing the file and running the tool again (Debian: with {@code --fresh}) takes the root
 * out of the bundle. The Debian tool's folders can be moved ({@link Paths}), which is how
 * tests run it against temporary folders.
 */
public final class SystemTrustStore implements TrustStore {
    /** Which distribution family's tool manages the store. */
    public enum Flavour { DEBIAN, RHEL }

    /**
     * Folders of {@code update-ca-certificates}, each null for its default; non-null values
     * are passed as its {@code --certsconf --certsdir --localcertsdir --etccertsdir --hooksdir}.
     */
    public record Paths(Path certsconf, Path certsdir, Path localcertsdir, Path etccertsdir, Path hooksdir) {
        public boolean any() {
            return certsconf != null || certsdir != null || localcertsdir != null || etccertsdir != null || hooksdir != null;
        }
    }

    private final Flavour flavour;
    private final Path tool;
    private final Paths paths;

    private SystemTrustStore(Flavour flavour, Path tool, Paths paths) {
        this.flavour = flavour;
        this.tool = tool;
        this.paths = paths;
    }

    /** The store of this machine, by which tool is installed; flavour null when neither is. */
    public static SystemTrustStore detect(Paths paths) {
        Path debian = Programs.find("update-ca-certificates");
        if (debian != null) {
            return new SystemTrustStore(Flavour.DEBIAN, debian, paths);
        }
        Path rhel = Programs.find("update-ca-trust");
        if (rhel != null) {
            return new SystemTrustStore(Flavour.RHEL, rhel, paths);
        }
        return new SystemTrustStore(null, null, paths);
    }

    public Flavour flavour() {
        return flavour;
    }

    /** Where pkilab puts root files. */
    public Path anchors() {
        if (flavour == Flavour.RHEL) {
            return Path.of("/etc/pki/ca-trust/source/anchors");
        }
        return paths.localcertsdir() != null ? paths.localcertsdir().toAbsolutePath() : Path.of("/usr/local/share/ca-certificates");
    }

    /** The bundle the tool regenerates and programs read. */
    public Path bundle() {
        if (flavour == Flavour.RHEL) {
            return Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
        }
        Path etc = paths.etccertsdir() != null ? paths.etccertsdir().toAbsolutePath() : Path.of("/etc/ssl/certs");
        return etc.resolve("ca-certificates.crt");
    }

    private Path fileOf(TrustRoot root) {
        // update-ca-certificates reads only *.crt; update-ca-trust takes any PEM name
        return anchors().resolve(root.alias() + ".crt");
    }

    @Override
    public String name() {
        return "system:" + (flavour == null ? "unknown" : flavour.name().toLowerCase(java.util.Locale.ROOT)) + ":" + anchors();
    }

    @Override
    public boolean systemWide() {
        return true;
    }

    @Override
    public String unavailable() {
        if (flavour == null) {
            return "no system trust tool found: neither update-ca-certificates (Debian/Ubuntu: apt-get install ca-certificates) "
                    + "nor update-ca-trust (RHEL/Fedora: dnf install ca-certificates)";
        }
        if (flavour == Flavour.RHEL && paths.any()) {
            return "--certsconf/--certsdir/--localcertsdir/--etccertsdir/--hooksdir are options of Debian's update-ca-certificates; "
                    + "this machine has RHEL's update-ca-trust (drop them)";
        }
        Path dir = anchors();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            return "cannot write " + dir + ": permission denied (run as root: sudo pkilab trust …)";
        }
        return null;
    }

    @Override
    public boolean contains(TrustRoot root) {
        return Files.isRegularFile(fileOf(root));
    }

    @Override
    public List<String> planAdd(TrustRoot root) {
        return withHooks(List.of("write " + fileOf(root) + " (" + root.subject() + ")",
                "run " + String.join(" ", command(false)) + " (regenerates " + bundle() + ")"));
    }

    @Override
    public List<String> planRemove(TrustRoot root) {
        return withHooks(List.of("delete " + fileOf(root), "run " + String.join(" ", command(true)) + " (regenerates " + bundle() + ")"));
    }

    // Debian's tool also runs the hooks of other packages: ca-certificates-java's copies the
    // change into Java's cacerts (as alias debian:NAME.pem), and removes it again on uninstall
    private List<String> withHooks(List<String> plan) {
        if (flavour != Flavour.DEBIAN) {
            return plan;
        }
        Path hooks = paths.hooksdir() != null ? paths.hooksdir() : Path.of("/etc/ca-certificates/update.d");
        List<String> out = new ArrayList<>(plan);
        try (Stream<Path> s = Files.isDirectory(hooks) ? Files.list(hooks) : Stream.empty()) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            if (!names.isEmpty()) {
                out.add("which also runs the hooks in " + hooks + ": " + String.join(", ", names));
            }
        } catch (IOException e) {
            // the plan is informative; the tool itself will report an unreadable hooks folder
        }
        return out;
    }

    @Override
    public void add(TrustRoot root) {
        try {
            Files.createDirectories(anchors());
        } catch (IOException e) {
            throw new BadInputException("cannot create " + anchors() + ": " + e.getMessage());
        }
        pkilab.ca.LabHome.writeAtomic(fileOf(root), Pem.encodeBytes(root.certificate()), false);
        Programs.require("update the system trust store", command(false));
    }

    @Override
    public void remove(TrustRoot root) {
        try {
            Files.deleteIfExists(fileOf(root));
        } catch (IOException e) {
            throw new BadInputException("cannot delete " + fileOf(root) + ": " + e.getMessage());
        }
        Programs.require("update the system trust store", command(true));
    }

    private List<String> command(boolean removing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool == null ? "update-ca-certificates" : tool.toString());
        if (flavour == Flavour.RHEL) {
            cmd.add("extract");
            return cmd;
        }
        if (removing) {
            // without --fresh the tool keeps the dangling link and may skip rebuilding the bundle
            cmd.add("--fresh");
        }
        addPath(cmd, "--certsconf", paths.certsconf());
        addPath(cmd, "--certsdir", paths.certsdir());
        addPath(cmd, "--localcertsdir", paths.localcertsdir());
        addPath(cmd, "--etccertsdir", paths.etccertsdir());
        addPath(cmd, "--hooksdir", paths.hooksdir());
        return cmd;
    }

    private static void addPath(List<String> cmd, String option, Path p) {
        if (p != null) {
            cmd.add(option);
            cmd.add(p.toAbsolutePath().toString());
        }
    }

    /** The root files in the anchors folder (the bundle itself holds every distribution root too). */
    @Override
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(anchors())) {
            return out;
        }
        try (Stream<Path> files = Files.list(anchors())) {
            for (Path f : files.sorted().toList()) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                String n = f.getFileName().toString();
                String subject = null;
                String sha256 = null;
                try {
                    var cert = Pem.readCertificates(f).get(0);
                    subject = cert.getSubjectX500Principal().getName();
                    sha256 = TrustRoot.digest(cert, "SHA-256");
                } catch (BadInputException e) {
                    subject = "(not a certificate)";
                }
                out.add(new Entry(n, subject, sha256, n.startsWith(TrustRoot.PREFIX)));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list " + anchors() + ": " + e.getMessage());
        }
        return out;
    }

    @Override
    public Verification verify(TrustRoot root, TrustCheck check) {
        return check.opensslVerify(bundle(), root);
    }
}
