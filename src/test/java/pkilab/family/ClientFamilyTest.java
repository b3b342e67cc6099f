package pkilab.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.LeafRequest;
import pkilab.testing.TestLabs;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;

/**
 * Each family reads back what it says: for every diagnosis, the words a family prints for a
 * chain with that one failure mean that diagnosis in the same family's table. A new
 * diagnosis whose words are missing from a family's table, or a table rule that grew wider
 * than its words, fails here before any real client is run.
 */
class ClientFamilyTest {
    private static final IssuedCertificate LEAF = TestLabs.shared().issue(new LeafRequest().ca("enterprise").dns("mail.contoso.test"));

    /**
     * What a family cannot say because its client never meets it, or says only in words that
     * also mean something else; each with the reason. Nothing else may be missing.
     */
    private static final Map<ClientProfile.Family, Set<Diagnosis>> UNSPOKEN = Map.of(
            // GnuTLS checks no revocation of its own: no status flag for "could not check"; it processes no policy,
            // and refuses the policy extensions as unknown critical ones instead
            ClientProfile.Family.GNUTLS, EnumSet.of(Diagnosis.REVOCATION_UNKNOWN, Diagnosis.POLICY),
            // NSS processes no policy either: the same unknown critical extension
            ClientProfile.Family.NSS, EnumSet.of(Diagnosis.POLICY),
            // OpenSSL does not enforce must-staple: its verification passes
            ClientProfile.Family.OPENSSL, EnumSet.of(Diagnosis.MUST_STAPLE),
            // SChannel does not enforce must-staple either: the Router accepts
            ClientProfile.Family.DOTNET, EnumSet.of(Diagnosis.MUST_STAPLE),
            // JSSE neither enforces must-staple nor checks the RFC 5280 profile rules that make a chain non-conforming
            ClientProfile.Family.JAVA, EnumSet.of(Diagnosis.MUST_STAPLE, Diagnosis.NON_CONFORMING),
            // Chromium does not enforce must-staple (measured with Chromium 156)
            ClientProfile.Family.BROWSER, EnumSet.of(Diagnosis.MUST_STAPLE));

    private static DiagnosisResult failing(Diagnosis d, String found) {
        List<X509Certificate> path = LEAF.serverChain();
        Finding f = Finding.failure(d, 0, path.get(0), found, "expected", "fix", null);
        return new DiagnosisResult("mail.contoso.test", "test", Instant.now(), path, true, List.of(f));
    }

    /** A found text like the engine's for the diagnoses whose words depend on it. */
    private static String found(Diagnosis d) {
        return switch (d) {
            case CLIENT_CERTIFICATE -> "the server refused the handshake with alert certificate_required";
            case REVOKED -> "revoked at 2026-01-01T00:00:00Z, reason keyCompromise";
            case WRONG_USAGE -> "extendedKeyUsage clientAuth";
            case UNTRUSTED_ROOT -> "the chain ends in CN=Other Root (not sent by the server)";
            default -> "found";
        };
    }

    @Test
    void everyFamilyReadsBackWhatItSaysForEveryDiagnosis() {
        List<String> missing = new ArrayList<>();
        for (ClientFamily family : ClientFamily.all()) {
            for (Diagnosis d : Diagnosis.values()) {
                if (UNSPOKEN.getOrDefault(family.id(), Set.of()).contains(d)) {
                    continue;
                }
                // everything the family says: a flag-printing client's details (.NET's chain statuses) are not in its one line
                String words = String.valueOf(family.say(failing(d, found(d))));
                List<Diagnosis> read = family.read(words);
                if (!read.contains(d)) {
                    missing.add(family.id().id() + " says \"" + words + "\" for " + d.id() + " but reads it as " + read);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theUnspokenListHoldsOnlyWhatIsReallyUnspoken() {
        // an entry whose words became readable is stale: remove it
        UNSPOKEN.forEach((id, ds) -> {
            ClientFamily family = ClientFamily.of(id);
            for (Diagnosis d : ds) {
                assertTrue(!family.read(String.valueOf(family.say(failing(d, found(d))))).contains(d), id + " " + d + " is spoken now");
            }
        });
    }

    @Test
    void everyCheckOrderNamesEveryDiagnosisOnce() {
        for (ClientFamily family : ClientFamily.all()) {
            assertEquals(EnumSet.allOf(Diagnosis.class), EnumSet.copyOf(family.checkOrder()), family.id().id());
            assertEquals(Diagnosis.values().length, family.checkOrder().size(), family.id().id() + " lists a diagnosis twice");
        }
    }

    @Test
    void aFamilyNamesTheFailureItsOwnChecksMeetFirst() {
        List<X509Certificate> path = LEAF.serverChain();
        DiagnosisResult both = new DiagnosisResult("wrong.contoso.test", "test", Instant.now(), path, true, List.of(
                Finding.failure(Diagnosis.HOSTNAME_MISMATCH, 0, path.get(0), "found", "expected", "fix", null),
                Finding.failure(Diagnosis.EXPIRED, 0, path.get(0), "found", "expected", "fix", null)));
        // OpenSSL checks the name before the dates of the path (x509_vfy.c); JSSE's validator sees the dates first
        assertEquals(Diagnosis.HOSTNAME_MISMATCH, OpenSslFamily.INSTANCE.named(both));
        assertEquals(Diagnosis.EXPIRED, JavaFamily.INSTANCE.named(both));
        assertEquals("verify error:num=62:hostname mismatch", OpenSslFamily.INSTANCE.say(both).get("line"));
        assertTrue(JavaFamily.INSTANCE.say(both).endsWith("validity check failed"));
        // a client that prints every flag prints both
        String gnutls = GnuTlsFamily.INSTANCE.line(both);
        assertTrue(gnutls.contains("expired certificate") && gnutls.contains("does not match the expected"), gnutls);
        assertTrue(GnuTlsFamily.INSTANCE.read(gnutls).containsAll(List.of(Diagnosis.EXPIRED, Diagnosis.HOSTNAME_MISMATCH)), gnutls);
    }

    @Test
    void aPassingResultIsOkInEveryFamily() {
        DiagnosisResult ok = new DiagnosisResult("mail.contoso.test", "test", Instant.now(), LEAF.serverChain(), true, List.of());
        for (ClientFamily family : ClientFamily.all()) {
            assertNull(family.named(ok), family.id().id());
            assertEquals(List.of(), family.read(family.line(ok)).stream().filter(d -> d != Diagnosis.UNTRUSTED_ROOT).toList(),
                    family.id().id() + " reads its pass line as a failure: " + family.line(ok));
        }
        assertEquals("Incoming Status: Success", DotNetFamily.INSTANCE.line(ok));
        assertEquals("The certificate is trusted.", GnuTlsFamily.INSTANCE.line(ok));
        assertEquals("Chain is good!", NssFamily.INSTANCE.line(ok));
        assertNotEquals(null, ClientFamily.sayAll(ok).get("nss"));
    }

    @Test
    void nssTellsAnIssuerItFoundAndDistrustsFromOneItNeverSaw() {
        assertEquals("ERROR -8172: Peer's certificate issuer has been marked as not trusted by the user.",
                NssFamily.INSTANCE.line(failing(Diagnosis.SELF_SIGNED, "found")));
        assertEquals("ERROR -8179: Peer's Certificate issuer is not recognized.",
                NssFamily.INSTANCE.line(failing(Diagnosis.INCOMPLETE_CHAIN, "found")));
    }
}
