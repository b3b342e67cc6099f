package pkilab.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pkilab.BadInputException;
import pkilab.ca.KeyType;
import pkilab.ca.Names;
import pkilab.ca.SignatureHash;
import pkilab.ca.TimeSpec;
import pkilab.ca.internal.X509Maker;
import pkilab.config.YamlDoc;
import pkilab.scenario.ServerSide.ChainPart;
import pkilab.scenario.ServerSide.Issuer;
import pkilab.verdict.ClientProfile;

/** The checks a scenario file passes after binding, each failing with file, line and field. */
final class ScenarioChecks {
    private ScenarioChecks() {
    }

    static void check(YamlDoc doc, Scenario s, String fileStem, Map<String, ClientProfile> clients, Instant now) {
        if (s.id() == null || !s.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw doc.fail("id", "expected a lower-case id like 'self-signed', found '" + s.id() + "'");
        }
        if (!s.id().equals(fileStem)) {
            throw doc.fail("id", "id '" + s.id() + "' does not match the file name '" + fileStem + ".yaml' (name the file after the scenario)");
        }
        text(doc, "title", s.title());
        if (s.title().contains("\n")) {
            throw doc.fail("title", "a title is one line (put the details into story:)");
        }
        text(doc, "story", s.story());
        text(doc, "fix", s.fix());
        if (s.cause() == null) {
            throw doc.fail("cause", "missing: which cause of KB 954584 this shows (1, 2 or none)");
        }
        if (s.server() == null) {
            throw doc.fail("server", "missing: what the server presents");
        }
        if (s.client() == null) {
            throw doc.fail("client", "missing: the URL and the client profile");
        }
        server(doc, s.server(), now);
        client(doc, s, clients);
        if (s.server().tls().sniRequired() && !s.needsOwnListener()) {
            throw doc.fail("server.tls.sni", "clients send the name of '" + s.host() + "' in SNI, so requiring it shows nothing:"
                    + " give the URL an IP address (https://127.0.0.9/…) or a single-label name, which arrive without SNI");
        }
        expectations(doc, s, clients);
    }

    private static void text(YamlDoc doc, String field, String value) {
        if (value == null || value.isBlank()) {
            throw doc.fail(field, "missing (every scenario states its " + field + ")");
        }
    }

