package pkilab.server;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * What each HTTPS site answers, like an Exchange 2010 Client Access server:
 * <ul>
 *   <li>{@code POST /EWS/Exchange.asmx} — a SOAP GetFolder response (what the E-mail Router calls)</li>
 *   <li>{@code GET /EWS/Services.wsdl} — the service description</li>
 *   <li>{@code POST /autodiscover/autodiscover.xml} — Autodiscover, naming this site's EWS URL</li>
 *   <li>{@code GET /owa/} — a small Outlook Web App page</li>
 *   <li>{@code GET /pkilab/check.gif} — a 1×1 image the dashboard loads to test the site from a browser</li>
 * </ul>
 * Every answer carries {@code X-Pkilab-Site: <site id>}.
 */
final class ExchangeEndpoints {
    static final HttpString SITE_HEADER = new HttpString("X-Pkilab-Site");
    private static final String XML = "text/xml; charset=utf-8";

    private ExchangeEndpoints() {
    }

    static HttpHandler forSite(Site site, ExchangeContent c) {
        HttpHandler autodiscover = ex -> send(ex, XML, fill(c.autodiscover(), ex, site));
        HttpHandler routes = Handlers.routing()
                .post("/EWS/Exchange.asmx", ex -> send(ex, XML, c.getFolderResponse()))
                .get("/EWS/Services.wsdl", ex -> send(ex, XML, fill(c.servicesWsdl(), ex, site)))
                // IIS paths are case-insensitive; clients use both spellings
                .post("/autodiscover/autodiscover.xml", autodiscover)
                .post("/Autodiscover/Autodiscover.xml", autodiscover)
                .get("/owa", ex -> {
                    ex.setStatusCode(StatusCodes.FOUND);
                    ex.getResponseHeaders().put(Headers.LOCATION, "/owa/");
                    ex.endExchange();
                })
                .get("/owa/", ex -> send(ex, "text/html; charset=utf-8", fill(c.owaPage(), ex, site)))
                .get("/pkilab/check.gif", ex -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/gif");
                    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                    ex.getResponseSender().send(ByteBuffer.wrap(c.checkImage()));
                })
                .setFallbackHandler(ex -> status(ex, StatusCodes.NOT_FOUND, "not found: " + ex.getRequestPath()
                        + " (this site answers /EWS/Exchange.asmx, /EWS/Services.wsdl, /autodiscover/autodiscover.xml, /owa/)\n"))
                .setInvalidMethodHandler(ex -> status(ex, StatusCodes.METHOD_NOT_ALLOWED,
                        ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath() + "\n"));
        return ex -> {
            ex.getResponseHeaders().put(SITE_HEADER, site.id());
            routes.handleRequest(ex);
        };
    }

    /**
     * The handler of the shared SNI port: hands each request to the site whose certificate
     * the handshake presented, so the page always belongs to the certificate the client saw,
     * whatever the Host header says.
     */
    static HttpHandler bySessionCertificate(Map<Certificate, HttpHandler> byLeaf) {
        Map<Certificate, HttpHandler> table = new HashMap<>(byLeaf);
        return ex -> {
            SSLSessionInfo info = ex.getConnection().getSslSessionInfo();
            SSLSession session = info == null ? null : info.getSSLSession();
            Certificate[] local = session == null ? null : session.getLocalCertificates();
            HttpHandler h = local == null || local.length == 0 ? null : table.get(local[0]);
            if (h == null) {
                status(ex, 421, "no site for this connection\n");
                return;
            }
            h.handleRequest(ex);
        };
    }

    private static String fill(String template, HttpServerExchange ex, Site site) {
        String host = ex.getHostAndPort();
        return template.replace("{ewsUrl}", "https://" + host + "/EWS/Exchange.asmx")
                .replace("{host}", escape(host))
                .replace("{site}", escape(site.id()));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void send(HttpServerExchange ex, String type, String body) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        ex.getResponseSender().send(body);
    }

    static void status(HttpServerExchange ex, int code, String text) {
        ex.setStatusCode(code);
        send(ex, "text/plain; charset=utf-8", text);
    }
}
