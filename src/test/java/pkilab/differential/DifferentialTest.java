package pkilab.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Repo;
import pkilab.verdict.Diagnosis;

/**
 * pkilab against the validators it speaks for. Every corpus case goes through each real
 * validator installed here (openssl verify, its -x509_strict mode, GnuTLS certtool, NSS
 * vfychain, the JDK's PKIX trust manager) and through pkilab under the profile that models
 * it; any disagreement not written down in {@code documented.yaml} fails the test, and so does
 * an entry there that no longer disagrees. The matrix goes to {@code target/differential/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    private static final Path OUT = Repo.root().resolve("target").resolve("differential");
    private static final Path DOCUMENTED = Repo.root().resolve("src/test/resources/pkilab/differential/documented.yaml");

    private List<Case> cases;
    private final List<Validator> running = new ArrayList<>();
    /** validator name → case id → its outcome. */
    private final Map<String, Map<String, Validator.Outcome>> real = new ConcurrentHashMap<>();
    private final Matrix matrix = new Matrix();
    private Documented documented;

    @BeforeAll
    void judgeEveryCase(@TempDir Path work) throws Exception {
        cases = Corpus.all(Instant.now());
        documented = Documented.load(DOCUMENTED);
        for (Validator v : List.of(new OpenSslVerify(false), new OpenSslVerify(true), new GnuTlsCerttool(),
                new NssVfychain(work.resolve("nss")), new JdkPkix(), new ChromiumHandshake(work.resolve("chromium")))) {
            String why = v.unavailable();
            if (why == null) {
                running.add(v);
                real.put(v.name(), new ConcurrentHashMap<>());
            } else {
                matrix.skipped.put(v.name(), why);
            }
        }
        // external programs are mostly process start-up: three at a time keeps two cores busy
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Case c : cases) {
                jobs.add(pool.submit(() -> {
                    CaseFiles f = new CaseFiles(c, work.resolve("cases"));
                    for (Validator v : running) {
                        real.get(v.name()).put(c.id(), v.judge(f));
                    }
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        PkilabJudge pkilab = new PkilabJudge(Repo.root());
        for (Case c : cases) {
            for (Validator v : running) {
                Validator.Outcome o = real.get(v.name()).get(c.id());
                if (!o.ran()) {
                    matrix.notRun.computeIfAbsent(v.name(), k -> new LinkedHashMap<>()).put(c.id(), o.text());
                    continue;
                }
                PkilabJudge.Judgement j = pkilab.judge(c, v.profile());
                List<String> theirs = pkilab.family(v.profile()).read(o.text()).stream().map(Diagnosis::id).toList();
                matrix.rows.add(new Matrix.Row(c.id(), c.rule(), c.description(), v.profile(), v.name(), o.verdict(), o.text(),
                        j.verdict(), j.diagnoses(), j.named() == null ? null : j.named().id(), theirs));
            }
        }
        matrix.write(OUT.resolve("matrix.json"), cases.size());
        String summary = matrix.summaryText(cases.size()) + validatorsAmongThemselves();
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("summary.txt"), summary);
        System.out.println(summary);
    }

    @Test
    void theCorpusIsAtLeast150CasesInTwinsCoveringEveryRule() {
        assertTrue(cases.size() >= 150, "expected at least 150 cases, found " + cases.size());
        Map<String, List<String>> byTwin = new LinkedHashMap<>();
        for (Case c : cases) {
            assertTrue(c.id().matches("[a-z0-9-]+/(pass|fail)"), "case id " + c.id() + " is not kebab-case/pass|fail");
            byTwin.computeIfAbsent(c.twin(), k -> new ArrayList<>()).add(c.id().substring(c.id().indexOf('/') + 1));
        }
        byTwin.forEach((t, v) -> assertEquals(List.of("pass", "fail"), v, "twin " + t));
        for (int i = 0; i < cases.size(); i += 2) {
            Case pass = cases.get(i);
            Case fail = cases.get(i + 1);
            boolean same = pass.host().equals(fail.host()) && sameDer(pass.chain(), fail.chain()) && sameDer(pass.anchors(), fail.anchors());
            assertTrue(!same, "twin " + pass.twin() + ": both variants are the same chain, trust and host");
        }
        Set<String> rules = cases.stream().map(Case::rule).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("basic-constraints", "critical-extension", "eku", "empty-name", "extension-uniqueness",
                "hostname", "key-identifiers", "key-usage", "malformed", "name-constraints", "path-building", "path-length", "policy",
                "serial", "signature", "time-encoding", "validity", "version", "weak-algorithm")), rules);
    }

    private static boolean sameDer(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void pkilabAgreesWithEachRealValidatorOrTheDifferenceIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        Set<Documented.Entry> used = new LinkedHashSet<>();
        for (Matrix.Row r : matrix.rows) {
            Documented.Entry e = documented.entryFor(r.profile(), r.caseId());
            if (!r.agree() && e == null) {
                undocumented.add(String.format("%s [%s]: %s says %s (%s), pkilab %s %s", r.caseId(), r.profile(), r.validator(),
                        r.validatorVerdict(), r.validatorText(), r.pkilabVerdict(), r.pkilabDiagnoses()));
            } else if (!r.agree()) {
                used.add(e);
            }
        }
        Set<String> ran = running.stream().map(Validator::profile).collect(Collectors.toSet());
        List<String> stale = documented.documented().stream().filter(e -> ran.contains(e.profile()) && !used.contains(e))
                .map(e -> e.profile() + " " + e.glob() + " (documented.yaml): no longer disagrees; remove the entry").toList();
        if (!undocumented.isEmpty() || !stale.isEmpty()) {
            List<String> all = new ArrayList<>(stale);
            all.addAll(undocumented);
            fail(undocumented.size() + " undocumented disagreements, " + stale.size() + " stale entries (matrix: "
                    + OUT.resolve("matrix.json") + "):\n  " + String.join("\n  ", all.subList(0, Math.min(all.size(), 60)))
                    + (all.size() > 60 ? "\n  … and " + (all.size() - 60) + " more" : ""));
        }
    }

    /**
     * Where both refuse, the validator's own words (read with its client family's table) must
     * name the fault pkilab says that client names: the first failure in the family's check
     * order. This proves the emulated messages and the check orders, not only the verdicts.
     */
    @Test
    void whereBothRefuseTheValidatorNamesTheFaultPkilabPredicts() {
        List<String> problems = new ArrayList<>();
        Set<Documented.Entry> used = new LinkedHashSet<>();
        for (Matrix.Row r : matrix.rows) {
            if (!r.bothFail() || r.sameFault()) {
                continue;
            }
            Documented.Entry e = documented.faultFor(r.profile(), r.caseId());
            if (e == null) {
                problems.add(String.format("%s [%s]: %s names %s (%s), pkilab predicts %s", r.caseId(), r.profile(), r.validator(),
                        r.validatorNames(), r.validatorText(), r.named()));
            } else {
                used.add(e);
            }
        }
        Set<String> ran = running.stream().map(Validator::profile).collect(Collectors.toSet());
        documented.faults().stream().filter(e -> ran.contains(e.profile()) && !used.contains(e))
                .forEach(e -> problems.add(e.profile() + " " + e.glob() + " (documented.yaml faults): names the same fault now; remove the entry"));
        assertTrue(problems.isEmpty(), problems.size() + " fault(s) named differently:\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyTwinIsToldApartByAtLeastOneRealValidator() {
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            if (!c.isFailVariant()) {
                continue;
            }
            String pass = c.twin() + "/pass";
            boolean apart = real.values().stream().anyMatch(m -> m.get(pass).ran() && m.get(c.id()).ran()
                    && m.get(pass).pass() != m.get(c.id()).pass());
            Documented.Twin known = documented.indistinct(c.twin());
            if (!apart && known == null) {
                problems.add(c.twin() + ": every validator gives both variants the same verdict, so the twin proves nothing"
                        + " (change the fail variant, or list it under indistinct: with why)");
            } else if (apart && known != null && !real.isEmpty()) {
                problems.add(c.twin() + ": listed under indistinct: in documented.yaml, but a validator now tells the variants apart");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** For each twin where the real validators differ among themselves: each one's verdict on pass and fail. */
    private String validatorsAmongThemselves() {
        StringBuilder sb = new StringBuilder("twins the real validators judge differently (pass-variant/fail-variant):\n");
        for (Case c : cases) {
            if (!c.isFailVariant()) {
                continue;
            }
            Set<String> pairs = new LinkedHashSet<>();
            StringBuilder line = new StringBuilder();
            for (Validator v : running) {
                Validator.Outcome p = real.get(v.name()).get(c.twin() + "/pass");
                Validator.Outcome f = real.get(v.name()).get(c.id());
                String pair = p.verdict() + "/" + f.verdict();
                if (p.ran() && f.ran()) {
                    pairs.add(pair);
                }
                line.append(String.format(" %s=%s", v.profile(), pair));
            }
            if (pairs.size() > 1) {
                sb.append(String.format("  %-40s%s%n", c.twin(), line));
            }
        }
        return sb.toString();
    }
}
