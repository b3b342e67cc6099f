package pkilab.server;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import pkilab.ca.Lab;

/**
 * The plain-HTTP side of the lab's CAs, at the URLs their certificates name:
 * <ul>
 *   <li>{@code GET /pki/<ca>.crt} — the CA certificate, DER ({@code application/pkix-cert}):
 *       the AIA caIssuers URL a client follows to fetch an intermediate the server did not send</li>
 *   <li>{@code GET /pki/<ca>.crl} — the CA's current CRL, DER ({@code application/pkix-crl}):
 *       the CRL distribution point</li>
 *   <li>{@code POST /ocsp/<ca>} with an {@code application/ocsp-request} body, or
 *       {@code GET /ocsp/<ca>/<base64 request>} — the CA's OCSP responder (RFC 6960 appendix A)</li>
 * </ul>
 * Everything is read from the lab home on each request, so revoking a certificate with the
 * command line while the server runs shows in the next CRL and OCSP answer.
 */
final class PkiEndpoints {
    /** Largest OCSP request accepted; real ones are a few hundred bytes. */
    private static final int MAX_OCSP_REQUEST = 16 * 1024;

    private PkiEndpoints() {
    }

    static HttpHandler pki(Lab lab) {
        return new BlockingHandler(ex -> {
            String name = ex.getRelativePath().startsWith("/") ? ex.getRelativePath().substring(1) : ex.getRelativePath();
            if (!Methods.GET.equals(ex.getRequestMethod()) && !Methods.HEAD.equals(ex.getRequestMethod())) {
                ExchangeEndpoints.status(ex, StatusCodes.METHOD_NOT_ALLOWED, "use GET\n");
            } else if (name.endsWith(".crt") && known(lab, stem(name))) {
                der(ex, "application/pkix-cert", certificate(lab, stem(name)));
            } else if (name.endsWith(".crl") && known(lab, stem(name))) {
                der(ex, "application/pkix-crl", crl(lab, stem(name)));
            } else {
                notFound(ex, lab, "/pki/" + name);
            }
        });
    }

    static HttpHandler ocsp(Lab lab) {
        return new BlockingHandler(ex -> {
            String rest = ex.getRequestURI().substring(ex.getRequestURI().indexOf("/ocsp/") + "/ocsp/".length());
            int slash = rest.indexOf('/');
            String caId = slash < 0 ? rest : rest.substring(0, slash);
            if (!known(lab, caId)) {
                notFound(ex, lab, "/ocsp/" + caId);
                return;
            }
            byte[] request;
            if (Methods.POST.equals(ex.getRequestMethod())) {
                request = ex.getInputStream().readNBytes(MAX_OCSP_REQUEST + 1);
            } else if (Methods.GET.equals(ex.getRequestMethod()) && slash >= 0) {
                request = fromGetPath(rest.substring(slash + 1));
            } else {
                ExchangeEndpoints.status(ex, StatusCodes.BAD_REQUEST,
                        "send an OCSP request: POST application/ocsp-request, or GET /ocsp/" + caId + "/<base64 DER>\n");
                return;
            }
            if (request.length > MAX_OCSP_REQUEST) {
                ExchangeEndpoints.status(ex, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "OCSP request larger than " + MAX_OCSP_REQUEST + " bytes\n");
                return;
            }
            der(ex, "application/ocsp-response", lab.ocsp(caId, request, Instant.now()));
        });
    }

    /** RFC 6960 A.1: the GET form is the base64 DER, URL-encoded, appended to the responder URL. */
    private static byte[] fromGetPath(String encoded) {
        // '+' is a literal character in a path, not a space as URLDecoder would read it
        String b64 = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.US_ASCII);
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] certificate(Lab lab, String caId) throws CertificateEncodingException {
        return lab.ca(caId).certificate().getEncoded();
    }

    private static byte[] crl(Lab lab, String caId) throws CRLException {
        return lab.crl(caId, Instant.now()).getEncoded();
    }

    private static boolean known(Lab lab, String caId) {
        return lab.caIds().contains(caId) && lab.isInitialised(caId);
    }

    private static String stem(String name) {
        return name.substring(0, name.length() - 4);
    }

    private static void der(HttpServerExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        ex.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void notFound(HttpServerExchange ex, Lab lab, String path) {
        ExchangeEndpoints.status(ex, StatusCodes.NOT_FOUND, "not found: " + path + " (the lab's CAs: "
                + String.join(", ", lab.caIds()) + ")\n");
    }

}
