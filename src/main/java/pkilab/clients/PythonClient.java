package pkilab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import pkilab.clients.ClientOutcome.Verdict;

/**
 * Python's {@code ssl} module with its defaults ({@code ssl.create_default_context(cafile=…)}:
 * verification and host name checking on, OpenSSL underneath), connecting to the loopback
 * address and naming the URL's host in {@code server_hostname}, as {@code urllib} and
 * {@code requests} do. Exit 1 means the TLS layer refused, 2 no connection.
 */
final class PythonClient extends ExternalClient {
    /** argv: host, address, port, Host header, path, cafile, timeout seconds. */
    static final String SCRIPT = String.join("\n",
            "import socket, ssl, sys",
            "host, addr, port, authority, path, cafile, timeout = sys.argv[1:8]",
            "ctx = ssl.create_default_context(cafile=cafile)",
            "try:",
            "    raw = socket.create_connection((addr, int(port)), timeout=float(timeout))",
            "except OSError as e:",
            "    print(f'cannot connect: {e}', file=sys.stderr); sys.exit(2)",
            "try:",
            "    s = ctx.wrap_socket(raw, server_hostname=host)",
            "except ssl.SSLError as e:",
            "    print(f'{type(e).__name__}: {e}', file=sys.stderr); sys.exit(1)",
            "except OSError as e:",
            "    print(f'{type(e).__name__}: {e}', file=sys.stderr); sys.exit(2)",
            "try:",
            "    s.sendall(f'GET {path} HTTP/1.1\\r\\nHost: {authority}\\r\\nConnection: close\\r\\n\\r\\n'.encode())",
            "    print(s.recv(4096).decode('latin-1').split('\\r\\n')[0] or 'handshake ok')",
            "except OSError as e:",
            "    print(f'handshake ok, then {type(e).__name__}: {e}')");

    PythonClient(String program) {
        super("python", "openssl", program, "apt-get install python3", MessageTable.OPENSSL);
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path python, Duration timeout) throws java.io.IOException {
        List<String> c = command(python, "-c", SCRIPT, t.host(), t.connectAddress(), Integer.toString(t.connectPort()),
                t.authority(), t.pathAndQuery(), caBundle(t, work).toString(), Long.toString(Math.max(1, timeout.toSeconds())));
        return new Invocation(c);
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        return switch (f.exit()) {
            case 0 -> new Reading(Verdict.PASS, lastLine(f.stdout()));
            case 1 -> new Reading(Verdict.FAIL, lastLine(f.stderr()));
            default -> new Reading(Verdict.ERROR, lastLine(f.stderr()));
        };
    }
}
