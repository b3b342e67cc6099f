package pkilab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.pem.Pem;
import pkilab.testing.Cli;
import pkilab.testing.Repo;
import pkilab.testing.TestLabs;

/**
 * Random and mutated input for every kind of input pkilab reads: scenario YAML, client
 * profiles, CA profiles, PEM/DER chains, flag values and damaged lab homes. Whatever the
 * input, pkilab must end with exit 0, 1 or 2 — never 70 (internal error) — say a bad input
 * in one line without a stack trace, return within a bound, and leave the files the user
 * made as they were.
 *
 * <p>Bounded for the build: {@code -Dfuzz.count=N} inputs per kind (default 150), seeded by
 * {@code -Dfuzz.seed} (default fixed, so a failure reproduces); {@code bench/fuzz.sh} runs a
 * long round.
 */
class InputFuzzTest {
    private static final int COUNT = Integer.getInteger("fuzz.count", 150);
    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final long BOUND_SECONDS = 20;
    private static final Map<String, int[]> OUTCOMES = new LinkedHashMap<>();
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-runner");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    static Path dir;
    private static Path lab;
    private static byte[] chainPem;
    private static byte[] rootPem;

    @BeforeAll
    static void material() throws Exception {
        lab = TestLabs.shared().home().root();
        IssuedCertificate mail = TestLabs.shared().issue(new LeafRequest().ca("public").dns("fuzz.contoso.test"));
        chainPem = Pem.encodeBytes(mail.serverChain());
        rootPem = Pem.encodeBytes(TestLabs.shared().ca("public-root").certificate());
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("fuzz outcomes (seed " + SEED + ", " + COUNT + " per kind):");
        int total = 0;
        for (Map.Entry<String, int[]> e : OUTCOMES.entrySet()) {
            int[] o = e.getValue();
            total += o[0] + o[1] + o[2];
            sb.append(String.format("%n  %-22s exit0 %5d  exit1 %5d  exit2 %5d", e.getKey(), o[0], o[1], o[2]));
        }
        sb.append(String.format("%n  total %d inputs", total));
        System.out.println(sb);
    }

