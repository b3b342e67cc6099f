package pkilab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.verdict.ClientProfile;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.trust.FirefoxProfiles;
import pkilab.trust.JavaTrustStore;
import pkilab.trust.LabRoots;
import pkilab.trust.TrustExport;
import pkilab.trust.TrustRoot;
import pkilab.trust.TrustScripts;
import pkilab.trust.SystemTrustStore;
import pkilab.trust.TrustStore;
import pkilab.trust.TrustTargets;

/** {@code pkilab trust export|install|uninstall|list|script}: lab roots in and out of trust stores. */
@Command(name = "trust", description = "Put lab roots into trust stores (and take them out again), export them, or script it.",
        subcommands = {TrustCommand.Export.class, TrustInstallCommand.Install.class, TrustInstallCommand.Uninstall.class,
            TrustCommand.ListStore.class, TrustCommand.Targets.class, TrustCommand.Script.class},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab trust export --ca enterprise --format pem --out lab-roots.pem",
            "  pkilab trust install --ca enterprise --into nss",
            "  pkilab trust install --ca enterprise --into firefox   every Firefox profile",
            "  pkilab trust list --into firefox:default-release",
            "  pkilab trust install --ca public-root --into java:my-cacerts --yes",
            "  pkilab trust uninstall --ca enterprise --into nss",
            "  pkilab trust script --os windows --ca enterprise --out to-windows/",
            ExitCodes.HELP_SECTION})
public final class TrustCommand {

    @Command(name = "export", description = "Write lab roots as a PEM bundle, DER .cer files, or a PKCS#12/JKS trust store.",
            footerHeading = "%nEXAMPLES%n",
            footer = {
                "  pkilab trust export --ca enterprise --ca public-root --format pem \\",
                "                      --out lab-roots.pem",
                "      curl --cacert lab-roots.pem https://mail.contoso.test/",
                "  pkilab trust export --ca enterprise --format der --out roots/",
                "      one ALIAS.cer per root, for certutil -addstore -f Root on Windows",
                "  pkilab trust export --profile workgroup-pc --format pem --out workgroup.pem",
                "  pkilab trust export --ca public-root --format jks --out lab.jks",
                "      java -Djavax.net.ssl.trustStore=lab.jks \\",
                "           -Djavax.net.ssl.trustStorePassword=changeit …",
                "",
                "The p12/jks password is the first line of --password-file, else 'changeit'.",
                ExitCodes.HELP_SECTION})
    static final class Export extends LabCommand implements Callable<Integer> {
        @Option(names = "--ca", paramLabel = "NAME", description = "Lab CA whose root to export (repeatable).")
        List<String> cas = new ArrayList<>();
        @Option(names = "--profile", paramLabel = "CLIENT",
                description = "Export the roots a client profile of scenarios/clients.yaml trusts (email-router, workgroup-pc, …).")
        String profile;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "pem, der, p12 or jks.")
        String format;
        @Option(names = "--out", required = true, paramLabel = "FILE|DIR", description = "File to write (a folder for der).")
        Path out;
        @Option(names = "--password-file", paramLabel = "FILE", description = "p12/jks password, first line of FILE (default: changeit).")
        Path passwordFile;
        @Option(names = "--force", description = "Replace existing files.")
        boolean force;

        @Override
        public Integer call() {
            TrustExport.Format f = TrustExport.Format.parse(format);
            List<TrustRoot> roots = LabRoots.of(lab(), caNames(), err()::println);
            char[] pw = (passwordFile == null ? JavaTrustStore.DEFAULT_PASSWORD
                    : TrustTargetOptions.firstLine(passwordFile, "--password-file")).toCharArray();
            List<Path> written = TrustExport.write(roots, f, out, pw, force);
            for (TrustRoot r : roots) {
                out().println("root " + r.alias() + ": " + r.subject());
            }
            for (Path p : written) {
                out().println("wrote " + show(p));
            }
            out().println("Next: " + switch (f) {
                case PEM -> "curl --cacert " + show(out) + " https://…  or  openssl verify -CAfile " + show(out) + " server.crt";
                case DER -> "certutil -addstore -f Root " + show(written.get(0)) + "   (on Windows, as administrator)";
                case P12, JKS -> "keytool -list -keystore " + show(out) + " -storepass "
                        + (passwordFile == null ? JavaTrustStore.DEFAULT_PASSWORD : "…");
            });
            return ExitCodes.OK;
        }

