package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.testing.Cli;
import pkilab.testing.Tools;

/**
 * {@code pkilab inspect} and {@code pkilab completion}: a chain pkilab did not make (made by
 * the openssl command line here), from a file and from a real openssl s_server.
 */
class InspectCommandTest {
    @TempDir
    static Path dir;

    static Path root;
    static Path leaf;
    static Path key;
    static Path chain;

    @BeforeAll
    static void opensslMakesAChain() throws Exception {
        root = dir.resolve("root.pem");
        leaf = dir.resolve("leaf.pem");
        key = dir.resolve("leaf.key");
        chain = dir.resolve("chain.pem");
        Path rootKey = dir.resolve("root.key");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", rootKey.toString(),
                "-out", root.toString(), "-days", "30", "-subj", "/CN=Example Test Root/O=Example",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Path ext = dir.resolve("leaf.ext");
        Files.writeString(ext, String.join("\n",
                "subjectAltName=DNS:shop.example.net,DNS:www.example.net,IP:127.0.0.1",
                "basicConstraints=critical,CA:FALSE",
                "extendedKeyUsage=serverAuth",
                "authorityInfoAccess=OCSP;URI:http://ocsp.example.net,caIssuers;URI:http://ca.example.net/root.cer",
                "crlDistributionPoints=URI:http://crl.example.net/root.crl", ""));
        Path csr = dir.resolve("leaf.csr");
        run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=shop.example.net");
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", root.toString(), "-CAkey", rootKey.toString(),
                "-CAcreateserial", "-days", "10", "-extfile", ext.toString(), "-out", leaf.toString());
        Files.writeString(chain, Files.readString(leaf) + Files.readString(root));
    }

    private static void run(String... command) {
        Tools.Run r = Tools.run(List.of(command));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aChainFromAnotherToolReadsFieldByField() {
        Cli.Result r = Cli.runRaw("inspect", chain.toString());
        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        assertTrue(out.startsWith("2 certificates in "), out);
        assertTrue(out.contains("Certificate 0 (leaf)\n  Subject:     CN=shop.example.net\n  Issuer:      O=Example,CN=Example Test Root"), out);
        assertTrue(out.contains("Names (SAN): DNS:shop.example.net, DNS:www.example.net, IP Address:127.0.0.1"), out);
        assertTrue(out.contains("AIA:         OCSP - URI:http://ocsp.example.net, CA Issuers - URI:http://ca.example.net/root.cer"), out);
        assertTrue(out.contains("CRL DP:      URI:http://crl.example.net/root.crl"), out);
        assertTrue(out.contains("basicConstraints (2.5.29.19)  critical\n        CA:FALSE"), out);
        assertTrue(out.contains("extKeyUsage (2.5.29.37)  not critical\n        serverAuth"), out);
        assertTrue(out.contains("Key:         RSA 2048 bits, exponent 65537"), out);
        assertTrue(out.contains("(valid, 9 days left)") || out.contains("(valid, 10 days left)"), out);
        assertTrue(out.contains("Certificate 1 (root)"), out);
        assertTrue(out.contains("Key:         EC P-256"), out);
        String sha256 = Tools.run(List.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-fingerprint", "-sha256")).output().strip();
        assertTrue(out.contains("SHA-256:     " + sha256.substring(sha256.indexOf('=') + 1)), sha256 + "\n" + out);
    }

    @Test
    void jsonHasEveryFieldOfEveryCertificate() throws Exception {
        Cli.Result r = Cli.runRaw("inspect", chain.toString(), "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertEquals(2, all.size());
        JsonNode l = all.get(0);
        assertEquals("leaf", l.get("position").asText());
        assertEquals("CN=shop.example.net", l.get("subject").asText());
        assertEquals("DNS:shop.example.net", l.get("subjectAltNames").get(0).asText());
        assertEquals("URI:http://crl.example.net/root.crl", l.get("crlDistributionPoints").get(0).asText());
        assertEquals(3, l.get("version").asInt());
        boolean bcCritical = false;
        for (JsonNode e : l.get("extensions")) {
            if (e.get("oid").asText().equals("2.5.29.19")) {
                bcCritical = e.get("critical").asBoolean();
            }
        }
        assertTrue(bcCritical, l.toString());
        assertEquals("root", all.get(1).get("position").asText());
        assertEquals(59, l.get("sha1").asText().length());
    }

    @Test
    void aUrlShowsTheChainTheServerSends() throws Exception {
        try (OpensslServer s = new OpensslServer(leaf, key, root)) {
            String port = s.connect().substring("127.0.0.1:".length());
            Cli.Result r = Cli.runRaw("inspect", "https://shop.example.net:" + port + "/", "--connect", s.connect());
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("2 certificates presented by shop.example.net:" + port), r::toString);
            assertTrue(r.out().contains("Subject:     CN=shop.example.net"), r::toString);
        }
        Cli.Result missing = Cli.runRaw("inspect", dir.resolve("nope.pem").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertEquals("pkilab: " + dir.resolve("nope.pem") + ": no such file (expected a PEM or DER certificate file, or an https:// URL)",
                missing.err().strip());
    }

    @Test
    void completionScriptsComeFromPicocliForTheWholeCommandTree() {
        Cli.Result bash = Cli.runRaw("completion", "bash");
        assertEquals(0, bash.exit(), bash::toString);
        assertTrue(bash.out().startsWith("#!/usr/bin/env bash"), bash.out());
        assertTrue(bash.out().contains("complete -F _complete_pkilab"), "registers the function");
        for (String word : List.of("inspect", "serve", "--clients", "--words", "--into")) {
            assertTrue(bash.out().contains(word), word);
        }
        Cli.Result zsh = Cli.runRaw("completion", "zsh");
        assertTrue(zsh.out().contains("bashcompinit"), "zsh runs it through bashcompinit");
        Cli.Result fish = Cli.runRaw("completion", "fish");
        assertEquals(2, fish.exit(), fish::toString);
        assertEquals("pkilab: shell 'fish' is not one of bash, zsh", fish.err().strip());
        assertFalse(fish.out().contains("complete"));
    }
}