    /** Runs one input with a time bound and checks the promise; returns the result. */
    private static Cli.Result check(String kind, String input, List<Path> userFiles, Path config, String... args) {
        Map<Path, String> before = digests(userFiles);
        Future<Cli.Result> f = RUNNER.submit(() -> config == null ? Cli.run(lab, args) : Cli.runWithConfig(config, args));
        Cli.Result r;
        try {
            r = f.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(kind + ": no answer within " + BOUND_SECONDS + " s for " + input + " (" + String.join(" ", args) + ")");
        } catch (Exception e) {
            throw new AssertionError(kind + ": the run threw for " + input, e);
        }
        String where = kind + " input " + input + " (" + String.join(" ", args) + "):\n" + r;
        if (r.exit() > 2 || r.err().contains("\tat ")) {
            keep(userFiles); // so the failure can be replayed: target/fuzz-failures/
        }
        assertTrue(r.exit() >= 0 && r.exit() <= 2, "exit 0, 1 or 2 expected; " + where);
        assertTrue(!r.err().contains("\tat ") && !r.out().contains("\tat "), "no stack trace; " + where);
        if (r.exit() == 2) {
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("pkilab: note:")
                    && !l.startsWith("Try 'pkilab")).toList(); // a usage error's hint to --help is the house style
            assertEquals(1, lines.size(), "bad input is one line; " + where);
        }
        assertEquals(before, digests(userFiles), "the user's files are unchanged; " + where);
        OUTCOMES.computeIfAbsent(kind, k -> new int[3])[r.exit()]++;
        return r;
    }

    private static void keep(List<Path> files) {
        try {
            Path out = Files.createDirectories(Path.of("target", "fuzz-failures"));
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // keeping the input is a courtesy; the assertion below reports the failure either way
        }
    }

    private static Map<Path, String> digests(List<Path> files) {
        Map<Path, String> m = new LinkedHashMap<>();
        for (Path p : files) {
            try {
                m.put(p, Files.isRegularFile(p) ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : "absent");
            } catch (Exception e) {
                m.put(p, "unreadable");
            }
        }
        return m;
    }

    // ---- mutations ----

    private static final String[] ODD = {"", "~", "null", "[]", "{}", "-1", "0", "99999999999999999999999", "1e400", "true",
        "\"\"", "'unterminated", "!!binary AAAA", "*alias", "&anchor x", "\u00e9\u00e8\u4e2d\u6587", "\u202e\u0000", "[1, 2]",
        "{a: b}", "-30d", "+9999999d", "9999-99-99T99:99:99Z", "https://", "rsa-1", "sha0", "*.*.test", "..", "a".repeat(300),
        "- - -", "%YAML 1.2", "---", "..."};

    /** One random edit of a YAML text: a line dropped, doubled, re-indented, a value replaced, the text cut. */
    static String mutateYaml(String yaml, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            switch (rnd.nextInt(8)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, " ".repeat(rnd.nextInt(5)) + line.strip());
                case 3 -> {
                    int colon = line.indexOf(':');
                    lines.set(i, colon < 0 ? line + ODD[rnd.nextInt(ODD.length)] : line.substring(0, colon + 1) + " " + ODD[rnd.nextInt(ODD.length)]);
                }
                case 4 -> lines.set(i, line.replace(":", rnd.nextBoolean() ? "" : "::"));
                case 5 -> lines.add(i, "unknownField" + rnd.nextInt(9) + ": " + ODD[rnd.nextInt(ODD.length)]);
                case 6 -> lines.set(i, line + "\t");
                default -> {
                    String all = String.join("\n", lines);
                    return all.substring(0, rnd.nextInt(all.length() + 1));
                }
            }
        }
        return String.join("\n", lines);
    }

    /** One random edit of bytes: bits flipped, a cut, a range repeated or zeroed. */
    static byte[] mutateBytes(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                    int i = rnd.nextInt(b.length);
                    b[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2 -> {
                int from = rnd.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                b = out;
            }
            case 3 -> {
                int from = rnd.nextInt(b.length);
                Arrays.fill(b, from, Math.min(b.length, from + 1 + rnd.nextInt(32)), (byte) 0);
            }
            default -> {
                byte[] junk = new byte[rnd.nextInt(2048)];
                rnd.nextBytes(junk);
                b = junk;
            }
        }
        return b;
    }

    /** PEM text with the base64 inside a block changed, or a DER certificate changed. */
    static byte[] mutateCertificateFile(Random rnd) {
        if (rnd.nextBoolean()) {
            return mutateBytes(chainPem, rnd);
        }
        // mutate inside the DER so the PEM wrapper stays valid and the certificate parser is what is tested
        List<byte[]> ders = Pem.certificateDers(chainPem, "chain");
        int which = rnd.nextInt(ders.size());
        ders.set(which, mutateBytes(ders.get(which), rnd));
        StringBuilder sb = new StringBuilder();
        for (byte[] d : ders) {
            sb.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(d))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---- the kinds of input ----

    @Test
    void scenarioYaml() throws IOException {
        Random rnd = new Random(SEED);
        List<Path> files;
        try (Stream<Path> s = Files.list(Repo.root().resolve("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("clients.yaml")).sorted().toList();
        }
        Path folder = Files.createDirectories(dir.resolve("scenario-yaml"));
        for (int n = 0; n < COUNT; n++) {
            Path src = files.get(rnd.nextInt(files.size()));
            Path f = folder.resolve(src.getFileName());
            Files.writeString(f, mutateYaml(Files.readString(src), rnd));
            check("scenario YAML", src.getFileName() + "#" + n, List.of(f), null, "scenarios", "validate", f.toString());
            Files.delete(f);
        }
    }

    @Test
    void clientProfilesYaml() throws IOException {
        Random rnd = new Random(SEED + 1);
        String text = Files.readString(Repo.root().resolve("scenarios/clients.yaml"));
        Path folder = Files.createDirectories(dir.resolve("clients-yaml"));
        Path f = folder.resolve("clients.yaml");
        for (int n = 0; n < COUNT; n++) {
            Files.writeString(f, mutateYaml(text, rnd));
            check("clients.yaml", "#" + n, List.of(f), null, "scenarios", "validate", f.toString());
        }
    }

    @Test
    void caProfilesYaml() throws IOException {
        Random rnd = new Random(SEED + 2);
        Path config = dir.resolve("config");
        copyTree(Repo.root().resolve("ca"), config.resolve("ca"));
        copyTree(Repo.root().resolve("scenarios"), config.resolve("scenarios"));
        copyTree(Repo.root().resolve("server"), config.resolve("server"));
        List<Path> profiles;
        try (Stream<Path> s = Files.list(config.resolve("ca"))) {
            profiles = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Path emptyLab = dir.resolve("empty-lab");
        for (int n = 0; n < COUNT; n++) {
            Path f = profiles.get(rnd.nextInt(profiles.size()));
            String original = Files.readString(f);
            Files.writeString(f, mutateYaml(original, rnd));
            check("CA profile YAML", f.getFileName() + "#" + n, List.of(f), config, "--lab", emptyLab.toString(), "ca", "list");
            Files.writeString(f, original);
        }
    }

    @Test
    void certificateFiles() throws IOException {
        Random rnd = new Random(SEED + 3);
        Path root = dir.resolve("root.pem");
        Files.write(root, rootPem);
        String[] profiles = {"email-router", "java", "openssl", "browser", "gnutls", "nss", "openssl-strict", "cabf"};
        for (int n = 0; n < COUNT; n++) {
            Path chain = dir.resolve("chain-" + n + ".pem");
            Files.write(chain, mutateCertificateFile(rnd));
            boolean asTrust = rnd.nextInt(4) == 0;
            if (asTrust) {
                check("PEM/DER file", "trust#" + n, List.of(chain, root), null, "diagnose", "--chain", root.toString(),
                        "--trust", chain.toString(), "--host", "fuzz.contoso.test", "--as", profiles[rnd.nextInt(profiles.length)]);
            } else {
                check("PEM/DER file", "chain#" + n, List.of(chain, root), null, "diagnose", "--chain", chain.toString(),
                        "--trust", root.toString(), "--host", "fuzz.contoso.test", "--as", profiles[rnd.nextInt(profiles.length)],
                        "--format", rnd.nextBoolean() ? "json" : "text");
            }
            Files.delete(chain);
        }
    }

    @Test
    void flagValues() throws IOException {
        Random rnd = new Random(SEED + 4);
        Path chain = dir.resolve("good-chain.pem");
        Files.write(chain, chainPem);
        Path out = dir.resolve("issued");
        for (int n = 0; n < COUNT; n++) {
            String v = rnd.nextBoolean() ? ODD[rnd.nextInt(ODD.length)] : randomToken(rnd);
            String[] args = switch (rnd.nextInt(9)) {
                case 0 -> new String[]{"diagnose", "--chain", chain.toString(), "--host", v};
                case 1 -> new String[]{"diagnose", "--chain", chain.toString(), "--host", "fuzz.contoso.test", "--at", v};
                case 2 -> new String[]{"diagnose", "--chain", chain.toString(), "--host", "fuzz.contoso.test", "--as", v};
                case 3 -> new String[]{"cert", "issue", "--ca", "public", "--dns", v, "--key", "ec-p256", "--out", out.resolve("o" + n).toString()};
                case 4 -> new String[]{"cert", "issue", "--ca", "public", "--dns", "f" + n + ".test", "--key", v, "--out", out.resolve("k" + n).toString()};
                case 5 -> new String[]{"cert", "issue", "--ca", "public", "--dns", "d" + n + ".test", "--key", "ec-p256", "--days", v,
                    "--out", out.resolve("d" + n).toString()};
                case 6 -> new String[]{"cert", "issue", "--ca", "public", "--dns", "e" + n + ".test", "--key", "ec-p256", "--eku", v,
                    "--out", out.resolve("e" + n).toString()};
                case 7 -> new String[]{"scenarios", "show", v};
                default -> new String[]{"probe", v.startsWith("https://") ? v : "https://" + v + ":1/", "--connect", "127.0.0.1:1"};
            };
            check("flag values", "'" + v + "'", List.of(chain), null, args);
        }
    }

    @Test
    void damagedLabHomes() throws IOException {
        Random rnd = new Random(SEED + 5);
        Path source = TestLabs.shared().home().root().resolve("ca");
        for (int n = 0; n < COUNT; n++) {
            Path home = dir.resolve("lab-" + n);
            copyTree(source, home.resolve("ca"));
            List<Path> files;
            try (Stream<Path> s = Files.walk(home.resolve("ca"))) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            Path victim = files.get(rnd.nextInt(files.size()));
            String name = victim.getFileName().toString();
            byte[] data = Files.readAllBytes(victim);
            if (name.endsWith(".json") || name.endsWith(".jsonl")) {
                Files.writeString(victim, mutateYaml(new String(data, StandardCharsets.UTF_8), rnd));
            } else {
                Files.write(victim, mutateBytes(data, rnd));
            }
            String[] args = switch (rnd.nextInt(4)) {
                case 0 -> new String[]{"--lab", home.toString(), "ca", "list"};
                case 1 -> new String[]{"--lab", home.toString(), "ca", "show", "public"};
                case 2 -> new String[]{"--lab", home.toString(), "crl", "--ca", "public"};
                default -> new String[]{"--lab", home.toString(), "cert", "issue", "--ca", rnd.nextBoolean() ? "public" : "enterprise",
                    "--dns", "dmg" + n + ".test", "--key", "ec-p256"};
            };
            check("damaged lab home", home.relativize(victim) + "#" + n, List.of(), Repo.root(), args);
            deleteTree(home);
        }
    }

    private static String randomToken(Random rnd) {
        int len = rnd.nextInt(40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(10);
            sb.append(k < 6 ? (char) ('a' + rnd.nextInt(26)) : k < 8 ? ".-_:/*[]@%".charAt(rnd.nextInt(10)) : (char) (0x20 + rnd.nextInt(0x2000)));
        }
        return sb.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
