package pkilab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import pkilab.ca.Lab;
import pkilab.ca.Names;
import pkilab.report.RunReport;
import pkilab.scenario.ClientSide;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ServerSide;

/**
 * The article's resolution, shown working: each chosen scenario as it is, then with its fix
 * applied in a scratch copy of the lab, and the same client profiles and real clients again.
 * The fix is KB 954584's resolutions 1 and 2 at once: a server certificate from a CA the
 * clients trust naming exactly the host the URL uses, as a DNS name or an IP address — the
 * lab's public CA (sent with its intermediate), or for a single-label NetBIOS name, which no
 * public CA may certify, the enterprise CA (so the fix is for domain members only); the
 * client trusts nothing extra. The user's lab
 * home is only read: the CAs are copied, and the fixed certificates are made in the copy.
 *
 * <pre>
 *   self-signed  email-router  fail self-signed  →  pass
 *   self-signed  dotnet        fail              →  pass
 * </pre>
 */
public final class FixRun {
    /** One line of the comparison: a profile (or a real client) before and after the fix. */
    public record Change(String scenario, String client, String before, String after) {
        public boolean fixed() {
            return after.startsWith("pass");
        }
    }

    private final Lab lab;
    private final ScenarioCatalogue catalogue;
    private final Path serverDir;
    private final Consumer<String> progress;

    public FixRun(Lab lab, ScenarioCatalogue catalogue, Path serverDir, Consumer<String> progress) {
        this.lab = lab;
        this.catalogue = catalogue;
        this.serverDir = serverDir;
        this.progress = progress;
    }

    /**
     * The scenario with its server certificate replaced by a good one for its URL, no extra
     * trust, and its server's TLS settings back to the lab's defaults (TLS 1.0 to 1.3, the
     * JDK's suites, no SNI required): a correctly configured server. For a client that is
     * the old one (tls12-required-old-router) that is not the advice: its fix is on the client.
     */
    public static Scenario fixed(Scenario s) {
        String host = java.net.URI.create(s.client().url()).getHost();
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ip = Names.isIpLiteral(host);
        // a single-label (NetBIOS) name is no public name: only the enterprise CA may vouch for it
        ServerSide.Issuer issuer = !ip && !host.contains(".") ? ServerSide.Issuer.ENTERPRISE : ServerSide.Issuer.PUBLIC;
        ServerSide good = new ServerSide(issuer, ip ? List.of() : List.of(host), ip ? List.of(host) : List.of(),
                null, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                s.server().clientAuth(), null);
        // a server that wants a client certificate still wants one: the fix gives the client a good one
        ClientSide client = new ClientSide(s.client().url(), s.client().profile(), List.of(),
                s.server().clientAuth() == null ? null : ClientSide.Presents.VALID);
        return new Scenario(s.id(), s.title(), s.story(), s.cause(), s.category(), good, client, s.expect(), s.fix());
    }

    /** Runs the options' scenarios before and after the fix; one change per profile and per real client. */
    public List<Change> run(CatalogueRun.Options o) {
        RunReport before = new CatalogueRun(lab, catalogue, serverDir, progress).run(o);
        List<Scenario> chosen = o.scenarioIds().isEmpty() ? catalogue.scenarios() : o.scenarioIds().stream().map(catalogue::scenario).toList();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("pkilab-fix-");
            copyTree(lab.home().root(), scratch);
            Lab copy = new Lab(new pkilab.ca.LabHome(scratch), lab.profiles());
            ScenarioCatalogue fixedCatalogue = catalogue.replacing(chosen.stream().map(FixRun::fixed).toList());
            progress.accept("applying the fix in a scratch copy of the lab (" + scratch + ") …");
            RunReport after = new CatalogueRun(copy, fixedCatalogue, serverDir, progress).run(o);
            return changes(before, after);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch copy of the lab: " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    static List<Change> changes(RunReport before, RunReport after) {
        Map<String, String> later = new LinkedHashMap<>();
        for (RunReport.Result r : after.scenarios()) {
            later.put(r.id() + "\u0000" + r.client(), r.actual());
            if (r.clients() != null) {
                r.clients().forEach(c -> later.putIfAbsent(r.id() + "\u0000" + c.name(), c.actual()));
            }
        }
        List<Change> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunReport.Result r : before.scenarios()) {
            if (seen.add(r.id() + "\u0000" + r.client())) {
                out.add(new Change(r.id(), r.client(), r.actual(), later.getOrDefault(r.id() + "\u0000" + r.client(), "?")));
            }
            if (r.clients() != null) {
                for (RunReport.ClientRun c : r.clients()) {
                    if (!"skipped".equals(c.actual()) && seen.add(r.id() + "\u0000" + c.name())) {
                        out.add(new Change(r.id(), c.name(), c.actual(), later.getOrDefault(r.id() + "\u0000" + c.name(), "?")));
                    }
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temp folder is harmless
        }
    }
}
