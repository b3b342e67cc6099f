package pkilab.trust;

import java.nio.file.Path;
import pkilab.BadInputException;

/**
 * Turns {@code --into TARGET} into a {@link TrustStore}:
 * <pre>
 *   java            the running JDK's cacerts          java:FILE   a JKS or PKCS#12 key store
 *   nss             ~/.pki/nssdb (Chromium on Linux)   nss:DIR     an NSS database (a Firefox profile)
 *   system          the Debian/Ubuntu or RHEL store    pem:FILE    a PEM bundle
 * </pre>
 */
public final class TrustTargets {
    public static final String CHOICES = "java[:KEYSTORE], nss[:DIR], system or pem:FILE";

    /**
     * What a target may need besides its name.
     *
     * @param storePassword Java key store password, null for {@value JavaTrustStore#DEFAULT_PASSWORD}
     * @param certutil      NSS certutil to run, null to find it on PATH
     * @param systemPaths   folders of Debian's update-ca-certificates
     */
    public record Options(char[] storePassword, String certutil, SystemTrustStore.Paths systemPaths) {
    }

    private TrustTargets() {
    }

    public static TrustStore parse(String target, Options options) {
        String kind = target;
        String arg = null;
        int colon = target.indexOf(':');
        if (colon >= 0) {
            kind = target.substring(0, colon);
            arg = target.substring(colon + 1);
            if (arg.isEmpty()) {
                throw new BadInputException("--into " + target + ": nothing after ':' (expected " + CHOICES + ")");
            }
        }
        switch (kind) {
            case "java":
                return new JavaTrustStore(arg == null ? null : Path.of(arg), options.storePassword());
            case "nss":
                return new NssTrustStore(arg == null ? null : Path.of(arg), options.certutil());
            case "system":
                if (arg != null) {
                    throw new BadInputException("--into " + target + ": 'system' takes no path (move the Debian tool's "
                            + "folders with --localcertsdir/--etccertsdir instead)");
                }
                return SystemTrustStore.detect(options.systemPaths());
            case "pem":
                if (arg == null) {
                    throw new BadInputException("--into pem needs a file: --into pem:FILE");
                }
                return new PemBundleTrustStore(Path.of(arg));
            default:
                throw new BadInputException("unknown trust store '" + target + "' for --into (expected " + CHOICES + ")");
        }
    }
}