    private static void server(YamlDoc doc, ServerSide srv, Instant now) {
        if (srv.issuer() == null) {
            throw doc.fail("server.issuer", "missing: self, enterprise, public, expired-intermediate, not-a-ca, untrusted-root or constrained-root");
        }
        for (int i = 0; i < srv.dns().size(); i++) {
            int at = i;
            guard(doc, "server.dns[" + i + "]", () -> Names.dns(srv.dns().get(at)));
        }
        for (int i = 0; i < srv.ip().size(); i++) {
            int at = i;
            guard(doc, "server.ip[" + i + "]", () -> Names.ip(srv.ip().get(at)));
        }
        if (srv.dns().isEmpty() && srv.ip().isEmpty() && srv.cn() == null) {
            throw doc.fail("server", "the certificate needs a name: give dns:, ip: or cn:");
        }
        if (srv.noSan() && srv.cn() == null && srv.dns().isEmpty()) {
            throw doc.fail("server.noSan", "without a subjectAltName the name must stand in the CN: give cn:");
        }
        Instant nb = srv.notBefore() == null ? null : guard(doc, "server.notBefore", () -> TimeSpec.instant(srv.notBefore(), now));
        Instant na = srv.notAfter() == null ? null : guard(doc, "server.notAfter", () -> TimeSpec.instant(srv.notAfter(), now));
        if (nb != null && na != null && !na.isAfter(nb)) {
            throw doc.fail("server.notAfter", "'" + srv.notAfter() + "' is not after notBefore '" + srv.notBefore() + "'");
        }
        if (srv.key() != null) {
            guard(doc, "server.key", () -> KeyType.parse(srv.key()));
        }
        if (srv.signature() != null) {
            guard(doc, "server.signature", () -> SignatureHash.parse(srv.signature()));
        }
        if (srv.keyUsage() != null) {
            for (int i = 0; i < srv.keyUsage().size(); i++) {
                if (!X509Maker.KEY_USAGES.containsKey(srv.keyUsage().get(i))) {
                    throw doc.fail("server.keyUsage[" + i + "]", "unknown keyUsage '" + srv.keyUsage().get(i)
                            + "' (expected one of " + String.join(", ", X509Maker.KEY_USAGES.keySet()) + ")");
                }
            }
        }
        if (srv.extKeyUsage() != null) {
            for (int i = 0; i < srv.extKeyUsage().size(); i++) {
                int at = i;
                guard(doc, "server.extKeyUsage[" + i + "]", () -> X509Maker.ekuOid(srv.extKeyUsage().get(at)));
            }
        }
        if (srv.revoked() != ServerSide.Revoked.NONE && !srv.issuer().isLabCa()) {
            throw doc.fail("server.revoked", "only the lab's CAs (issuer: enterprise or public) keep records to revoke in; issuer is " + srv.issuer().id());
        }
        if (srv.revocationUrls() != ServerSide.RevocationUrls.LAB && !srv.issuer().isLabCa()) {
            throw doc.fail("server.revocationUrls", "only leaves of the lab's CAs (issuer: enterprise or public) carry CRL/OCSP pointers");
        }
        if (srv.issuer() == Issuer.CONSTRAINED_ROOT) {
            if (srv.permittedNames().isEmpty()) {
                throw doc.fail("server.permittedNames", "issuer constrained-root needs the DNS names its root may vouch for, e.g. [fabrikam.test]");
            }
            for (int i = 0; i < srv.permittedNames().size(); i++) {
                int at = i;
                guard(doc, "server.permittedNames[" + i + "]", () -> Names.dns(srv.permittedNames().get(at).replaceFirst("^\\.", "")));
            }
        } else if (!srv.permittedNames().isEmpty()) {
            throw doc.fail("server.permittedNames", "only issuer constrained-root has name constraints of its own");
        }
        if (srv.emptySubject() && srv.dns().isEmpty() && srv.ip().isEmpty()) {
            throw doc.fail("server.emptySubject", "a certificate with an empty subject needs its names in dns: or ip:");
        }
        if (srv.emptySubject() && (srv.cn() != null || srv.noSan())) {
            throw doc.fail("server.emptySubject", "an empty subject has no CN and needs its subjectAltName: leave out cn and noSan");
        }
        if (srv.aia() != ServerSide.Aia.LAB && !srv.issuer().isLabCa()) {
            throw doc.fail("server.aia", "only leaves of the lab's CAs (issuer: enterprise or public) carry a caIssuers URL");
        }
        if (srv.policies() != null) {
            for (int i = 0; i < srv.policies().size(); i++) {
                String oid = srv.policies().get(i);
                if (oid == null || !oid.matches("[0-2](\\.(0|[1-9][0-9]{0,17}))+")) {
                    throw doc.fail("server.policies[" + i + "]", "expected a policy OID like 2.23.140.1.1, found '" + oid + "'");
                }
            }
        }
        for (int i = 0; i < srv.extensions().size(); i++) {
            pkilab.ca.CertTemplate.RawExtension e = srv.extensions().get(i);
            if (e == null || e.id == null || !e.id.matches("[0-2](\\.(0|[1-9][0-9]{0,17}))+")) {
                throw doc.fail("server.extensions[" + i + "].id", "expected an extension OID like 1.3.6.1.4.1.55555.1, found '"
                        + (e == null ? null : e.id) + "'");
            }
            if (e.value == null || e.value.isBlank()) {
                throw doc.fail("server.extensions[" + i + "].value", "missing: hex DER (0500), utf8:TEXT, bmp:TEXT or int:N");
            }
        }
        if (srv.clientAuth() != null) {
            if (srv.clientAuth().issuer() == null) {
                throw doc.fail("server.clientAuth.issuer", "missing: the lab CA whose client certificates the server accepts (enterprise or public)");
            }
            if (srv.clientAuth().issuer() != Issuer.ENTERPRISE && srv.clientAuth().issuer() != Issuer.PUBLIC) {
                throw doc.fail("server.clientAuth.issuer", "expected enterprise or public (a lab CA that issues client certificates), found '"
                        + srv.clientAuth().issuer().id() + "'");
            }
        }
        if (srv.staples() && !srv.issuer().isLabCa()) {
            throw doc.fail("server.staple", "only the lab's CAs (issuer: enterprise or public) answer OCSP, so only their leaves can be stapled; issuer is "
                    + srv.issuer().id());
        }
        sends(doc, srv);
        tls(doc, srv.tls());
    }

