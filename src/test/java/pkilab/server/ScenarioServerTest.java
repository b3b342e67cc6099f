package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.LeafRequest;
import pkilab.pem.Pem;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.testing.Repo;
import pkilab.testing.TestPki;

/** Scenarios of the real catalogue served at once: sites by URL host, /api/scenarios, the dashboard page. */
class ScenarioServerTest {
    static ScenarioCatalogue catalogue;
    static IssuedCertificate commercial;
    static IssuedCertificate ipSan;
    static RunningServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        catalogue = ScenarioCatalogue.load(Repo.root());
        commercial = TestPki.leaf("public", catalogue.scenario("commercial").host());
        ipSan = TestPki.lab().issue(new LeafRequest().ca("public").ip("127.0.0.3").key(KeyType.EC_P256));
        List<ServedScenario> served = List.of(
                served(catalogue.scenario("commercial"), commercial, commercial.serverChain()),
                served(catalogue.scenario("ip-san"), ipSan, ipSan.serverChain()));
        server = ScenarioServer.start(LabServer.builder().pki(TestPki.lab()), TestPki.lab(), served, catalogue.clients(),
                Repo.root().resolve("server"));
    }

    static ServedScenario served(Scenario s, IssuedCertificate c, List<java.security.cert.X509Certificate> sends) {
        List<java.security.cert.X509Certificate> full = new java.util.ArrayList<>();
        full.add(c.certificate());
        full.addAll(c.issuers());
        return new ServedScenario(s, ScenarioServer.site(s, sends, c.key()), full, List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.pkiUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anIpUrlScenarioListensOnItsOwnAddressAndPort() throws Exception {
        assertEquals("127.0.0.3", server.addressOf("ip-san"));
        assertNotEquals(server.httpsPort(), server.portOf("ip-san"));
        TlsClient c = new TlsClient(List.of(ipSan.root()));
        try (SSLSocket s = c.connect("127.0.0.3", server.portOf("ip-san"), "127.0.0.3", false)) {
            assertEquals(ipSan.certificate(), s.getSession().getPeerCertificates()[0]);
        }
        assertTrue(server.readyLines().contains("https://127.0.0.3/EWS/Exchange.asmx             →  127.0.0.3:" + server.portOf("ip-san"))
                || server.readyLines().stream().anyMatch(l -> l.matches("https://127\\.0\\.0\\.3/EWS/Exchange\\.asmx +→  127\\.0\\.0\\.3:"
                        + server.portOf("ip-san"))), server.readyLines().toString());
    }

    @Test
    void theApiListsEachScenarioWithItsRealUrlChainAndVerdicts() throws Exception {
        HttpResponse<String> r = get("/api/scenarios");
        assertEquals(200, r.statusCode());
        JsonNode root = new ObjectMapper().readTree(r.body());
        assertEquals(2, root.get("scenarios").size());
        JsonNode c = root.get("scenarios").get(0);
        assertEquals("commercial", c.get("id").asText());
        assertEquals("https://commercial.contoso.test:" + server.httpsPort() + "/EWS/Exchange.asmx", c.get("url").asText());
        assertTrue(c.get("sni").asBoolean());
        assertEquals(3, c.get("chain").size(), "leaf, intermediate, root");
        assertEquals("root", c.get("chain").get(2).get("role").asText());
        assertTrue(!c.get("chain").get(2).get("sent").asBoolean(), "the root is not sent");
        assertTrue(c.get("expect").get("email-router").get("pass").asBoolean());
        assertTrue(c.get("commands").get("curl").asText().contains("--resolve commercial.contoso.test:" + server.httpsPort() + ":127.0.0.1"));
        JsonNode ip = root.get("scenarios").get(1);
        assertTrue(ip.get("commands").get("openssl").asText().startsWith("openssl s_client -connect 127.0.0.3:" + server.portOf("ip-san") + " -CAfile"),
                ip.get("commands").get("openssl").asText());
    }

    @Test
    void theTrustFileOfAScenarioHoldsTheRootsCurlNeeds() throws Exception {
        HttpResponse<String> r = get("/api/scenarios/commercial/trust.pem");
        assertEquals(200, r.statusCode());
        assertTrue(Pem.parseCertificates(r.body().getBytes(), "trust.pem").contains(commercial.root()));
        assertEquals(404, get("/api/scenarios/nope/trust.pem").statusCode());
    }

    @Test
    void theDashboardIsOneSelfContainedPage() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("fetch(\"/api/scenarios\")"));
        assertTrue(!r.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external URLs");
        assertEquals(404, get("/nothing-here").statusCode());
    }
}
