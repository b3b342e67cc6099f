package pkilab.clients;


/**
 * Python's {@code ssl} module with its defaults ({@code ssl.create_default_context(cafile=…)}:
 * verification and host name checking on, OpenSSL underneath), connecting to the loopback
 * address and naming the URL's host in {@code server_hostname}, as {@code urllib} and
 * {@code requests} do. Exit 1 means the TLS layer refused, 2 no connection.
 */
final class PythonClient extends ScriptClient {
    /** argv: host, address, port, Host header, path, cafile, timeout seconds, client cert, client key, client auth (1/0). */
    static final String SCRIPT = String.join("\n",
            "import socket, ssl, sys",
            "host, addr, port, authority, path, cafile, timeout, cert, key, auth = sys.argv[1:11]",
            "ctx = ssl.create_default_context(cafile=cafile)",
            "if cert: ctx.load_cert_chain(cert, key)",
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
            "    first = s.recv(4096).decode('latin-1').split('\\r\\n')[0]",
            "except OSError as e:",
            // a server that wants a client certificate refuses it after a TLS 1.3 handshake, on this read
            "    if auth == '1': print(f'{type(e).__name__}: {e}', file=sys.stderr); sys.exit(1)",
            "    print(f'handshake ok, then {type(e).__name__}: {e}'); sys.exit(0)",
            "if not first and auth == '1': print('the server closed the connection without an answer', file=sys.stderr); sys.exit(1)",
            "print(first or 'handshake ok')");

    PythonClient(String program) {
        super("python", "python", program, "apt-get install python3", "-c", SCRIPT);
    }
}
