package pkilab.clients;


/**
 * Node.js {@code https.get} with {@code ca} (which replaces Node's bundled roots), the URL's
 * host as host name and SNI, and a {@code lookup} that answers the loopback address, so Node
 * checks the certificate exactly as for the real name. Errors print as
 * {@code CODE: message}, e.g. {@code DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate}.
 */
final class NodeClient extends ScriptClient {
    /** argv: host, address, port, Host header, path, cafile, timeout seconds, client cert, client key, client auth (1/0). */
    static final String SCRIPT = String.join("\n",
            "const https = require('https'), fs = require('fs'), net = require('net');",
            "const [host, addr, port, authority, path, cafile, timeout, cert, key, auth] = process.argv.slice(1);",
            "const family = net.isIPv6(addr) ? 6 : 4;",
            "const lookup = (h, o, cb) => o && o.all ? cb(null, [{address: addr, family}]) : cb(null, addr, family);",
            "const ip = net.isIP(host) !== 0;",
            "const opts = {host: ip ? addr : host, port: Number(port), path, ca: fs.readFileSync(cafile),",
            "  headers: {Host: authority}, lookup, agent: false, timeout: Number(timeout) * 1000};",
            "if (cert) { opts.cert = fs.readFileSync(cert); opts.key = fs.readFileSync(key); }",
            "if (ip) { opts.checkServerIdentity = (_, cert) => require('tls').checkServerIdentity(host, cert); }",
            "else { opts.servername = host; }",
            "const req = https.get(opts, res => { console.log(`HTTP ${res.statusCode}`); res.resume(); process.exit(0); });",
            "req.on('timeout', () => { console.error('timeout'); process.exit(2); });",
            "let secured = false;",
            "req.on('socket', s => s.on('secureConnect', () => { secured = true; }));",
            "req.on('error', e => {",
            // a server that wants a client certificate refuses it after a TLS 1.3 handshake
            "  if (secured && auth !== '1') { console.log(`handshake ok, then ${e.code}: ${e.message}`); process.exit(0); }",
            "  console.error(`${e.code}: ${e.message}`);",
            "  process.exit(!secured && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(e.code) ? 2 : 1); });");

    NodeClient(String program) {
        super("node", "node", program, "apt-get install nodejs", "-e", SCRIPT);
    }
}
