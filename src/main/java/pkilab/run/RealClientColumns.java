package pkilab.run;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import pkilab.clients.ClientDriver;
import pkilab.clients.ClientDrivers;
import pkilab.clients.ClientOutcome;
import pkilab.clients.ClientTarget;
import pkilab.verdict.DiagnosisResult;
import pkilab.report.RunReport;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.Scenario;

/**
 * Real clients beside the engine's predictions, telling the same story as the profiles.
 *
 * <p>Whether a certificate is good depends on the machine as much as on the program: the
 * same curl refuses the contoso.test AD CS certificate on a workgroup PC (whose root store
 * lacks the enterprise root) and accepts it on a domain member. So each real client stands
 * in for the machine of one client profile — the scenario's own profile, or the first one
 * {@code --as} names — and runs with exactly that profile's roots. Where the profile checks
 * revocation and the client can fetch CRLs or OCSP answers by itself (openssl
 * {@code -crl_check} and curl {@code --crlfile} with the CRLs at the chain's distribution
 * points, Java with {@code checkRevocation}), it checks too; the others run as they are
 * installed, without a revocation check, and so does curl when no CRL could be fetched.
 *
 * <p>The prediction for a real client is the engine's verdict for the client's own stack
 * (curl → the {@code openssl} profile, chromium → {@code browser}…) on that machine: the
 * stack's rules with the machine's roots and the revocation checking the client really did.
 */
final class RealClientColumns {
    private final Function<String, ClientProfile> profiles;
    private final BiFunction<Scenario, ClientProfile, DiagnosisResult> judge;
    private final BiFunction<Scenario, ClientProfile, Path> trustFile;
    private final Function<Scenario, InetSocketAddress> addressOf;
    private final Map.Entry<String, InetSocketAddress> pki;
    private final Function<Scenario, Path> crls;
    private final BiFunction<Scenario, ClientDriver, List<String>> emulation;
    private final Consumer<String> progress;
    private Function<Scenario, java.util.function.UnaryOperator<ClientTarget>> clientSide = s -> t -> t;

    /**
     * @param profiles  client profiles by id
     * @param judge     the engine's verdict on a scenario for a profile (a real handshake)
     * @param trustFile a PEM file with the roots a profile trusts for a scenario
     * @param addressOf where a scenario's server listens
     * @param pki       the lab's {@code pki.lab.test:80} and where it really is
     * @param crls      a PEM file with the CRLs found at a scenario's distribution points, or null
     * @param emulation for a real .NET runtime, what the emulation says each .NET profile would see; else null
     */
    RealClientColumns(Function<String, ClientProfile> profiles, BiFunction<Scenario, ClientProfile, DiagnosisResult> judge,
                      BiFunction<Scenario, ClientProfile, Path> trustFile, Function<Scenario, InetSocketAddress> addressOf,
                      Map.Entry<String, InetSocketAddress> pki, Function<Scenario, Path> crls,
                      BiFunction<Scenario, ClientDriver, List<String>> emulation, Consumer<String> progress) {
        this.crls = crls;
        this.emulation = emulation;
        this.profiles = profiles;
        this.judge = judge;
        this.trustFile = trustFile;
        this.addressOf = addressOf;
        this.pki = pki;
        this.progress = progress;
    }

    /**
     * Mutual TLS: how a scenario's target changes when its server asks for a client
     * certificate (the certificate and key files the client presents, or none). If unset: no change.
     */
    RealClientColumns clientSide(Function<Scenario, java.util.function.UnaryOperator<ClientTarget>> side) {
        this.clientSide = side;
        return this;
    }

    /** The profile whose machine the real clients stand in for: the scenario's own when it is judged, else the first asked. */
    static String beside(Scenario s, List<String> askedProfiles) {
        String own = s.client().profile();
        return askedProfiles.isEmpty() || askedProfiles.contains(own) ? own : askedProfiles.get(0);
    }

    /**
     * A client's own stack on another profile's machine: the stack's rules (less the order
     * rules the client does not follow), the machine's roots, and the machine's revocation
     * checking if the client can do it (both clients that can, openssl and Java, refuse when
     * no answer comes: hard-fail).
     */
    static ClientProfile onMachineOf(ClientProfile stack, ClientProfile machine, boolean clientChecksRevocation, List<String> notFollowed) {
        ClientProfile.Revocation r = machine.revocation() == ClientProfile.Revocation.OFF || !clientChecksRevocation
                ? ClientProfile.Revocation.OFF : ClientProfile.Revocation.HARD;
        List<String> adds = stack.adds().stream().filter(a -> !notFollowed.contains(a)).toList();
        return new ClientProfile(stack.id(), stack.description(), stack.family(), machine.trusts(), stack.aiaFetch(), r,
                stack.cnFallback(), stack.sha1(), stack.minRsaBits(), stack.anchorNameConstraints(), stack.tlsVersions(),
                stack.refusesCiphers(), adds, stack.skips());
    }

