package pkilab.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.verdict.ClientProfile;

/**
 * A client that is an interpreter running a small inline script (Python's ssl module, Node's
 * https). The script takes, in order: host, connect address, port, Host header, path, CA
 * bundle file, timeout in seconds, then for mutual TLS the client certificate and key files
 * ({@code ""} for none) and {@code 1} when the server asks for one; it exits 0 when the handshake succeeded (printing what
 * came back), 1 when TLS refused the server (printing the error on stderr), 2 when it could
 * not connect.
 */
abstract class ScriptClient extends ExternalClient {
    private final String scriptFlag;
    private final String script;

    ScriptClient(String name, String profileId, String program, String installHint, String scriptFlag, String script) {
        super(name, profileId, program, installHint, ClientFamily.of(ClientProfile.Family.OPENSSL));
        this.scriptFlag = scriptFlag;
        this.script = script;
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path interpreter, Duration timeout) throws IOException {
        List<String> c = command(interpreter, scriptFlag, script, t.host(), t.connectAddress(), Integer.toString(t.connectPort()),
                t.authority(), t.pathAndQuery(), caBundle(t, work).toString(), Long.toString(Math.max(1, timeout.toSeconds())),
                t.clientCert() == null ? "" : t.clientCert().toString(), t.clientKey() == null ? "" : t.clientKey().toString(),
                t.clientAuth() ? "1" : "0");
        return new Invocation(c);
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        return switch (f.exit()) {
            case 0 -> new Reading(Status.PASS, lastLine(f.stdout()));
            case 1 -> new Reading(Status.FAIL, lastLine(f.stderr()));
            default -> new Reading(Status.ERROR, lastLine(f.stderr()));
        };
    }
}
