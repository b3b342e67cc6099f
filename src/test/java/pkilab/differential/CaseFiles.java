package pkilab.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One case written out as the command-line validators read it: {@code leaf.pem},
 * {@code untrusted.pem} (what the server sent after the leaf), {@code chain.pem} (all it
 * sent), {@code anchors.pem}, and every certificate as {@code sent-N.der} / {@code anchor-N.der}.
 * The bytes are written as made, without parsing, so a malformed certificate reaches the
 * validator exactly as a server would send it.
 */
final class CaseFiles {
    final Case c;
    final Path dir;

    CaseFiles(Case c, Path root) {
        this.c = c;
        this.dir = root.resolve(c.id().replace('/', '_'));
        try {
            Files.createDirectories(dir);
            write("leaf.pem", pem(c.chain().subList(0, 1)));
            write("untrusted.pem", pem(c.chain().subList(1, c.chain().size())));
            write("chain.pem", pem(c.chain()));
            write("anchors.pem", pem(c.anchors()));
            for (int i = 0; i < c.chain().size(); i++) {
                Files.write(dir.resolve("sent-" + i + ".der"), c.chain().get(i));
            }
            for (int i = 0; i < c.anchors().size(); i++) {
                Files.write(dir.resolve("anchor-" + i + ".der"), c.anchors().get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    List<Path> sentDer() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < c.chain().size(); i++) {
            out.add(dir.resolve("sent-" + i + ".der"));
        }
        return out;
    }

    List<Path> anchorDer() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < c.anchors().size(); i++) {
            out.add(dir.resolve("anchor-" + i + ".der"));
        }
        return out;
    }

    /** Whether the host is an IP literal (clients then match iPAddress SANs, not DNS names). */
    boolean hostIsIp() {
        return c.host().contains(":") || c.host().matches("[0-9.]+");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    static String pem(List<byte[]> ders) {
        StringBuilder sb = new StringBuilder();
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] d : ders) {
            sb.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(d)).append("\n-----END CERTIFICATE-----\n");
        }
        return sb.toString();
    }
}
