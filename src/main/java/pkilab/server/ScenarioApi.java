package pkilab.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.ca.CaRecords;
import pkilab.ca.Lab;
import pkilab.pem.Pem;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.Scenario;
import pkilab.scenario.Expectation;

/**
 * {@code GET /api/scenarios}: every served scenario as JSON — story, the URL with its real
 * port, the chain, the expected verdict per client profile and copy-paste commands — and
 * {@code GET /api/scenarios/<id>/trust.pem}: the roots a curl/OpenSSL client of that scenario
 * trusts, for {@code --cacert}. The dashboard is drawn from the same JSON.
 */
public final class ScenarioApi {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The profile whose roots the copy-paste curl/openssl commands use. */
    static final String COMMAND_PROFILE = "openssl";

    private final byte[] json;
    private final Map<String, byte[]> trust = new LinkedHashMap<>();

    public ScenarioApi(List<ServedScenario> served, Map<String, ClientProfile> clients, Lab lab, RunningServer server) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode srv = root.putObject("server");
        srv.put("address", server.address());
        srv.put("httpsPort", server.httpsPort());
        srv.put("httpPort", server.httpPort());
        srv.put("pkiUrl", server.pkiUrl());
        srv.put("pkiBaseUrl", server.pkiBaseUrl());
        srv.put("labHome", lab.home().root().toString());
        ArrayNode cl = root.putArray("clients");
        clients.values().forEach(c -> cl.addObject().put("id", c.id()).put("description", c.description()));
        ArrayNode sets = root.putArray("categories");
        for (Scenario.Category c : Scenario.Category.values()) {
            sets.addObject().put("id", c.id()).put("title", c.title());
        }
        ArrayNode list = root.putArray("scenarios");
        for (ServedScenario s : served) {
            list.add(scenario(s, clients, server));
            trust.put(s.scenario().id(), Pem.encodeBytes(trustedBy(s, clients.get(COMMAND_PROFILE), lab)));
        }
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode scenario(ServedScenario served, Map<String, ClientProfile> clients, RunningServer server) {
        Scenario sc = served.scenario();
        Site site = served.site();
        int port = server.portOf(site.id());
        String address = server.addressOf(site.id());
        String url = sc.url(port);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", sc.id());
        n.put("title", sc.title());
        n.put("story", sc.story());
        n.put("cause", sc.cause() == null ? "none" : sc.cause().id());
        n.put("category", sc.category().id());
        n.put("categoryTitle", sc.category().title());
        n.put("fix", sc.fix());
        n.put("configuredUrl", sc.client().url());
        n.put("url", url);
        n.put("host", sc.host());
        n.put("address", address);
        n.put("port", port);
        n.put("sni", !site.ownListener());
        n.put("profile", sc.client().profile());
        // the client imported this scenario's own certificate, or holds a client certificate of its own
        // (mutual TLS): a browser trusting the lab's roots is not that client, so the page does not compare
        boolean presents = sc.client().presenting() != pkilab.scenario.ClientSide.Presents.NONE;
        n.put("ownTrust", !served.alsoTrusted().isEmpty() || presents);
        n.put("notCompared", presents ? "its client presents a client certificate this browser does not hold"
                : !served.alsoTrusted().isEmpty() ? "its client imported this server's own certificate or root" : null);
        ObjectNode expect = n.putObject("expect");
        for (String id : clients.keySet()) {
            Expectation v = sc.expectFor(id);
            if (v != null) {
                ObjectNode e = expect.putObject(id);
                e.put("pass", v.pass());
                if (v.diagnosis() != null) {
                    e.put("diagnosis", v.diagnosis().id());
                }
                if (v.why() != null) {
                    e.put("why", v.why());
                }
            }
        }
        ArrayNode chain = n.putArray("chain");
        List<X509Certificate> full = served.fullChain();
        for (int i = 0; i < full.size(); i++) {
            X509Certificate c = full.get(i);
            boolean self = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            ObjectNode cn = chain.addObject();
            cn.put("role", i == 0 ? "leaf" : self ? "root" : "intermediate");
            cn.put("subject", c.getSubjectX500Principal().getName());
            cn.put("issuer", c.getIssuerX500Principal().getName());
            cn.put("serial", CaRecords.hex(c.getSerialNumber()));
            cn.put("notBefore", c.getNotBefore().toInstant().toString());
            cn.put("notAfter", c.getNotAfter().toInstant().toString());
            cn.put("signature", c.getSigAlgName());
            cn.put("sent", site.chain().contains(c));
        }
        n.put("sentCount", site.chain().size());
        ObjectNode cmd = n.putObject("commands");
        String trustUrl = server.pkiUrl() + "/api/scenarios/" + sc.id() + "/trust.pem";
        String hostPort = (sc.host().contains(":") ? "[" + sc.host() + "]" : sc.host()) + ":" + port;
        cmd.put("trust", "curl -so trust.pem " + trustUrl);
        cmd.put("curl", "curl --resolve " + hostPort + ":" + address.replace("[", "").replace("]", "")
                + " --cacert trust.pem -X POST " + url);
        cmd.put("openssl", "openssl s_client -connect " + address + ":" + port
                + (site.ownListener() ? "" : " -servername " + sc.host())
                + " -CAfile trust.pem -verify_hostname " + sc.host() + " -showcerts </dev/null");
        cmd.put("powershell", "Invoke-WebRequest -Uri " + url + " -Method Post -UseBasicParsing"
                + "   # needs '" + address + " " + sc.host() + "' in the hosts file");
        return n;
    }

    private static List<X509Certificate> trustedBy(ServedScenario s, ClientProfile p, Lab lab) {
        List<X509Certificate> out = new ArrayList<>();
        if (p != null) {
            for (String caId : p.trusts()) {
                if (lab.isInitialised(caId)) {
                    out.add(Pem.readCertificates(lab.certPath(caId)).get(0));
                }
            }
        }
        out.addAll(s.alsoTrusted());
        return out;
    }

    /** The handler for {@code /api/scenarios} (exact path). */
    public HttpHandler list() {
        return ex -> {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            ex.getResponseSender().send(ByteBuffer.wrap(json));
        };
    }

    /** The handler for the prefix {@code /api/scenarios/}: {@code <id>/trust.pem}. */
    public HttpHandler perScenario() {
        return ex -> {
            String rel = ex.getRelativePath().startsWith("/") ? ex.getRelativePath().substring(1) : ex.getRelativePath();
            int slash = rel.indexOf('/');
            byte[] pem = slash < 0 ? null : trust.get(rel.substring(0, slash));
            if (pem == null || !rel.endsWith("/trust.pem")) {
                ExchangeEndpoints.status(ex, StatusCodes.NOT_FOUND, "not found; try /api/scenarios/<id>/trust.pem\n");
                return;
            }
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-pem-file");
            ex.getResponseSender().send(ByteBuffer.wrap(pem));
        };
    }

    /** The JSON text, for tests and {@code pkilab run}. */
    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
