package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pkilab.testing.Cli;
import pkilab.testing.Repo;

/**
 * The mutual-TLS and stapling fields ({@code server.clientAuth}, {@code server.staple},
 * {@code client.presents}) are read as strictly as the rest: a bad value is refused in one
 * line naming the file, the line and the field, and {@code scenarios validate} exits 2.
 */
class ScenarioTlsFieldsYamlTest {
    private static final String CLIENT_AUTH = "  clientAuth: {require: true, issuer: enterprise}";
    private static final String PRESENTS = "  presents: none";

    @TempDir
    Path lab;
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "issuer: fabrikam | client-cert-missing.yaml:17: field 'server.clientAuth.issuer': unknown issuer 'fabrikam'",
        "issuer: self     | client-cert-missing.yaml:17: field 'server.clientAuth.issuer': expected enterprise or public (a lab CA that issues client certificates), found 'self'",
        "no issuer        | client-cert-missing.yaml:17: field 'server.clientAuth.issuer': missing: the lab CA whose client certificates the server accepts",
        "requires: true   | client-cert-missing.yaml:17: field 'server.clientAuth.requires': unknown field 'requires' (known fields: issuer, require)",
        "require: maybe   | client-cert-missing.yaml:17: field 'server.clientAuth.require': expected true or false, found 'maybe'",
        "presents: stolen | client-cert-missing.yaml:23: field 'client.presents': unknown client certificate 'stolen' (expected one of none, valid, other-ca, expired)",
        "no clientAuth    | client-cert-missing.yaml:22: field 'client.presents': the server asks for no client certificate",
        "staple: sometimes| client-cert-missing.yaml:17: field 'server.staple': expected true or false, found 'sometimes'",
        "staple self      | client-cert-missing.yaml:17: field 'server.staple': only the lab's CAs (issuer: enterprise or public) answer OCSP",
    })
    void aBadValueIsRefusedWithFileLineAndField(String change, String message) throws Exception {
        String text = Files.readString(Repo.root().resolve("scenarios/client-cert-missing.yaml"));
        assertTrue(text.contains(CLIENT_AUTH) && text.contains(PRESENTS) && text.contains("  issuer: public\n"),
                "test set-up: the shipped file changed");
        text = switch (change.strip()) {
            case "issuer: fabrikam" -> text.replace(CLIENT_AUTH, "  clientAuth: {require: true, issuer: fabrikam}");
            case "issuer: self" -> text.replace(CLIENT_AUTH, "  clientAuth: {require: true, issuer: self}");
            case "no issuer" -> text.replace(CLIENT_AUTH, "  clientAuth: {require: true}");
            case "requires: true" -> text.replace(CLIENT_AUTH, "  clientAuth: {requires: true, issuer: enterprise}");
            case "require: maybe" -> text.replace(CLIENT_AUTH, "  clientAuth: {require: maybe, issuer: enterprise}");
            case "presents: stolen" -> text.replace(PRESENTS, "  presents: stolen");
            case "no clientAuth" -> text.replace(CLIENT_AUTH + "\n", "");
            case "staple: sometimes" -> text.replace(CLIENT_AUTH, "  staple: sometimes");
            default -> text.replace(CLIENT_AUTH, "  staple: true").replace("  issuer: public\n", "  issuer: self\n").replace(PRESENTS + "\n", "");
        };
        Path f = folder.resolve("client-cert-missing.yaml");
        Files.writeString(f, text);
        Cli.Result r = Cli.run(lab, "scenarios", "validate", f.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(message.strip()), () -> "expected '" + message.strip() + "' in " + r);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void theShippedScenariosUseTheFieldsAsDocumented() {
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(Repo.root());
        Scenario ok = catalogue.scenario("client-cert-required-ok");
        assertEquals(ServerSide.Issuer.ENTERPRISE, ok.server().clientAuth().issuer());
        assertTrue(ok.server().clientAuth().require());
        assertEquals(ClientSide.Presents.VALID, ok.client().presenting());
        assertEquals(ClientSide.Presents.NONE, catalogue.scenario("client-cert-missing").client().presenting());
        assertTrue(catalogue.scenario("ocsp-stapled-revoked").server().staples());
        assertEquals(ServerSide.Revoked.OCSP, catalogue.scenario("ocsp-stapled-revoked").server().revoked());
        // scenarios without the new fields keep them unset, so their material fingerprint is unchanged
        Scenario commercial = catalogue.scenario("commercial");
        assertEquals(null, commercial.server().clientAuth());
        assertEquals(null, commercial.server().staple());
        assertEquals(null, commercial.client().presents());
    }
}
