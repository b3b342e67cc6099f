package pkilab.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pkilab.BadInputException;
import pkilab.pem.Pem;

/**
 * An NSS certificate database: what Firefox (one per profile) and Chromium on Linux
 * ({@code ~/.pki/nssdb}) trust besides their built-in roots. pkilab drives it with NSS's own
 * {@code certutil} (package libnss3-tools, or nss-tools on RHEL), which is not the Windows
 * tool of the same name. A root is trusted for TLS servers when its trust flags are
 * {@code C,,} ("trusted CA to issue server certificates").
 */
public final class NssTrustStore implements TrustStore {
    /** The database Chromium and other NSS programs of a Linux user share. */
    public static Path defaultDatabase() {
        return home().resolve(".pki/nssdb");
    }

    /** The user's home folder as NSS programs see it. */
    public static Path home() {
        // $HOME first, as certutil and the browsers use it (user.home comes from the password file)
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    // one line of `certutil -L`: nickname, padding, trust flags such as "C,," or "CT,C,C"
    private static final Pattern LIST_LINE = Pattern.compile("^(.+?)\\s+([A-Za-z]*,[A-Za-z]*,[A-Za-z]*)\\s*$");

    private final Path dir;
    private final Path certutil;
    private final String certutilGiven;

    /** {@code certutil} null: found on PATH. */
    public NssTrustStore(Path dir, String certutil) {
        this.dir = (dir == null ? defaultDatabase() : dir).toAbsolutePath();
        this.certutilGiven = certutil;
        this.certutil = certutil != null ? Path.of(certutil) : Programs.find("certutil");
    }

    private String db() {
        return "sql:" + dir;
    }

    @Override
    public String name() {
        return "nss:" + dir;
    }

    @Override
    public boolean systemWide() {
        return false;
    }

    @Override
    public String unavailable() {
        if (certutil == null) {
            return "NSS certutil not found on PATH (install it: sudo apt-get install libnss3-tools, or dnf install nss-tools; "
                    + "or give it with --certutil PATH)";
        }
        if (!Files.isExecutable(certutil)) {
            return "NSS certutil " + certutilGiven + " does not exist or is not executable (install libnss3-tools, or fix --certutil)";
        }
        if (!Files.isRegularFile(dir.resolve("cert9.db"))) {
            return "no NSS database in " + dir + " (create one: certutil -N --empty-password -d sql:" + dir
                    + ", or start Chromium once; Firefox keeps a database per profile: --into firefox)";
        }
        if (!Files.isWritable(dir.resolve("cert9.db"))) {
            return "cannot write " + dir.resolve("cert9.db") + ": permission denied (run as the database's owner)";
        }
        return null;
    }

    @Override
    public boolean contains(TrustRoot root) {
        return Programs.run(List.of(certutil.toString(), "-L", "-d", db(), "-n", root.alias())).ok();
    }

    @Override
    public List<String> planAdd(TrustRoot root) {
        return List.of("certutil -A -d " + db() + " -t C,, -n " + root.alias() + " -i <" + root.subject() + ">");
    }

    @Override
    public List<String> planRemove(TrustRoot root) {
        return List.of("certutil -D -d " + db() + " -n " + root.alias());
    }

    @Override
    public void add(TrustRoot root) {
        withPem(root, pem -> Programs.require("add " + root.alias() + " to the NSS database " + dir,
                List.of(certutil.toString(), "-A", "-d", db(), "-t", "C,,", "-n", root.alias(), "-i", pem.toString())));
    }

    @Override
    public void remove(TrustRoot root) {
        Programs.require("delete " + root.alias() + " from the NSS database " + dir,
                List.of(certutil.toString(), "-D", "-d", db(), "-n", root.alias()));
    }

    @Override
    public List<Entry> list() {
        Programs.Result r = Programs.require("list the NSS database " + dir, List.of(certutil.toString(), "-L", "-d", db()));
        List<Entry> out = new ArrayList<>();
        boolean body = false;
        for (String line : r.output().split("\n")) {
            if (line.contains("SSL,S/MIME,JAR/XPI")) {
                body = true;
                continue;
            }
            Matcher m = LIST_LINE.matcher(line);
            if (!body || !m.matches()) {
                continue;
            }
            String nick = m.group(1).strip();
            String subject = null;
            String sha256 = null;
            if (nick.startsWith(TrustRoot.PREFIX)) {
                Programs.Result pem = Programs.run(List.of(certutil.toString(), "-L", "-d", db(), "-n", nick, "-a"));
                if (pem.ok()) {
                    var cert = Pem.parseCertificates(pem.output().getBytes(StandardCharsets.US_ASCII), nick).get(0);
                    subject = cert.getSubjectX500Principal().getName();
                    sha256 = TrustRoot.digest(cert, "SHA-256");
                }
            }
            out.add(new Entry(nick, subject, sha256, nick.startsWith(TrustRoot.PREFIX)));
        }
        return out;
    }

    @Override
    public Verification verify(TrustRoot root, TrustCheck check) {
        Path vfychain = certutil.resolveSibling("vfychain");
        if (!Files.isExecutable(vfychain)) {
            Programs.Result r = Programs.run(List.of(certutil.toString(), "-V", "-d", db(), "-n", root.alias(), "-u", "L"));
            return new Verification(r.ok(), "certutil -V -u L -n " + root.alias() + ": " + r.firstLine());
        }
        Programs.Result[] result = new Programs.Result[1];
        withPem(check.leaf(root).certificate(), leaf -> result[0] = Programs.run(List.of(vfychain.toString(),
                "-d", db(), "-u", "1", "-p", "-a", leaf.toString())));
        Programs.Result r = result[0];
        boolean ok = r.ok() && r.output().contains("Chain is good");
        return new Verification(ok, "vfychain -d " + db() + " -u 1 (leaf for " + TrustCheck.CHECK_HOST + "): "
                + (ok ? "Chain is good" : r.output().strip().replace('\n', ' ')));
    }

    private static void withPem(TrustRoot root, java.util.function.Consumer<Path> action) {
        withPem(root.certificate(), action);
    }

    private static void withPem(java.security.cert.X509Certificate cert, java.util.function.Consumer<Path> action) {
        try {
            Path tmp = Files.createTempFile("pkilab-", ".pem");
            try {
                Files.write(tmp, Pem.encodeBytes(cert));
                action.accept(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write a temporary file: " + e.getMessage());
        }
    }
}
