package pkilab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.pem.Pem;
import pkilab.testing.Cli;
import pkilab.testing.TestPki;

/**
 * A certificate that breaks X.509 is a verdict (FAIL, {@code malformed}, exit 1), not bad
 * input; a file with no certificate at all is bad input (exit 2). {@code diagnose --batch}
 * gives each line the verdict {@code diagnose} gives it alone.
 */
class DiagnoseBatchAndMalformedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path lab;
    private static IssuedCertificate mail;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        lab = TestPki.lab().home().root();
        mail = TestPki.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        Files.write(dir.resolve("chain.pem"), Pem.encodeBytes(mail.serverChain()));
        Files.write(dir.resolve("root.pem"), Pem.encodeBytes(TestPki.root("public-root")));
        Files.write(dir.resolve("key.pem"), Pem.encodeBytes(mail.key()));
    }

    /** The leaf with its outer signature algorithm changed from SHA-256 to SHA-384 RSA: the signed part still says SHA-256. */
    private static byte[] mismatchedAlgorithms() throws Exception {
        byte[] der = mail.certificate().getEncoded().clone();
        byte[] sha256Rsa = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b};
        int last = -1;
        for (int i = 0; i + sha256Rsa.length <= der.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(der, i, i + sha256Rsa.length), sha256Rsa)) {
                last = i;
            }
        }
        der[last + sha256Rsa.length - 1] = 0x0c;
        return der;
    }

    private static void writePem(String name, List<byte[]> ders) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (byte[] d : ders) {
            sb.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(d))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(dir.resolve(name), sb.toString());
    }

    @Test
    void mismatchedSignatureAlgorithmsAreAMalformedVerdictForEveryProfile() throws Exception {
        writePem("mismatch.pem", List.of(mismatchedAlgorithms(), mail.serverChain().get(1).getEncoded()));
        for (String profile : List.of("openssl", "java", "email-router", "browser")) {
            Cli.Result r = Cli.run(lab, "diagnose", "--chain", dir.resolve("mismatch.pem").toString(), "--host", "mail.contoso.test",
                    "--as", profile, "--format", "json");
            assertEquals(1, r.exit(), profile + ": " + r);
            JsonNode j = JSON.readTree(r.out());
            assertEquals("fail", j.get("verdict").asText());
            assertEquals("malformed", j.get("findings").get(0).get("diagnosis").asText(), profile + ": " + r.out());
            assertEquals(0, j.get("findings").get(0).get("certificate").get("depth").asInt());
        }
        // its twin, the unchanged leaf, passes
        Cli.Result ok = Cli.run(lab, "diagnose", "--chain", dir.resolve("chain.pem").toString(), "--host", "mail.contoso.test", "--as", "openssl");
        assertEquals(0, ok.exit(), ok.toString());
    }

    @Test
    void aTruncatedCertificateIsMalformedAndAFileWithoutCertificatesIsBadInput() throws Exception {
        byte[] leaf = mail.certificate().getEncoded();
        writePem("truncated.pem", List.of(Arrays.copyOf(leaf, leaf.length / 2), mail.serverChain().get(1).getEncoded()));
        Cli.Result r = Cli.run(lab, "diagnose", "--chain", dir.resolve("truncated.pem").toString(), "--host", "mail.contoso.test");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("FAIL malformed"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());

        Cli.Result none = Cli.run(lab, "diagnose", "--chain", dir.resolve("key.pem").toString(), "--host", "mail.contoso.test");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("no certificate found"), none.err());
    }

    @Test
    void batchGivesEachLineTheVerdictDiagnoseGivesItAlone() throws Exception {
        String lines = String.join("\n",
                "{\"id\": \"right\", \"chain\": \"chain.pem\", \"trust\": \"root.pem\", \"host\": \"mail.contoso.test\", \"profile\": \"openssl\"}",
                "{\"id\": \"wrong-host\", \"chain\": \"chain.pem\", \"trust\": [\"root.pem\"], \"host\": \"exch01\", \"profile\": \"email-router\"}",
                "{\"id\": \"later\", \"chain\": \"chain.pem\", \"trust\": \"root.pem\", \"host\": \"mail.contoso.test\", \"at\": \"+3000d\"}",
                "not json",
                "{\"id\": \"no-host\", \"chain\": \"chain.pem\"}") + "\n";
        Files.writeString(dir.resolve("cases.jsonl"), lines, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(lab, "diagnose", "--batch", dir.resolve("cases.jsonl").toString());
        assertEquals(2, r.exit(), "a line that is not a case makes the batch exit 2: " + r);
        List<JsonNode> out = r.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(5, out.size(), r.out());
        assertEquals("pass", out.get(0).get("verdict").asText());
        assertEquals("fail", out.get(1).get("verdict").asText());
        assertEquals("hostname-mismatch", out.get(1).get("diagnoses").get(0).asText());
        assertEquals("expired", out.get(2).get("diagnoses").get(0).asText());
        assertTrue(out.get(3).get("error").asText().startsWith("not a JSON object"), out.get(3).toString());
        assertEquals(4, out.get(3).get("line").asInt());
        assertEquals("missing field 'host'", out.get(4).get("error").asText());

        Cli.Result alone = Cli.run(lab, "diagnose", "--chain", dir.resolve("chain.pem").toString(), "--trust",
                dir.resolve("root.pem").toString(), "--host", "exch01", "--as", "email-router", "--format", "json");
        JsonNode a = JSON.readTree(alone.out());
        assertEquals(a.get("findings").get(0).get("found").asText(), out.get(1).get("findings").get(0).get("found").asText());
    }
}