    List<RunReport.Result> add(List<RunReport.Result> results, List<Scenario> scenarios, List<String> askedProfiles,
                               List<ClientDriver> drivers, Duration timeout) {
        // a profile already judged in this run needs no second handshake to predict its client
        Map<String, String> judged = new LinkedHashMap<>();
        for (RunReport.Result r : results) {
            judged.put(r.id() + "/" + r.client(), r.actual());
        }
        List<ClientDrivers.ClientRun> runs = new ArrayList<>();
        List<RunReport.ClientRun> planned = new ArrayList<>();
        Map<String, String> predicted = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            ClientProfile machine = profiles.apply(beside(s, askedProfiles));
            boolean checks = machine.revocation() != ClientProfile.Revocation.OFF;
            Path crlFile = checks ? crls.apply(s) : null;
            for (ClientDriver d : drivers) {
                ClientProfile stack = profiles.apply(d.profileId());
                // curl cannot check without CRLs fetched for it (an LDAP-only distribution point)
                boolean revocation = checks && d.revocationSettings() != null && (crlFile != null || !d.revocationNeedsCrls());
                ClientProfile p = onMachineOf(stack, machine, revocation, d.skipsOfProfile());
                String key = s.id() + "/" + p.id() + "/" + p.trusts() + "/" + p.revocation().id() + "/" + p.adds();
                String pred = predicted.get(key);
                if (pred == null) {
                    pred = p.equals(stack) ? judged.get(s.id() + "/" + stack.id()) : null;
                    if (pred == null) {
                        var failures = judge.apply(s, p).failures();
                        pred = failures.isEmpty() ? "pass" : "fail " + failures.get(0).id();
                    }
                    predicted.put(key, pred);
                }
                String fault = pred.startsWith("fail ") ? pred.substring("fail ".length()) : null;
                ClientTarget t = clientSide.apply(s).apply(ClientTarget.of(s.client().url(), addressOf.apply(s),
                        List.of(trustFile.apply(s, p))).resolving(pki.getKey(), pki.getValue()));
                runs.add(new ClientDrivers.ClientRun(d, revocation ? t.checkingRevocation(crlFile) : t));
                planned.add(new RunReport.ClientRun(d.name(), fault == null ? "pass" : "fail", null, false, null, null,
                        emulation.apply(s, d), machine.id(), p.trusts(), revocation ? d.revocationSettings() : null, fault, null));
            }
        }
        progress.accept("running " + runs.size() + " real client connections");
        List<ClientOutcome> outcomes = ClientDrivers.runAll(runs, timeout, ClientDrivers.defaultParallelism());
        Map<String, List<RunReport.ClientRun>> byScenario = new LinkedHashMap<>();
        int i = 0;
        for (Scenario s : scenarios) {
            List<RunReport.ClientRun> list = new ArrayList<>();
            for (int k = 0; k < drivers.size(); k++, i++) {
                ClientOutcome o = outcomes.get(i);
                RunReport.ClientRun plan = planned.get(i);
                String actual = o.verdict().id();
                // both failed: do the client's words mean the fault the engine said it would name?
                Boolean named = plan.fault() == null || o.verdict() != ClientOutcome.Status.FAIL ? null
                        : o.diagnoses().stream().anyMatch(x -> x.id().equals(plan.fault()));
                list.add(new RunReport.ClientRun(plan.name(), plan.predicted(), actual, actual.equals(plan.predicted()), o.message(),
                        o.verdict() == ClientOutcome.Status.SKIPPED ? null : o.millis(), plan.emulated(), plan.beside(),
                        plan.trusts(), plan.revocation(), plan.fault(), named));
            }
            byScenario.put(s.id(), list);
        }
        List<RunReport.Result> out = new ArrayList<>();
        for (RunReport.Result r : results) {
            out.add(new RunReport.Result(r.id(), r.title(), r.cause(), r.url(), r.client(), r.expected(), r.actual(), r.findings(),
                    r.asExpected(), r.why(), r.fix(), r.emulated(), r.chain(), byScenario.get(r.id())));
        }
        return out;
    }
}
