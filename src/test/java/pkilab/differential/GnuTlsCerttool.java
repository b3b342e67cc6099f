package pkilab.differential;

import java.util.List;
import pkilab.testing.Tools;

/**
 * GnuTLS's {@code certtool --verify}: the chain as the server sent it in {@code --infile},
 * the roots from {@code --load-ca-certificate}, the host from {@code --verify-hostname} and
 * the TLS server purpose (OID 1.3.6.1.5.5.7.3.1) from {@code --verify-purpose}, and
 * {@code --verify-profile low}: what certtool itself names "the default verification of
 * NORMAL priority string", the priority gnutls-cli, wget and git use. certtool has no option for the validation time: it
 * judges at the real current time, which is why the corpus is made relative to the moment
 * the test runs. certtool prints every certificate before it verifies; one it cannot print (an
 * empty issuer DN) ends the run with an error, which counts as a refusal.
 */
final class GnuTlsCerttool implements Validator {
    @Override
    public String profile() {
        return "gnutls";
    }

    @Override
    public String name() {
        return "certtool --verify (GnuTLS)";
    }

    @Override
    public String unavailable() {
        return Validator.missing("certtool");
    }

    @Override
    public Outcome judge(CaseFiles f) {
        Tools.Run r = Tools.run(List.of("certtool", "--verify", "--load-ca-certificate", f.file("anchors.pem").toString(),
                "--infile", f.file("chain.pem").toString(), "--verify-hostname", f.c.host(),
                "--verify-purpose", "1.3.6.1.5.5.7.3.1", "--verify-profile", "low"));
        boolean ok = r.exit() == 0 && r.output().contains("Chain verification output: Verified");
        return new Outcome(ok, Validator.lines(r.output(), f.dir.toString(), List.of("verification output", "error", "Error", "gnutls_")));
    }
}
