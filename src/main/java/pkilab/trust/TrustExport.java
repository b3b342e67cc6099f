package pkilab.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.ca.LabHome;
import pkilab.pem.Pem;
import pkilab.pem.Pkcs12;

/**
 * Lab roots as files a client can be pointed at, in the format it reads:
 * <ul>
 *   <li>{@code pem}: one bundle ({@code curl --cacert}, {@code openssl -CAfile}, Python, Node);</li>
 *   <li>{@code der}: one {@code ALIAS.cer} per root (Windows {@code certutil -addstore}, the
 *       certificate import wizard, macOS Keychain Access);</li>
 *   <li>{@code p12} / {@code jks}: a Java trust store ({@code -Djavax.net.ssl.trustStore},
 *       {@code keytool -list}) with one trusted entry per root, named by its alias.</li>
 * </ul>
 */
public final class TrustExport {
    /** The export formats. */
    public enum Format {
        PEM, DER, P12, JKS;

        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new BadInputException("unknown export format '" + s + "' (expected pem, der, p12 or jks)");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private TrustExport() {
    }

    /**
     * Writes the roots; {@code out} is a file, or for {@code der} a folder. Returns the files
     * written. Refuses to replace an existing file unless {@code force}.
     */
    public static List<Path> write(List<TrustRoot> roots, Format format, Path out, char[] password, boolean force) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        switch (format) {
            case PEM -> {
                StringBuilder sb = new StringBuilder();
                for (TrustRoot r : roots) {
                    sb.append("# ").append(r.alias()).append(' ').append(r.subject()).append('\n')
                            .append(Pem.encode(r.certificate()));
                }
                files.put(out, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            case DER -> {
                if (Files.isRegularFile(out)) {
                    throw new BadInputException("--out " + out + " is a file; der writes one ALIAS.cer per root into a folder");
                }
                for (TrustRoot r : roots) {
                    files.put(out.resolve(r.alias() + ".cer"), der(r));
                }
            }
            case P12, JKS -> {
                Map<String, java.security.cert.X509Certificate> byAlias = new LinkedHashMap<>();
                roots.forEach(r -> byAlias.put(r.alias(), r.certificate()));
                files.put(out, Pkcs12.trustStore(format == Format.P12 ? "PKCS12" : "JKS", byAlias, password));
            }
        }
        for (Path p : files.keySet()) {
            if (Files.isDirectory(p)) {
                throw new BadInputException("--out " + p + " is a folder; " + format.id() + " writes one file (give a file name)");
            }
            if (Files.exists(p) && !force) {
                throw new BadInputException(p + " exists; not overwriting it (add --force to replace it)");
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            LabHome.writeAtomic(e.getKey(), e.getValue(), false);
            written.add(e.getKey());
        }
        return written;
    }

    static byte[] der(TrustRoot r) {
        try {
            return r.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
