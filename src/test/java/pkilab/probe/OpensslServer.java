package pkilab.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server} on a free loopback port: a TLS server that is not pkilab's or the
 * JDK's. The port is found by binding and releasing it (not every OpenSSL takes -accept 0);
 * if another process takes it first, the server is started again on a new one. Ready means
 * s_server printed ACCEPT.
 */
final class OpensslServer implements AutoCloseable {
    private final Process process;
    private final int port;

    OpensslServer(Path cert, Path key, Path chain) throws Exception {
        Process p = null;
        int chosen = -1;
        for (int attempt = 0; attempt < 5 && p == null; attempt++) {
            chosen = freePort();
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + chosen,
                    "-cert", cert.toString(), "-key", key.toString(), "-www"));
            if (chain != null) {
                cmd.addAll(List.of("-cert_chain", chain.toString()));
            }
            Process started = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (ready(started)) {
                p = started;
            } else {
                started.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (p == null) {
            throw new IllegalStateException("openssl s_server did not start");
        }
        process = p;
        port = chosen;
    }

    private static boolean ready(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("ACCEPT")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty so s_server never blocks on output
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return true;
            }
        }
        return false; // exited: the port was taken, or the files are bad
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String connect() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
