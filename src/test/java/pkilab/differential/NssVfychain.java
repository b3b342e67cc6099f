package pkilab.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pkilab.testing.Tools;

/**
 * NSS's {@code vfychain -u 1} (certUsageSSLServer): the chain as sent, judged against a
 * throw-away NSS database that trusts the case's roots as SSL CAs ({@code certutil -A -t "C,,"}),
 * at the case's time ({@code -b YYMMDDHHMMZ}). One database per distinct set of roots,
 * made once per run.
 *
 * <p>vfychain checks no host name: NSS leaves that to its caller (Firefox, or
 * {@code CERT_VerifyCertName}), so on the host-name twins this validator passes both variants
 * and the {@code nss} profile's disagreements there are documented, not bugs.
 */
final class NssVfychain implements Validator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmm'Z'").withZone(ZoneOffset.UTC);

    private final Path dbRoot;
    private final Map<String, Path> dbs = new ConcurrentHashMap<>();

    NssVfychain(Path dbRoot) {
        this.dbRoot = dbRoot;
    }

    @Override
    public String profile() {
        return "nss";
    }

    @Override
    public String name() {
        return "vfychain -u 1 (NSS)";
    }

    @Override
    public String unavailable() {
        return Validator.missing("vfychain", "certutil");
    }

    @Override
    public Outcome judge(CaseFiles f) {
        Path db = db(f);
        List<String> cmd = new ArrayList<>(List.of("vfychain", "-d", "sql:" + db, "-u", "1", "-b", TIME.format(f.c.at())));
        for (Path p : f.sentDer()) {
            cmd.add(p.toString());
        }
        Tools.Run r = Tools.run(cmd);
        boolean ok = r.exit() == 0 && r.output().contains("Chain is good");
        return new Outcome(ok, ok ? "Chain is good!" : Validator.lines(r.output(), f.dir.toString(), List.of("ERROR", "rror")));
    }

    private Path db(CaseFiles f) {
        return dbs.computeIfAbsent(key(f.c.anchors()), k -> create(k, f));
    }

    private Path create(String key, CaseFiles f) {
        Path db = dbRoot.resolve("nssdb-" + key);
        try {
            Files.createDirectories(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tools.Run n = Tools.run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password"));
        if (n.exit() != 0) {
            throw new AssertionError("certutil -N failed: " + n.output());
        }
        List<Path> anchors = f.anchorDer();
        for (int i = 0; i < anchors.size(); i++) {
            // a root NSS cannot read stays out of the database; vfychain then says the issuer is unknown
            Tools.run(List.of("certutil", "-A", "-d", "sql:" + db, "-n", "anchor-" + i, "-t", "C,,", "-i", anchors.get(i).toString()));
        }
        return db;
    }

    private static String key(List<byte[]> anchors) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] a : anchors) {
                d.update(a);
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
