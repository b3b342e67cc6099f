package pkilab.differential;

import java.util.ArrayList;
import java.util.List;
import pkilab.testing.Tools;

/**
 * {@code openssl verify} as curl drives OpenSSL 3.0: the TLS server purpose, security level 2
 * (RSA ≥ 2048, no SHA-1), the host checked by {@code -verify_hostname} ({@code -verify_ip}
 * for an IP literal, as curl does), the roots from {@code -CAfile} and the rest of the chain
 * from {@code -untrusted}. With {@code strict}, {@code -x509_strict} adds the RFC 5280 and
 * CA/Browser Forum encoding checks of OpenSSL 3.0 (AKI/SKI present, critical basicConstraints
 * on CAs, no empty issuer…), which curl itself does not turn on.
 */
final class OpenSslVerify implements Validator {
    private final boolean strict;

    OpenSslVerify(boolean strict) {
        this.strict = strict;
    }

    @Override
    public String profile() {
        return strict ? "openssl-strict" : "openssl";
    }

    @Override
    public String name() {
        return strict ? "openssl verify -x509_strict" : "openssl verify";
    }

    @Override
    public String unavailable() {
        return Validator.missing("openssl");
    }

    @Override
    public Outcome judge(CaseFiles f) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-purpose", "sslserver", "-auth_level", "2"));
        if (strict) {
            cmd.add("-x509_strict");
        }
        cmd.addAll(List.of(f.hostIsIp() ? "-verify_ip" : "-verify_hostname", f.c.host()));
        cmd.addAll(List.of("-attime", Long.toString(f.c.at().getEpochSecond())));
        cmd.addAll(List.of("-CAfile", f.file("anchors.pem").toString()));
        if (f.c.chain().size() > 1) {
            cmd.addAll(List.of("-untrusted", f.file("untrusted.pem").toString()));
        }
        cmd.add(f.file("leaf.pem").toString());
        Tools.Run r = Tools.run(cmd);
        boolean ok = r.exit() == 0 && r.output().contains(": OK");
        return new Outcome(ok, ok ? "OK" : Validator.lines(r.output(), f.dir.toString(), List.of("error ", "unable", "Could not", "Unable")));
    }
}
