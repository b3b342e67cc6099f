package pkilab.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.trust.SystemTrustStore;
import pkilab.trust.TrustStore;
import pkilab.trust.TrustTargets;

/** {@code --into TARGET} and the options a target may need (a mixin of install, uninstall, list). */
public final class TrustTargetOptions {
    @Option(names = "--into", required = true, paramLabel = "TARGET",
            description = "Trust store: java (this JDK's cacerts), java:KEYSTORE, nss (~/.pki/nssdb), nss:DIR, "
                    + "firefox (every Firefox profile of profiles.ini), firefox:PROFILE (one, by name or folder), "
                    + "system (update-ca-certificates or update-ca-trust), pem:FILE.")
    String into;

    @Option(names = "--storepass-file", paramLabel = "FILE",
            description = "Java key store password, first line of FILE (default: changeit).")
    Path storepassFile;

    @Option(names = "--certutil", paramLabel = "PATH", description = "NSS certutil to run (default: certutil on PATH).")
    String certutil;

    @Option(names = "--home", paramLabel = "DIR",
            description = "nss, firefox: the home folder whose ~/.pki/nssdb and Firefox profiles to use (default: $HOME).")
    Path home;

    @Option(names = "--certsconf", paramLabel = "FILE", description = "system (Debian): update-ca-certificates --certsconf.")
    Path certsconf;
    @Option(names = "--certsdir", paramLabel = "DIR", description = "system (Debian): update-ca-certificates --certsdir.")
    Path certsdir;
    @Option(names = "--localcertsdir", paramLabel = "DIR",
            description = "system (Debian): where roots go (default /usr/local/share/ca-certificates).")
    Path localcertsdir;
    @Option(names = "--etccertsdir", paramLabel = "DIR",
            description = "system (Debian): where the bundle ca-certificates.crt is made (default /etc/ssl/certs).")
    Path etccertsdir;
    @Option(names = "--hooksdir", paramLabel = "DIR", description = "system (Debian): update-ca-certificates --hooksdir.")
    Path hooksdir;

    TrustTargets.Selection selection() {
        // an option the named store does not read would be ignored without a word
        String kind = into.contains(":") ? into.substring(0, into.indexOf(':')) : into;
        notFor(home != null && !into.equals("nss") && !kind.equals("firefox"), "--home", "nss and firefox");
        notFor(storepassFile != null && !kind.equals("java"), "--storepass-file", "java");
        notFor(certutil != null && !kind.equals("nss") && !kind.equals("firefox"), "--certutil", "nss and firefox");
        notFor((certsconf != null || certsdir != null || localcertsdir != null || etccertsdir != null || hooksdir != null)
                && !kind.equals("system"), "--certsconf, --certsdir, --localcertsdir, --etccertsdir and --hooksdir", "system");
        char[] pw = storepassFile == null ? null : firstLine(storepassFile, "--storepass-file").toCharArray();
        return TrustTargets.select(into, new TrustTargets.Options(pw, certutil,
                new SystemTrustStore.Paths(certsconf, certsdir, localcertsdir, etccertsdir, hooksdir), home));
    }

    /**
     * The stores --into names, after checking that each can be used here; the Firefox
     * profiles left out (no database yet) are said on {@code out}.
     */
    List<TrustStore> availableStores(java.io.PrintWriter out) {
        TrustTargets.Selection selection = selection();
        selection.skipped().forEach(out::println);
        for (TrustStore store : selection.stores()) {
            String why = store.unavailable();
            if (why != null) {
                throw new BadInputException("cannot use " + store.name() + ": " + why);
            }
        }
        return selection.stores();
    }

    private void notFor(boolean given, String option, String targets) {
        if (given) {
            throw new BadInputException(option + (option.contains(",") ? " are" : " is") + " for --into " + targets
                    + "; --into " + into + " does not use " + (option.contains(",") ? "them" : "it"));
        }
    }

    /** The first line of a password file. */
    static String firstLine(Path file, String option) {
        String text = pkilab.InputFiles.readUtf8(file, pkilab.InputFiles.Kind.PASSWORD, option + " " + file);
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
        if (line.isEmpty()) {
            throw new BadInputException(option + " " + file + ": the first line is empty (expected the password)");
        }
        return line;
    }
}
