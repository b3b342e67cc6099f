package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;
import pkilab.clients.ClientOutcome.Status;
import pkilab.testing.TestLabs;

/**
 * Benchmark (bench/clients.sh): per client, the median wall time of one run (start the client,
 * handshake, one request) against one local server, over {@code pkilab.bench.runs} runs; then
 * what every client prints for a few more failure kinds. Off unless the property is set.
 */
@EnabledIfSystemProperty(named = "pkilab.bench.runs", matches = "\\d+")
class ClientBench {
    @Test
    void medianTimePerRun() throws Exception {
        int n = Integer.parseInt(System.getProperty("pkilab.bench.runs"));
        Lab lab = TestLabs.shared();
        Path root = lab.certPath("public-root");
        IssuedCertificate mail = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        try (TestHttpsServer server = TestHttpsServer.https(mail.key(), mail.serverChain())) {
            ClientTarget t = ClientTarget.of("https://mail.contoso.test/EWS/Exchange.asmx", server.address(), List.of(root));
            System.out.printf("%n%-9s %5s %9s %9s %9s  %s%n", "client", "runs", "median ms", "min ms", "max ms", "verdicts");
            List<ClientDriver> installed = ClientDrivers.byName(System.getProperty("pkilab.bench.clients", "all")).stream()
                    .filter(d -> d.available().installed()).toList();
            for (ClientDriver d : installed) {
                List<Long> ms = new ArrayList<>();
                Map<Status, Integer> verdicts = new LinkedHashMap<>();
                d.run(t, Duration.ofSeconds(30)); // warm-up: page cache, JIT of the driver
                for (int i = 0; i < n; i++) {
                    ClientOutcome o = d.run(t, Duration.ofSeconds(30));
                    ms.add(o.millis());
                    verdicts.merge(o.verdict(), 1, Integer::sum);
                    if (o.verdict() != Status.PASS) {
                        System.out.println("  not a pass: " + o + " exit " + o.exitCode());
                    }
                }
                Collections.sort(ms);
                System.out.printf("%-9s %5d %9d %9d %9d  %s%n", d.name(), n, ms.get(n / 2), ms.get(0), ms.get(n - 1), verdicts);
            }
            for (int parallelism : new int[] {1, 2}) {
                long start = System.nanoTime();
                List<ClientOutcome> all = ClientDrivers.runAll(ClientDrivers.runs(installed, List.of(t)), Duration.ofSeconds(30), parallelism);
                System.out.printf("all %d installed clients once, %d at a time: %d ms wall (%d pass)%n", installed.size(), parallelism,
                        (System.nanoTime() - start) / 1_000_000, all.stream().filter(o -> o.verdict() == Status.PASS).count());
            }
        }
        if (System.getProperty("pkilab.bench.clients") == null) {
            messages(lab, root);
        }
    }

    /** What each client prints for more failure kinds: material for the diagnosis engine's emulation. */
    private static void messages(Lab lab, Path root) throws Exception {
        Instant now = Instant.now();
        Map<String, IssuedCertificate> cases = new LinkedHashMap<>();
        cases.put("expired", lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .notBefore(now.minus(Duration.ofDays(100))).notAfter(now.minus(Duration.ofDays(10)))));
        cases.put("not-yet-valid", lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .notBefore(now.plus(Duration.ofDays(10))).notAfter(now.plus(Duration.ofDays(100)))));
        cases.put("wrong-usage (clientAuth only)", lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test")
                .extKeyUsage(List.of("clientAuth"))));
        cases.put("rsa-1024 leaf", lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test").key(KeyType.RSA_1024)));
        cases.put("outside name constraints (www.example.com)", lab.issue(new LeafRequest().ca("public").dns("www.example.com")));
        for (Map.Entry<String, IssuedCertificate> e : cases.entrySet()) {
            IssuedCertificate c = e.getValue();
            String host = c.certificate().getSubjectAlternativeNames().iterator().next().get(1).toString();
            try (TestHttpsServer server = TestHttpsServer.https(c.key(), c.serverChain())) {
                ClientTarget t = ClientTarget.of("https://" + host + "/", server.address(), List.of(root));
                System.out.println("\n== " + e.getKey());
                for (ClientOutcome o : ClientDrivers.runAll(ClientDrivers.runs(ClientDrivers.all(), List.of(t)), Duration.ofSeconds(30), 2)) {
                    System.out.println("  " + o);
                }
            }
        }
    }
}
