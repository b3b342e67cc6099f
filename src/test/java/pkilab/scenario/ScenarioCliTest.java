package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/** {@code pkilab scenarios …} and {@code pkilab hosts} through the real command line, on real files. */
class ScenarioCliTest {
    /** As many as scenarios/clients.yaml defines (other branches add profiles too). */
    private static final int PROFILES = ScenarioCatalogue.load(Repo.root()).clients().size();
    @TempDir
    Path lab;
    @TempDir
    Path folder;

    private Path copy(String id, String as) throws Exception {
        Path target = folder.resolve(as + ".yaml");
        Files.copy(Repo.root().resolve("scenarios").resolve(id + ".yaml"), target);
        return target;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "test set-up: '" + from + "' not in " + file);
        Files.writeString(file, text.replace(from, to));
    }

    /** Exit 2 and one line {@code FILE:LINE: field 'FIELD': …}, without a stack trace. */
    private Cli.Result assertBadInput(String file, int line, String field, String detail) {
        Cli.Result r = Cli.run(lab, "scenarios", "validate", folder.toString());
        assertEquals(2, r.exit(), r::toString);
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), r::toString);
        assertTrue(msg.contains(file + ":" + line + ": field '" + field + "': "), r::toString);
        assertTrue(msg.contains(detail), r::toString);
        assertFalse(r.err().contains("at pkilab."), r::toString);
        return r;
    }

    @Test
    void theRealCatalogueValidates() {
        Cli.Result r = Cli.run(lab, "scenarios", "validate");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("(?s)ok: \\d+ scenario\\(s\\) and " + PROFILES + " client profiles.*"), r::toString);
    }

    @Test
    void oneFileValidatesAgainstTheCataloguesClientProfiles() throws Exception {
        Path f = copy("cn-only", "cn-only");
        Cli.Result ok = Cli.run(lab, "scenarios", "validate", f.toString());
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().startsWith("ok: 1 scenario(s) and " + PROFILES + " client profiles"), ok::toString);
        Path renamed = folder.resolve("cn-only-copy.yaml");
        Files.move(f, renamed);
        Cli.Result bad = Cli.run(lab, "scenarios", "validate", renamed.toString());
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("cn-only-copy.yaml:" + lineOf(renamed, "id: cn-only") + ": field 'id': id 'cn-only' does not match the file name"), bad::toString);
    }

    @Test
    void clientsYamlOnItsOwnIsCheckedAsTheClientProfiles() throws Exception {
        Path clients = folder.resolve("clients.yaml");
        Files.copy(Repo.root().resolve("scenarios/clients.yaml"), clients);
        Cli.Result r = Cli.run(lab, "scenarios", "validate", clients.toString());
        assertEquals(0, r.exit(), "not read as a scenario with an unknown field 'clients': " + r);
        assertTrue(r.out().startsWith("ok: 0 scenario(s) and " + PROFILES + " client profiles"), r::toString);
    }

    @Test
    void aFolderWithoutScenarioFilesOrWithAYmlFileIsNamed() throws Exception {
        Cli.Result empty = Cli.run(lab, "scenarios", "validate", folder.toString());
        assertEquals(2, empty.exit(), "an empty folder is not 'ok: 0 scenarios': " + empty);
        assertTrue(empty.err().contains(": no scenario files (NAME.yaml) in this folder"), empty::toString);
        copy("cn-only", "cn-only");
        Files.copy(Repo.root().resolve("scenarios/expired.yaml"), folder.resolve("expired.yml"));
        Cli.Result yml = Cli.run(lab, "scenarios", "validate", folder.toString());
        assertEquals(2, yml.exit(), "expired.yml was skipped silently: " + yml);
        assertTrue(yml.err().contains("expired.yml: scenario files end in .yaml (rename it: expired.yaml)"), yml::toString);
    }

    @Test
    void anUnknownFieldIsNamedWithFileAndLine() throws Exception {
        Path f = copy("self-signed", "self-signed");
        edit(f, "  sends: [leaf]\n", "  sends: [leaf]\n  colour: red\n");
        int line = lineOf(f, "colour: red");
        assertBadInput("self-signed.yaml", line, "server.colour", "unknown field 'colour'");
    }

    @Test
    void theNewServerFieldsAreCheckedWithFileLineAndField() throws Exception {
        Path f = copy("ev-policy", "ev-policy");
        edit(f, "policies: [2.23.140.1.1]", "policies: [ev]");
        assertBadInput("ev-policy.yaml", lineOf(f, "policies: [ev]"), "server.policies[0]", "expected a policy OID like 2.23.140.1.1, found 'ev'");

        Files.delete(f);
        Path ext = copy("unknown-critical-extension", "unknown-critical-extension");
        edit(ext, "id: 1.3.6.1.4.1.55555.1.1", "id: vendor");
        assertBadInput("unknown-critical-extension.yaml", lineOf(ext, "id: vendor"), "server.extensions[0].id",
                "expected an extension OID like 1.3.6.1.4.1.55555.1, found 'vendor'");

        Files.delete(ext);
        Path aia = copy("aia-wrong-issuer", "aia-wrong-issuer");
        edit(aia, "  issuer: public\n", "  issuer: untrusted-root\n");
        assertBadInput("aia-wrong-issuer.yaml", lineOf(aia, "aia: wrong-issuer"), "server.aia", "only leaves of the lab's CAs");

        Files.delete(aia);
        Path empty = copy("no-subject", "no-subject");
        edit(empty, "  emptySubject: true\n", "  emptySubject: true\n  cn: somebody\n");
        assertBadInput("no-subject.yaml", lineOf(empty, "emptySubject: true"), "server.emptySubject", "an empty subject has no CN");

        Files.delete(empty);
        Path md5 = copy("md5-signature", "md5-signature");
        edit(md5, "signature: md5", "signature: md4");
        assertBadInput("md5-signature.yaml", lineOf(md5, "signature: md4"), "server.signature", "expected md5, sha1, sha256 or sha384");
    }

    @Test
    void aCategoryIsOneOfTheDashboardsSets() throws Exception {
        Path f = copy("expired-root", "expired-root");
        edit(f, "category: chain", "category: chian");
        assertBadInput("expired-root.yaml", lineOf(f, "category: chian"), "category",
                "unknown category 'chian' (expected one of exchange, certificate, names, chain, revocation, protocol, client-certificate)");
    }

    @Test
    void listShowsOneSetWhenAsked() throws Exception {
        Cli.Result chain = Cli.run(lab, "scenarios", "list", "--category", "chain", "--format", "json");
        assertEquals(0, chain.exit(), chain::toString);
        JsonNode rows = new ObjectMapper().readTree(chain.out()).get("scenarios");
        assertTrue(rows.size() > 3, chain::toString);
        for (JsonNode row : rows) {
            assertEquals("chain", row.get("category").asText(), row::toString);
        }
        assertTrue(rows.findValuesAsText("id").contains("incomplete-chain"), chain::toString);
        Cli.Result all = Cli.run(lab, "scenarios", "list", "--format", "json");
        assertTrue(new ObjectMapper().readTree(all.out()).get("scenarios").size() > rows.size(), all::toString);
        Cli.Result bad = Cli.run(lab, "scenarios", "list", "--category", "chians");
        assertEquals(2, bad.exit(), bad::toString);
        assertEquals("pkilab: --category: unknown category 'chians' (expected one of exchange, certificate, names, chain, revocation,"
                + " protocol, client-certificate)", bad.err().strip(), bad::toString);
    }

    @Test
    void aUrlHostWithATrailingDotIsRefused() throws Exception {
        Path f = copy("self-signed", "self-signed");
        edit(f, "url: https://exch01.contoso.test/", "url: https://EXCH01.contoso.test./");
        assertBadInput("self-signed.yaml", lineOf(f, "url: https://EXCH01"), "client.url",
                "write the host without its trailing dot: 'EXCH01.contoso.test.' → 'EXCH01.contoso.test'");
    }

    @Test
    void aBadDiagnosisListsTheKnownOnes() throws Exception {
        Path f = copy("self-signed", "self-signed");
        edit(f, "others: {fail: self-signed}", "others: {fail: self-sined}");
        assertBadInput("self-signed.yaml", lineOf(f, "self-sined"), "expect.others", "unknown diagnosis 'self-sined' (expected one of self-signed,");
    }

    @Test
    void aDuplicateIdNamesTheFileThatHasItAlready() throws Exception {
        copy("self-signed", "self-signed");
        Path dup = copy("self-signed-trusted", "self-signed-twin");
        edit(dup, "id: self-signed-trusted", "id: self-signed");
        assertBadInput("self-signed-twin.yaml", lineOf(dup, "id: self-signed"), "id", "scenario id 'self-signed' is already used by");
    }

    @Test
    void twoScenariosOnOneHostAreRefused() throws Exception {
        copy("commercial", "commercial");
        Path other = copy("expired", "expired");
        edit(other, "https://expired.contoso.test/", "https://COMMERCIAL.contoso.test/");
        assertBadInput("expired.yaml", lineOf(other, "url:"), "client.url", "host 'COMMERCIAL.contoso.test' is already used by scenario 'commercial'");
    }

    @Test
    void anUnknownProfileInExpectAndAMissingVerdictAreRefused() throws Exception {
        Path f = copy("commercial", "commercial");
        edit(f, "  others: pass", "  email-router: pass\n  jvaa: pass");
        assertBadInput("commercial.yaml", lineOf(f, "jvaa"), "expect.jvaa", "unknown client profile 'jvaa'");
        edit(f, "  jvaa: pass", "");
        // a block's line is that of its first entry
        // the first profile in clients.yaml after email-router
        String next = ScenarioCatalogue.load(Repo.root()).clients().keySet().stream().skip(1).findFirst().orElseThrow();
        assertBadInput("commercial.yaml", lineOf(f, "expect:") + 1, "expect", "no verdict for client profile '" + next + "'");
    }

    @Test
    void aClientProfileMustStateEveryField() throws Exception {
        copy("commercial", "commercial");
        Path clients = folder.resolve("clients.yaml");
        Files.copy(Repo.root().resolve("scenarios/clients.yaml"), clients);
        edit(clients, "    aiaFetch: false                # OpenSSL never fetches a missing intermediate\n", "");
        int index = java.util.List.copyOf(ScenarioCatalogue.load(Repo.root()).clients().keySet()).indexOf("openssl");
        assertBadInput("clients.yaml", lineOf(clients, "- id: openssl"), "clients[" + index + "]", "missing field 'aiaFetch'");
    }

    @Test
    void listShowsEveryProfilesVerdictAsTextAndJson() throws Exception {
        Cli.Result text = Cli.run(lab, "scenarios", "list");
        assertEquals(0, text.exit(), text::toString);
        String line = text.out().lines().filter(l -> l.startsWith("incomplete-chain ")).findFirst().orElseThrow();
        assertTrue(Pattern.compile("incomplete-chain\\s+none\\s+pass\\s+pass\\s+pass\\s+incomplete-chain\\*\\s+incomplete-chain\\s+incomplete-chain\\s+pass(\\s+incomplete-chain)+\\s+Server sends")
                .matcher(line).find(), line);
        Cli.Result json = Cli.run(lab, "scenarios", "list", "--format", "json");
        assertEquals(0, json.exit(), json::toString);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertTrue(root.get("scenarios").size() >= 26);
        JsonNode selfSigned = null;
        for (JsonNode s : root.get("scenarios")) {
            if (s.get("id").asText().equals("self-signed")) {
                selfSigned = s;
            }
        }
        assertEquals("1", selfSigned.get("cause").asText());
        assertEquals("self-signed", selfSigned.get("expect").get("java").get("diagnosis").asText());
        assertFalse(selfSigned.get("expect").get("java").get("pass").asBoolean());
    }

    @Test
    void showExplainsOneScenarioAndRefusesAnUnknownOne() {
        Cli.Result r = Cli.run(lab, "scenarios", "show", "cn-only");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Pattern.compile("(?m)^  browser +fail: no-san").matcher(r.out()).find(), r::toString);
        assertTrue(r.out().contains("Fix:"), r::toString);
        assertFalse(r.out().contains("TLS:"), "a default TLS site has no TLS line: " + r);
        // every profile's verdict starts in one column, the longest profile id included
        java.util.Set<Integer> columns = new java.util.HashSet<>();
        Matcher row = Pattern.compile("(?m)^  ([a-z-]+\\*? +)(pass|fail)").matcher(r.out());
        while (row.find()) {
            columns.add(row.group(1).length());
        }
        assertEquals(1, columns.size(), "verdict columns " + columns + " in " + r.out());
        Cli.Result mtls = Cli.run(lab, "scenarios", "show", "client-cert-expired");
        assertTrue(mtls.out().contains("TLS:     requires a client certificate from "), mtls::toString);
        assertTrue(mtls.out().contains("presents a client certificate: expired"), mtls::toString);
        Cli.Result old = Cli.run(lab, "scenarios", "show", "tls10-only");
        assertTrue(old.out().contains("TLS:     versions TLSv1\n") || old.out().contains("TLS:     versions TLSv1;"), old::toString);
        assertTrue(Cli.run(lab, "scenarios", "show", "ocsp-stapled-good").out().contains("staples its OCSP answer"));
        Cli.Result bad = Cli.run(lab, "scenarios", "show", "no-such-thing");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("unknown scenario 'no-such-thing'"), bad::toString);
    }

    @Test
    void hostsMapsEveryLabNameButNoIpLiteral() {
        Cli.Result r = Cli.run(lab, "hosts");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("127.0.0.1       pki.lab.test\n"), r::toString);
        assertTrue(Pattern.compile("(?m)^127\\.0\\.0\\.1\\s+exch01\\s+# name-mismatch-netbios$").matcher(r.out()).find(), r::toString);
        assertTrue(Pattern.compile("(?m)^127\\.0\\.0\\.1\\s+mail\\.contoso\\.test\\s").matcher(r.out()).find(), r::toString);
        assertFalse(r.out().contains("127.0.0.3"), r::toString);
        Cli.Result other = Cli.run(lab, "hosts", "--address", "192.168.56.10");
        assertTrue(other.out().contains("192.168.56.10   pki.lab.test"), other::toString);
    }

    @Test
    void helpHasExamplesAndExitCodes() {
        for (String[] cmd : new String[][] {{"scenarios", "list", "--help"}, {"scenarios", "validate", "--help"}, {"hosts", "--help"}}) {
            Cli.Result r = Cli.runRaw(cmd);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("EXAMPLES") && r.out().contains("EXIT CODES"), r::toString);
        }
    }

    private static int lineOf(Path file, String text) throws Exception {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void anUnknownTlsVersionIsNamedWithFileLineAndField() throws Exception {
        Path f = copy("tls13-only", "tls13-only");
        edit(f, "    versions: [TLSv1.3]\n", "    versions: [TLSv1.3, SSLv3]\n");
        assertBadInput("tls13-only.yaml", lineOf(f, "versions: [TLSv1.3, SSLv3]"), "server.tls.versions[1]",
                "unknown protocol 'SSLv3' (expected TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
    }

    @Test
    void anUnknownCipherSuiteIsNamedWithFileLineAndField() throws Exception {
        Path f = copy("3des-only", "3des-only");
        edit(f, "ciphers: [TLS_RSA_WITH_3DES_EDE_CBC_SHA]", "ciphers: [TLS_RSA_WITH_3DES_EDE_CBC_SHA, DES-CBC3-SHA]");
        assertBadInput("3des-only.yaml", lineOf(f, "DES-CBC3-SHA]"), "server.tls.ciphers[1]",
                "unknown cipher suite 'DES-CBC3-SHA' (expected an IANA name of TLS 1.2 or below");
    }

    @Test
    void ciphersWithTls13AreRefusedBecauseTls13SuitesCannotBeNarrowed() throws Exception {
        Path f = copy("3des-only", "3des-only");
        edit(f, "    versions: [TLSv1.2]\n", "    versions: [TLSv1.2, TLSv1.3]\n");
        assertBadInput("3des-only.yaml", lineOf(f, "ciphers: ["), "server.tls.ciphers", "give versions up to TLSv1.2");
    }

    @Test
    void anUnknownFieldUnderTlsIsNamed() throws Exception {
        Path f = copy("tls13-only", "tls13-only");
        edit(f, "    versions: [TLSv1.3]\n", "    versions: [TLSv1.3]\n    curves: [x25519]\n");
        assertBadInput("tls13-only.yaml", lineOf(f, "curves: [x25519]"), "server.tls.curves", "unknown field 'curves'");
    }

    @Test
    void anUnknownCipherKindInAProfileIsNamed() throws Exception {
        Path clients = folder.resolve("clients.yaml");
        Files.copy(Repo.root().resolve("scenarios/clients.yaml"), clients);
        String text = Files.readString(clients);
        int at = text.indexOf("refusesCiphers: [3des, static-rsa]");
        assertTrue(at > 0, "test set-up: the python profile refuses two kinds");
        Files.writeString(clients, text.substring(0, at) + "refusesCiphers: [3des, rc4]" + text.substring(at + "refusesCiphers: [3des, static-rsa]".length()));
        Cli.Result r = Cli.run(lab, "scenarios", "validate", clients.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("clients.yaml:" + lineOf(clients, "refusesCiphers: [3des, rc4]") + ":"), r::toString);
        assertTrue(r.err().contains("unknown cipher kind 'rc4' (expected 3des or static-rsa)"), r::toString);
    }

    @Test
    void sniRequiredNeedsAUrlThatArrivesWithoutSniAndAKnownValue() throws Exception {
        Path f = copy("sni-required", "sni-required");
        edit(f, "    sni: required\n", "    sni: maybe\n");
        assertBadInput("sni-required.yaml", lineOf(f, "sni: maybe"), "server.tls.sni", "unknown sni value 'maybe' (expected one of optional, required)");
        edit(f, "    sni: maybe\n", "    sni: required\n");
        edit(f, "https://127.0.0.9/", "https://sni-required.contoso.test/");
        assertBadInput("sni-required.yaml", lineOf(f, "sni: required"), "server.tls.sni", "give the URL an IP address");
    }
}