    private static void tls(YamlDoc doc, ServerTls tls) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tls.versions().size(); i++) {
            String v = tls.versions().get(i);
            if (!ServerTls.VERSIONS.contains(v)) {
                throw doc.fail("server.tls.versions[" + i + "]", "unknown protocol '" + v + "' (expected "
                        + String.join(", ", ServerTls.VERSIONS) + ")");
            }
            if (!seen.add(v)) {
                throw doc.fail("server.tls.versions[" + i + "]", "'" + v + "' is listed twice");
            }
        }
        if (tls.ciphers().isEmpty()) {
            return;
        }
        if (tls.versions().isEmpty() || tls.versions().contains("TLSv1.3")) {
            throw doc.fail("server.tls.ciphers", "TLS 1.3 suites cannot be narrowed (a TLS 1.3 server accepts all three):"
                    + " with ciphers: give versions up to TLSv1.2, e.g. versions: [TLSv1.2]");
        }
        for (int i = 0; i < tls.ciphers().size(); i++) {
            String c = tls.ciphers().get(i);
            if (!ServerTls.knownCiphers().contains(c)) {
                throw doc.fail("server.tls.ciphers[" + i + "]", "unknown cipher suite '" + c
                        + "' (expected an IANA name of TLS 1.2 or below, e.g. TLS_RSA_WITH_3DES_EDE_CBC_SHA or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            }
            if (!seen.add(c)) {
                throw doc.fail("server.tls.ciphers[" + i + "]", "'" + c + "' is listed twice");
            }
        }
    }

    private static void sends(YamlDoc doc, ServerSide srv) {
        List<ChainPart> sends = srv.sends();
        if (sends.isEmpty() || sends.get(0) != ChainPart.LEAF) {
            throw doc.fail("server.sends", "a server sends its own certificate first: start the list with leaf");
        }
        Set<ChainPart> seen = new HashSet<>();
        for (int i = 0; i < sends.size(); i++) {
            ChainPart p = sends.get(i);
            if (!seen.add(p)) {
                throw doc.fail("server.sends[" + i + "]", "'" + p.id() + "' is listed twice");
            }
            if (p == ChainPart.INTERMEDIATE && !srv.issuer().hasIntermediate()) {
                throw doc.fail("server.sends[" + i + "]", "issuer " + srv.issuer().id() + " has no intermediate CA (its root signs the leaf)");
            }
            if (p == ChainPart.ROOT && srv.issuer() == Issuer.SELF) {
                throw doc.fail("server.sends[" + i + "]", "a self-signed certificate is its own root: send [leaf]");
            }
        }
    }

    private static void client(YamlDoc doc, Scenario s, Map<String, ClientProfile> clients) {
        ClientSide c = s.client();
        if (c.url() == null) {
            throw doc.fail("client.url", "missing: the URL the client calls, e.g. https://exch01.contoso.test/EWS/Exchange.asmx");
        }
        URI u;
        try {
            u = new URI(c.url());
        } catch (URISyntaxException e) {
            throw doc.fail("client.url", "not a URL: '" + c.url() + "'");
        }
        if (!"https".equals(u.getScheme()) || u.getHost() == null) {
            throw doc.fail("client.url", "expected https://HOST/PATH, found '" + c.url() + "'");
        }
        if (u.getPort() != -1 || u.getUserInfo() != null) {
            throw doc.fail("client.url", "leave the port out of '" + c.url() + "': the server picks its ports and puts them into the URL");
        }
        String host = u.getHost();
        if (host.endsWith(".")) {
            // SNI carries no trailing dot: the JDK refuses to send one, other clients drop it
            throw doc.fail("client.url", "write the host without its trailing dot: '" + host + "' → '"
                    + host.substring(0, host.length() - 1) + "'");
        }
        guard(doc, "client.url", () -> Names.isIpLiteral(host) ? Names.ip(host) : Names.dns(host));
        if (host.startsWith("*")) {
            throw doc.fail("client.url", "a URL names one host, not a wildcard");
        }
        if (c.profile() == null) {
            throw doc.fail("client.profile", "missing: which client profile connects (" + String.join(", ", clients.keySet()) + ")");
        }
        if (!clients.containsKey(c.profile())) {
            throw doc.fail("client.profile", "unknown client profile '" + c.profile() + "' (known: " + String.join(", ", clients.keySet()) + ")");
        }
        if (c.presents() != null && s.server().clientAuth() == null) {
            throw doc.fail("client.presents", "the server asks for no client certificate: give server.clientAuth: {issuer: enterprise}, or leave presents out");
        }
        for (int i = 0; i < c.alsoTrusts().size(); i++) {
            if (c.alsoTrusts().get(i) == ClientSide.ExtraTrust.ROOT && s.server().issuer() == Issuer.SELF) {
                throw doc.fail("client.alsoTrusts[" + i + "]", "a self-signed certificate has no root above it: write leaf");
            }
        }
    }

    private static void expectations(YamlDoc doc, Scenario s, Map<String, ClientProfile> clients) {
        if (s.expect().isEmpty()) {
            throw doc.fail("expect", "missing: the verdict per client profile, e.g. {others: {fail: self-signed}}");
        }
        for (String key : s.expect().keySet()) {
            if (!key.equals(Scenario.OTHERS) && !clients.containsKey(key)) {
                throw doc.fail("expect." + key, "unknown client profile '" + key + "' (known: "
                        + String.join(", ", clients.keySet()) + ", or " + Scenario.OTHERS + ")");
            }
        }
        for (String profile : clients.keySet()) {
            if (s.expectFor(profile) == null) {
                throw doc.fail("expect", "no verdict for client profile '" + profile + "': add it, or an '" + Scenario.OTHERS + "' entry");
            }
        }
    }

    private static <T> T guard(YamlDoc doc, String field, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (BadInputException e) {
            throw doc.fail(field, e.getMessage());
        }
    }
}