        private List<String> caNames() {
            if (profile == null) {
                if (cas.isEmpty()) {
                    throw new BadInputException("say which roots: --ca NAME (repeatable) or --profile CLIENT");
                }
                return cas;
            }
            if (!cas.isEmpty()) {
                throw new BadInputException("give either --profile or --ca, not both (--profile " + profile + " already names its roots)");
            }
            ClientProfile client = ScenarioCatalogue.load(configDir()).client(profile);
            if (client.trusts().isEmpty()) {
                throw new BadInputException("client profile '" + profile + "' trusts no lab root; nothing to export");
            }
            out().println("client profile " + profile + " trusts: " + String.join(", ", client.trusts()));
            return client.trusts();
        }
    }

    @Command(name = "list", description = "List a trust store's entries: pkilab's, or all with --all.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab trust list --into java", "  pkilab trust list --into firefox --all",
                "  pkilab trust list --into nss:$HOME/.mozilla/firefox/xyz.default --all",
                ExitCodes.HELP_SECTION})
    static final class ListStore extends LabCommand implements Callable<Integer> {
        @Mixin
        TrustTargetOptions target;
        @Option(names = "--all", description = "Also entries pkilab did not add.")
        boolean all;
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Override
        public Integer call() {
            TrustTargets.Selection selection = target.selection();
            List<Map<String, Object>> listed = new ArrayList<>();
            for (TrustStore store : selection.stores()) {
                String why = store.unavailable();
                if (why != null) {
                    throw new BadInputException("cannot use " + store.name() + ": " + why);
                }
                List<TrustStore.Entry> entries = store.list();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("store", store.name());
                m.put("entries", entries.stream().filter(e -> all || e.pkilab()).toList());
                m.put("total", entries.size());
                m.put("pkilab", entries.stream().filter(TrustStore.Entry::pkilab).count());
                listed.add(m);
            }
            if (format == OutputFormat.json) {
                if (listed.size() == 1 && selection.skipped().isEmpty()) {
                    listed.get(0).remove("pkilab");
                    out().println(json(listed.get(0)));
                } else {
                    listed.forEach(m -> m.remove("pkilab"));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("stores", listed);
                    m.put("skipped", selection.skipped());
                    out().println(json(m));
                }
                return ExitCodes.OK;
            }
            selection.skipped().forEach(out()::println);
            for (Map<String, Object> m : listed) {
                out().println(m.get("store") + ": " + m.get("total") + " entries, " + m.get("pkilab") + " added by pkilab");
                for (Object o : (List<?>) m.get("entries")) {
                    TrustStore.Entry e = (TrustStore.Entry) o;
                    out().printf("  %-40s %s%n", e.name(), e.subject() == null ? "" : e.subject());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "targets", description = "Say which trust stores this machine has (Firefox profiles included), and what is missing for the others.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab trust targets",
                "  pkilab trust targets --home /home/other      another user's home folder",
                ExitCodes.HELP_SECTION})
    static final class Targets extends LabCommand implements Callable<Integer> {
        @Option(names = "--home", paramLabel = "DIR",
                description = "The home folder whose ~/.pki/nssdb and Firefox profiles to look at (default: $HOME).")
        Path home;

        @Override
        public Integer call() {
            TrustTargets.Options defaults = new TrustTargets.Options(null, null,
                    new SystemTrustStore.Paths(null, null, null, null, null), home);
            for (String t : List.of("java", "nss", "system")) {
                TrustStore store = TrustTargets.parse(t, defaults);
                String why = store.unavailable();
                out().printf("%-7s %s%n", t, why == null ? "available: " + store.name() : "not available: " + why);
                if (t.equals("nss")) {
                    firefox(defaults);
                }
            }
            out().printf("%-7s %s%n", "pem", "available: any bundle file you can write (--into pem:FILE)");
            return ExitCodes.OK;
        }

        /** The Firefox profiles, each a target of its own (firefox:NAME), and all of them together (firefox). */
        private void firefox(TrustTargets.Options options) {
            FirefoxProfiles.Found found;
            try {
                found = TrustTargets.firefoxProfiles(options);
            } catch (BadInputException e) {
                out().printf("%-7s %s%n", "firefox", "not available: " + e.getMessage());
                return;
            }
            long ready = found.profiles().stream().filter(FirefoxProfiles.Profile::hasDatabase).count();
            out().printf("%-7s %s%n", "firefox", (ready > 0 ? "available: " : "not available: ") + found.profiles().size()
                    + " profile(s), " + ready + " with an NSS database (--into firefox, or firefox:PROFILE for one)");
            for (FirefoxProfiles.Profile p : found.profiles()) {
                String state = !p.hasDatabase() ? "no cert9.db yet: start Firefox once with this profile"
                        : p.mayBeInUse() ? "NSS database, lock file present: Firefox may be running" : "NSS database";
                out().printf("          %-30s %s  (%s)%n", p.name(), p.dir(), state);
            }
        }
    }

    @Command(name = "script", description = "Write root files and install/uninstall scripts for Windows, macOS or Linux.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab trust script --os windows --ca enterprise --out to-windows/",
                "  pkilab trust script --os macos --ca enterprise --ca public-root --out to-mac/",
                ExitCodes.HELP_SECTION})
    static final class Script extends LabCommand implements Callable<Integer> {
        @Option(names = "--os", required = true, paramLabel = "OS", description = "windows, macos or linux.")
        String os;
        @Option(names = "--ca", required = true, paramLabel = "NAME", description = "Lab CA whose root to include (repeatable).")
        List<String> cas = new ArrayList<>();
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
        Path out;
        @Option(names = "--force", description = "Replace existing files.")
        boolean force;

        @Override
        public Integer call() {
            TrustScripts.Os target = TrustScripts.Os.parse(os);
            List<TrustRoot> roots = LabRoots.of(lab(), cas, err()::println);
            for (Path p : TrustScripts.write(target, roots, out, force)) {
                out().println("wrote " + show(p));
            }
            for (TrustRoot r : roots) {
                out().println("root " + r.alias() + ": thumbprint " + r.thumbprint() + "; " + r.scope());
            }
            out().println("Next: copy " + show(out) + " to the machine, read install-lab-roots.* and run it as administrator");
            return ExitCodes.OK;
        }
    }
}
