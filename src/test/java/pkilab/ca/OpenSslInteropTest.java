package pkilab.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.pem.Pem;
import pkilab.pem.Pkcs12;
import pkilab.testing.TestLabs;
import pkilab.testing.Tools;

/** The real openssl binary checks what the mini-CA makes, independently of Java. */
class OpenSslInteropTest {
    static Lab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        assumeTrue(Tools.available("openssl"), "openssl is not installed (apt-get install -y openssl)");
        lab = TestLabs.shared();
    }

    private Path write(String name, Object... pem) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, Pem.encode(pem));
        return p;
    }

    @Test
    void openSslVerifiesTheEnterpriseAndPublicChainsAndRejectsCrossedOnes() throws Exception {
        IssuedCertificate ent = lab.issue(new LeafRequest().ca("enterprise").dns("exch01.contoso.test"));
        IssuedCertificate pub = lab.issue(new LeafRequest().ca("public").dns("mail.contoso.test"));
        Path entRoot = write("ent-root.pem", ent.root());
        Path pubRoot = write("pub-root.pem", pub.root());
        Path pubInter = write("pub-inter.pem", lab.ca("public").certificate());
        Path entLeaf = write("ent.pem", ent.certificate());
        Path pubLeaf = write("pub.pem", pub.certificate());

        Tools.Run ok1 = Tools.run(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", entRoot.toString(), entLeaf.toString()));
        assertEquals(0, ok1.exit(), ok1.output());
        Tools.Run ok2 = Tools.run(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", pubRoot.toString(),
                "-untrusted", pubInter.toString(), pubLeaf.toString()));
        assertEquals(0, ok2.exit(), ok2.output());

        Tools.Run wrongRoot = Tools.run(List.of("openssl", "verify", "-CAfile", entRoot.toString(), "-untrusted", pubInter.toString(), pubLeaf.toString()));
        assertNotEquals(0, wrongRoot.exit());
        assertTrue(wrongRoot.output().contains("unable to get local issuer certificate"), wrongRoot.output());
        Tools.Run noInter = Tools.run(List.of("openssl", "verify", "-CAfile", pubRoot.toString(), pubLeaf.toString()));
        assertNotEquals(0, noInter.exit(), "without the intermediate the chain cannot be built");
    }

    @Test
    void openSslEnforcesTheLabRootsNameConstraints() throws Exception {
        Path root = write("root.pem", lab.ca("enterprise").certificate());
        Path outside = write("outside.pem", lab.issue(new LeafRequest().ca("enterprise").dns("www.example.com")).certificate());
        Path inside = write("inside.pem", lab.issue(new LeafRequest().ca("enterprise").dns("www.contoso.test")).certificate());
        Tools.Run bad = Tools.run(List.of("openssl", "verify", "-CAfile", root.toString(), outside.toString()));
        assertNotEquals(0, bad.exit());
        assertTrue(bad.output().contains("permitted subtree violation"), bad.output());
        Tools.Run good = Tools.run(List.of("openssl", "verify", "-CAfile", root.toString(), inside.toString()));
        assertEquals(0, good.exit(), good.output());
        // an address-only leaf passes too: its subject is empty, so no CN is held to the DNS constraints
        Path ipOnly = write("ip.pem", lab.issue(new LeafRequest().ca("enterprise").ip("127.0.0.1")).certificate());
        Tools.Run ip = Tools.run(List.of("openssl", "verify", "-verify_ip", "127.0.0.1", "-CAfile", root.toString(), ipOnly.toString()));
        assertEquals(0, ip.exit(), ip.output());
    }

    @Test
    void openSslShowsTheMicrosoftExtensions() throws Exception {
        Path root = write("root.pem", lab.ca("enterprise").certificate());
        Path leaf = write("leaf.pem", lab.issue(new LeafRequest().ca("enterprise").dns("exch01.contoso.test")).certificate());
        String rootText = Tools.run(List.of("openssl", "x509", "-in", root.toString(), "-noout", "-text")).output();
        assertTrue(rootText.contains("1.3.6.1.4.1.311.21.1"), rootText);
        assertTrue(rootText.contains("X509v3 Name Constraints: critical"), rootText);
        assertTrue(rootText.contains("Permitted:") && rootText.contains("DNS:test"), rootText);
        String leafText = Tools.run(List.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-text")).output();
        assertTrue(leafText.contains("1.3.6.1.4.1.311.20.2"), leafText);
        assertTrue(leafText.contains(".W.e.b.S.e.r.v.e.r"), "BMPString WebServer: " + leafText);
        assertTrue(leafText.contains("X509v3 Key Usage: critical"), leafText);
        assertTrue(leafText.contains("URI:ldap:///CN=contoso-DC01-CA,CN=DC01,CN=CDP"), leafText);
    }

    @Test
    void openSsl3OpensThePkcs12WithoutLegacy() throws Exception {
        IssuedCertificate self = lab.issue(new LeafRequest().ca("self").dns("exch01.contoso.test"));
        Path p12 = dir.resolve("exch01.p12");
        Files.write(p12, Pkcs12.keyStore("Microsoft Exchange", self.key(), self.serverChain(), "s3cret".toCharArray()));
        Tools.Run info = Tools.run(List.of("openssl", "pkcs12", "-info", "-in", p12.toString(), "-passin", "pass:s3cret", "-nokeys"));
        assertEquals(0, info.exit(), info.output());
        assertTrue(info.output().contains("AES-256-CBC"), info.output());
        assertTrue(info.output().contains("MAC: sha256"), info.output());
        assertTrue(info.output().contains("friendlyName: Microsoft Exchange"), info.output());
        assertTrue(info.output().contains("subject=CN = EXCH01"), info.output());
    }

    @Test
    void openSslParsesTheCrlAndListsARevokedSerial() throws Exception {
        IssuedCertificate leaf = lab.issue(new LeafRequest().ca("public").dns("revoked.contoso.test"));
        lab.revoke("public", leaf.certificate().getSerialNumber(), RevocationReason.keyCompromise, Instant.now());
        Path crl = dir.resolve("public.crl");
        Files.write(crl, lab.crl("public", Instant.now()).getEncoded());
        Tools.Run text = Tools.run(List.of("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text"));
        assertEquals(0, text.exit(), text.output());
        String serial = CaRecords.hex(leaf.certificate().getSerialNumber());
        assertTrue(text.output().toUpperCase().replace("SERIAL NUMBER: 0", "SERIAL NUMBER: ").contains("SERIAL NUMBER: " + serial), text.output());
        assertTrue(text.output().contains("Key Compromise"), text.output());
        Path inter = write("inter.pem", lab.ca("public").certificate());
        Tools.Run verify = Tools.run(List.of("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-CAfile", inter.toString()));
        assertTrue(verify.output().contains("verify OK"), verify.output());
    }
}
