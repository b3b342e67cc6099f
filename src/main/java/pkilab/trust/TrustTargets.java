package pkilab.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pkilab.BadInputException;

/**
 * Turns {@code --into TARGET} into a {@link TrustStore}:
 * <pre>
 *   java            the running JDK's cacerts          java:FILE   a JKS or PKCS#12 key store
 *   nss             ~/.pki/nssdb (Chromium on Linux)   nss:DIR     an NSS database (a Firefox profile)
 *   system          the Debian/Ubuntu or RHEL store    pem:FILE    a PEM bundle
 *   firefox         every Firefox profile of the user  firefox:PROFILE  one of them, by name or folder
 * </pre>
 * All but {@code firefox} name one store; {@code firefox} names as many as the user has
 * profiles, found through profiles.ini ({@link FirefoxProfiles}).
 */
public final class TrustTargets {
    public static final String CHOICES = "java[:KEYSTORE], nss[:DIR], firefox[:PROFILE], system or pem:FILE";

    /**
     * What a target may need besides its name.
     *
     * @param storePassword Java key store password, null for {@value JavaTrustStore#DEFAULT_PASSWORD}
     * @param certutil      NSS certutil to run, null to find it on PATH
     * @param systemPaths   folders of Debian's update-ca-certificates
     * @param home          the home folder whose ~/.pki/nssdb and Firefox profiles to use, null for $HOME
     */
    public record Options(char[] storePassword, String certutil, SystemTrustStore.Paths systemPaths, Path home) {
        public Options(char[] storePassword, String certutil, SystemTrustStore.Paths systemPaths) {
            this(storePassword, certutil, systemPaths, null);
        }

        /** {@link #home()}, or $HOME as NSS programs read it. */
        public Path homeOrDefault() {
            return home == null ? NssTrustStore.home() : home.toAbsolutePath();
        }
    }

    /**
     * The stores a target names, and the ones it would have named but cannot be used yet.
     *
     * @param stores  one store, or one per Firefox profile with an NSS database
     * @param skipped one line per Firefox profile left out, and why
     */
    public record Selection(List<TrustStore> stores, List<String> skipped) {
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
                return new NssTrustStore(arg != null ? Path.of(arg)
                        : options.home() != null ? options.homeOrDefault().resolve(".pki/nssdb") : null, options.certutil());
            case "firefox":
                if (arg == null) {
                    throw new BadInputException("--into firefox names every Firefox profile; pick one: --into firefox:PROFILE");
                }
                return new FirefoxProfileStore(firefoxProfile(arg, options), options.certutil());
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

    /** The stores {@code --into TARGET} names: {@link #parse} for all but {@code firefox}, which may name several. */
    public static Selection select(String target, Options options) {
        if (!target.equals("firefox")) {
            return new Selection(List.of(parse(target, options)), List.of());
        }
        FirefoxProfiles.Found found = firefoxProfiles(options);
        List<TrustStore> stores = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FirefoxProfiles.Profile p : found.profiles()) {
            FirefoxProfileStore store = new FirefoxProfileStore(p, options.certutil());
            if (p.hasDatabase()) {
                stores.add(store);
            } else {
                skipped.add("skipped Firefox profile " + p.label() + ": " + store.unavailable());
            }
        }
        if (stores.isEmpty()) {
            throw new BadInputException("--into firefox: none of the " + found.profiles().size() + " Firefox profiles has an NSS "
                    + "database yet (" + String.join("; ", skipped) + ")");
        }
        return new Selection(stores, skipped);
    }

    /** Every Firefox profile listed in the profiles.ini files of the home folder; none found is bad input. */
    public static FirefoxProfiles.Found firefoxProfiles(Options options) {
        FirefoxProfiles.Found found = FirefoxProfiles.find(options.homeOrDefault());
        if (found.profiles().isEmpty()) {
            throw new BadInputException("no Firefox profiles found (looked for " + found.searchedText()
                    + "); start Firefox once, or give a database with --into nss:DIR");
        }
        return found;
    }

    private static FirefoxProfiles.Profile firefoxProfile(String wanted, Options options) {
        FirefoxProfiles.Found found = firefoxProfiles(options);
        List<FirefoxProfiles.Profile> match = found.profiles().stream().filter(p -> p.name().equals(wanted)).toList();
        if (match.isEmpty()) {
            match = found.profiles().stream().filter(p -> p.folder().equals(wanted)).toList();
        }
        if (match.size() == 1) {
            return match.get(0);
        }
        if (match.isEmpty()) {
            throw new BadInputException("--into firefox:" + wanted + ": no Firefox profile of that name or folder (found: "
                    + String.join(", ", found.profiles().stream().map(FirefoxProfiles.Profile::label).toList()) + ")");
        }
        throw new BadInputException("--into firefox:" + wanted + ": " + match.size() + " profiles have that name ("
                + String.join(", ", match.stream().map(p -> p.dir().toString()).toList()) + "); pick one by folder name");
    }
}
