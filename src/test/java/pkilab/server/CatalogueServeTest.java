package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pkilab.ca.Lab;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.scenario.ScenarioMaterial;
import pkilab.scenario.ScenarioPki;
import pkilab.testing.Cli;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;

/**
 * The whole catalogue served at once, as {@code pkilab serve} does: every scenario's host
 * answers a handshake presenting exactly the chain its material says, at the address and
 * port the server reports for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueServeTest {
    Lab lab;
    ScenarioPki.Materials materials;
    RunningServer server;

    @BeforeAll
    void start() {
        lab = TestPki.lab();
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        materials = ScenarioPki.materialise(lab, catalogue, m -> { });
        List<ServedScenario> served = new ArrayList<>();
        for (ScenarioMaterial m : materials.all()) {
            served.add(new ServedScenario(m.scenario(), ScenarioServer.site(m.scenario(), m.serverChain(), m.serverKey()),
                    m.fullChain(), m.extraTrust()));
        }
        server = ScenarioServer.start(LabServer.builder().pki(lab), lab, served, catalogue.clients(), Repo.root().resolve("server"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    Stream<String> scenarioIds() {
        return materials.all().stream().map(ScenarioMaterial::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioIds")
    void theScenarioHostPresentsItsChain(String id) throws Exception {
        ScenarioMaterial m = materials.get(id);
        TlsClient client = new TlsClient(List.of(m.root()));
        String address = server.addressOf(id);
        int port = server.portOf(id);
        if (m.scenario().server().tls().sniRequired()) {
            // a hello without SNI is refused before anything is sent
            javax.net.ssl.SSLException e = org.junit.jupiter.api.Assertions.assertThrows(javax.net.ssl.SSLException.class,
                    () -> client.connect(address, port, m.host(), false).close());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("unrecognized_name"), e.getMessage());
            assertEquals(List.of(), client.received, id);
            return;
        }
        try {
            client.connect(address, port, m.host(), !m.needsOwnListener()).close();
        } catch (SSLException expectedForBrokenChains) {
            // many scenarios fail validation on purpose; what was sent is recorded either way
        }
        assertEquals(m.serverChain(), client.received, id + " at " + address + ":" + port);
        assertEquals(port, server.portFor(m.host()));
    }

    @Test
    void theTwoTierIssuingCaIsWhereItsLeafsAiaSays() throws Exception {
        ScenarioMaterial m = materials.get("adcs-issuing-ca-not-sent");
        assertEquals(1, m.serverChain().size(), "the server sends the leaf only");
        X509Certificate leaf = m.serverChain().get(0);
        String url = pkilab.ca.internal.AiaReader.caIssuers(leaf).stream().filter(u -> u.startsWith("http")).findFirst().orElseThrow();
        assertTrue(url.endsWith("/aia/adcs-issuing-ca-not-sent.crt"), url);
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.pkiUrl() + "/aia/adcs-issuing-ca-not-sent.crt")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        X509Certificate issuing = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(r.body()));
        assertEquals("CN=contoso-SUB01-CA,DC=contoso,DC=test", issuing.getSubjectX500Principal().getName());
        leaf.verify(issuing.getPublicKey());
        issuing.verify(m.root().getPublicKey());
        assertEquals(404, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.pkiUrl() + "/aia/expired.crt")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(), "only two-tier issuing CAs are published");
    }

    @Test
    void curlAndOpensslSeeTheCatalogueAsTheArticleSays(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pkilab.testing.Tools.available("curl") && pkilab.testing.Tools.available("openssl"));
        Path trust = dir.resolve("trust.pem");
        pkilab.testing.Tools.Run got = pkilab.testing.Tools.run(List.of("curl", "-sS", "-o", trust.toString(),
                server.pkiUrl() + "/api/scenarios/commercial/trust.pem"));
        assertEquals(0, got.exit(), got.output());
        for (String id : List.of("commercial", "self-signed")) {
            String host = materials.get(id).host();
            int port = server.portOf(id);
            pkilab.testing.Tools.Run r = pkilab.testing.Tools.run(List.of("curl", "-sS", "--resolve", host + ":" + port + ":127.0.0.1",
                    "--cacert", trust.toString(), "-X", "POST", "https://" + host + ":" + port + "/EWS/Exchange.asmx"));
            if (id.equals("commercial")) {
                assertEquals(0, r.exit(), r.output());
                assertTrue(r.output().contains("GetFolderResponseMessage"), r.output());
            } else {
                assertEquals(60, r.exit(), r.output());
            }
        }
        // the revoked-ocsp leaf is revoked in the public CA's records, the commercial one is good
        Path issuer = dir.resolve("public.pem");
        Files.write(issuer, pkilab.pem.Pem.encodeBytes(lab.ca("public").certificate()));
        for (String id : List.of("revoked-ocsp", "commercial")) {
            Path leaf = dir.resolve(id + ".pem");
            Files.write(leaf, pkilab.pem.Pem.encodeBytes(materials.get(id).leaf()));
            pkilab.testing.Tools.Run r = pkilab.testing.Tools.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(),
                    "-cert", leaf.toString(), "-url", server.pkiUrl() + "/ocsp/public", "-CAfile", trust.toString()));
            assertTrue(r.output().contains("Response verify OK"), r.output());
            assertTrue(r.output().contains(id.equals("commercial") ? ": good" : ": revoked"), id + ": " + r.output());
        }
    }

    @Test
    void headlessChromiumRendersOneRowPerScenario(@org.junit.jupiter.api.io.TempDir Path profile) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pkilab.testing.Tools.available("chromium"), "chromium not installed");
        List<String> base = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000");
        List<String> dump = new java.util.ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", server.dashboardUrl()));
        pkilab.testing.Tools.Run r = pkilab.testing.Tools.run(dump, 90);
        assertTrue(r.output().contains("data-ready=\"true\""), r.output());
        assertEquals(materials.all().size(), r.output().split("<section class=\"scenario\"", -1).length - 1, r.output());
        assertTrue(r.output().contains("Exchange's default self-signed certificate"), r.output());
        // a picture for people to look at
        java.nio.file.Path shot = Repo.root().resolve("target/dashboard.png");
        List<String> screenshot = new java.util.ArrayList<>(base);
        screenshot.addAll(List.of("--window-size=1280,2400", "--screenshot=" + shot, server.dashboardUrl()));
        pkilab.testing.Tools.run(screenshot, 90);
        assertTrue(java.nio.file.Files.size(shot) > 10_000, "screenshot written to " + shot);
    }

    @Test
    void everyScenarioHasAReadyLine() {
        assertEquals(materials.all().size(), server.readyLines().size());
        for (ScenarioMaterial m : materials.all()) {
            assertTrue(server.readyLines().stream().anyMatch(l -> l.startsWith(m.scenario().client().url() + " ")
                    && l.endsWith("→  " + server.addressOf(m.id()) + ":" + server.portOf(m.id()))), m.id());
        }
    }

    @Test
    void serveStartsTheCatalogueFromTheCommandLineAndStops() {
        Cli.Result r = Cli.run(lab.home().root(), "serve", "--https-port", "0", "--http-port", "0", "--stop-after", "0s");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("https://exch01.contoso.test/EWS/Exchange.asmx"), r.out());
        assertTrue(r.out().matches("(?s).*https://exch01/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.1:\\d+.*"), r.out());
        assertTrue(r.out().contains(materials.all().size() + " reused, 0 made"), r.out());
        assertTrue(r.out().contains("Stopped after 0s."), r.out());
    }

    @Test
    void aBadServerYamlStopsServeWithFileLineAndField(@org.junit.jupiter.api.io.TempDir Path config) throws Exception {
        for (String dir : List.of("ca", "scenarios", "server")) {
            copy(Repo.root().resolve(dir), config.resolve(dir));
        }
        Path yaml = config.resolve("server/server.yaml");
        String text = Files.readString(yaml);
        Files.writeString(yaml, text.replace("httpPort: 8080", "httpPort: 99999"));
        int line = lineOf(Files.readString(yaml), "httpPort: 99999");
        Cli.Result r = Cli.runWithConfig(config, "--lab", lab.home().root().toString(), "serve", "--stop-after", "0s");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("server.yaml:" + line + ": field 'httpPort': port 99999 is out of range"), r.err());
        assertTrue(!r.err().contains("at pkilab."), r.err());

        Files.writeString(yaml, text.replace("httpPort: 8080", "htpPort: 8080"));
        Cli.Result typo = Cli.runWithConfig(config, "--lab", lab.home().root().toString(), "serve", "--stop-after", "0s");
        assertEquals(2, typo.exit(), typo::toString);
        assertTrue(typo.err().contains("server.yaml:" + lineOf(Files.readString(yaml), "htpPort") + ": unknown field 'htpPort'")
                || typo.err().contains("field 'htpPort'"), typo.err());

        Files.writeString(yaml, text.replace("tlsEngine: auto", "tlsEngine: openssl"));
        Cli.Result engine = Cli.runWithConfig(config, "--lab", lab.home().root().toString(), "serve", "--stop-after", "0s");
        assertEquals(2, engine.exit(), engine::toString);
        assertTrue(engine.err().contains("server.yaml:" + lineOf(Files.readString(yaml), "tlsEngine: openssl")
                + ": field 'tlsEngine': unknown TLS engine 'openssl' (expected auto, boringssl or jdk)"), engine.err());

        Files.writeString(yaml, text);
        Cli.Result flag = Cli.runWithConfig(config, "--lab", lab.home().root().toString(), "serve", "--stop-after", "0s",
                "--https-port", "0", "--http-port", "0", "--tls-engine", "schannel");
        assertEquals(2, flag.exit(), flag::toString);
        assertEquals("pkilab: --tls-engine: unknown TLS engine 'schannel' (expected auto, boringssl or jdk)", flag.err().strip());
    }

    @Test
    void contradictoryPortsAndAPastStopAreRefusedBeforeListening() {
        Cli.Result same = Cli.run(lab.home().root(), "serve", "--stop-after", "0s", "--https-port", "5000", "--http-port", "5000");
        assertEquals(2, same.exit(), same::toString);
        assertEquals("pkilab: the HTTPS and HTTP ports are both 5000 (--https-port and --http-port); give them different ports, or 0 for free ones",
                same.err().strip());
        Cli.Result past = Cli.run(lab.home().root(), "serve", "--stop-after", "-5s", "--https-port", "0", "--http-port", "0");
        assertEquals(2, past.exit(), past::toString);
        assertTrue(past.err().contains("--stop-after -5s is in the past"), past::toString);
    }

    @Test
    void serveSaysWhichTlsEngineAnswers() {
        Cli.Result jdk = Cli.run(lab.home().root(), "serve", "--stop-after", "0s",
                "--https-port", "0", "--http-port", "0", "--tls-engine", "jdk");
        assertEquals(0, jdk.exit(), jdk::toString);
        assertTrue(jdk.out().contains("\nTLS        the JDK (SunJSSE)\n"), jdk.out());
        Cli.Result auto = Cli.run(lab.home().root(), "serve", "--stop-after", "0s",
                "--https-port", "0", "--http-port", "0");
        assertEquals(0, auto.exit(), auto::toString);
        assertTrue(auto.out().contains("\nTLS        BoringSSL (native, through netty-tcnative)\n"), auto.out());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
