package pkilab.cli;

import java.io.Console;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.ca.Lab;
import pkilab.trust.LabRoots;
import pkilab.trust.TrustCheck;
import pkilab.trust.TrustRoot;
import pkilab.trust.TrustStore;

/**
 * {@code pkilab trust install|uninstall}: shows what will change, asks, changes, then proves
 * the result. Only entries pkilab named ({@link TrustRoot#alias()}) are touched.
 */
final class TrustInstallCommand {
    private TrustInstallCommand() {
    }

    /** What install and uninstall share: the roots, the target, --dry-run and --yes. */
    abstract static class Change extends LabCommand implements Callable<Integer> {
        @Option(names = "--ca", required = true, paramLabel = "NAME", description = "Lab CA whose root to (un)install (repeatable).")
        List<String> cas = new ArrayList<>();
        @Mixin
        TrustTargetOptions target;
        @Option(names = "--dry-run", description = "Only print what would change.")
        boolean dryRun;
        @Option(names = "--yes", description = "Do not ask for confirmation (required when input is not a terminal).")
        boolean yes;

        /** The command line as typed, with install turned into uninstall (and --dry-run/--yes kept out). */
        String undoCommand() {
            List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            int at = args.indexOf("install");
            if (at >= 0) {
                args.set(at, "uninstall");
            }
            args.removeIf(a -> a.equals("--yes") || a.equals("--dry-run"));
            return "pkilab " + String.join(" ", args.stream().map(a -> a.matches("[\\w@%+=:,./-]+") ? a : "'" + a + "'").toList());
        }

        void confirm(List<TrustStore> stores) {
            if (yes) {
                return;
            }
            Console console = System.console();
            if (console == null) {
                throw new BadInputException("refusing to change " + (stores.size() == 1 ? stores.get(0).name()
                        : "the " + stores.size() + " stores above") + " without confirmation: input is not a terminal (add --yes)");
            }
            out().flush();
            String answer = console.readLine("Proceed? [y/N] ");
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                throw new BadInputException("not confirmed; nothing changed");
            }
        }

        /** Before a store's changes when there are several stores (Firefox profiles): which one they are in. */
        void heading(Map<TrustStore, List<TrustRoot>> todo, TrustStore store) {
            if (todo.size() > 1) {
                out().println(store.name() + ":");
            }
        }

        /** After a store's changes: what its clients need to see them, if anything. */
        void afterChange(TrustStore store) {
            String note = store.afterChange();
            if (note != null) {
                out().println("  NOTE: " + note);
            }
        }
    }

    @Command(name = "install", description = "Add lab roots to a trust store, then check that the store trusts them.",
            footerHeading = "%nEXAMPLES%n",
            footer = {
                "  pkilab trust install --ca enterprise --into nss          Chromium on Linux",
                "  pkilab trust install --ca enterprise --into firefox      every Firefox profile",
                "  pkilab trust install --ca enterprise --into firefox:default-release --yes",
                "  pkilab trust install --ca enterprise --into java:my-cacerts --yes",
                "  sudo pkilab trust install --ca public-root --into system --dry-run",
                "  pkilab trust install --ca enterprise --into pem:lab-bundle.pem --yes",
                "",
                "Entries are named pkilab-CA-FINGERPRINT (e.g. pkilab-enterprise-0646f57a); installing again is a no-op.",
                ExitCodes.HELP_SECTION})
    static final class Install extends Change {
        @Override
        public Integer call() {
            Lab lab = lab();
            List<TrustRoot> roots = LabRoots.of(lab, cas, err()::println);
            Map<TrustStore, List<TrustRoot>> todo = new LinkedHashMap<>();
            for (TrustStore store : target.availableStores(out())) {
                out().println("Trust store " + store.name() + (store.systemWide() ? " (system-wide)" : ""));
                for (TrustRoot r : roots) {
                    out().println("  root " + r.alias() + ": " + r.subject());
                    out().println("       " + r.scope());
                    if (store.contains(r)) {
                        out().println("       already installed: nothing to do");
                    } else {
                        todo.computeIfAbsent(store, s -> new ArrayList<>()).add(r);
                    }
                }
            }
            if (todo.isEmpty()) {
                out().println("Nothing to change.");
                return ExitCodes.OK;
            }
            out().println(dryRun ? "Would change:" : "Will change:");
            todo.forEach((store, rs) -> rs.forEach(r -> store.planAdd(r).forEach(line -> out().println("  " + line))));
            for (Map.Entry<TrustStore, List<TrustRoot>> e : todo.entrySet()) {
                List<TrustRoot> open = e.getValue().stream().filter(r -> !r.nameConstrained()).toList();
                if (!e.getKey().systemWide() || open.isEmpty()) {
                    continue;
                }
                for (TrustRoot r : open) {
                    err().println("WARNING: " + r.alias() + " has NO name constraints. Trusted system-wide, whoever holds its key"
                            + " can impersonate ANY site to every program on this machine.");
                }
                if (!yes && !dryRun) {
                    throw new BadInputException("refusing to install a root without name constraints into " + e.getKey().name()
                            + " without --yes (or use a name-constrained root, or a private store: --into java:COPY, pem:FILE)");
                }
            }
            if (dryRun) {
                out().println("Dry run: nothing changed.");
                return ExitCodes.OK;
            }
            confirm(List.copyOf(todo.keySet()));
            TrustCheck check = LabRoots.check(lab);
            boolean allTrusted = true;
            for (Map.Entry<TrustStore, List<TrustRoot>> e : todo.entrySet()) {
                TrustStore store = e.getKey();
                heading(todo, store);
                for (TrustRoot r : e.getValue()) {
                    store.add(r);
                    out().println("added " + r.alias());
                    TrustStore.Verification v = store.verify(r, check);
                    out().println((v.trusted() ? "  verified: " : "  NOT verified: ") + v.how());
                    allTrusted &= v.trusted();
                }
                afterChange(store);
            }
            if (!allTrusted) {
                err().println("pkilab: the store does not trust every root it now holds (see above);"
                        + " undo with: " + undoCommand());
                return ExitCodes.CHECK_FAILED;
            }
            out().println("Undo with: " + undoCommand());
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", description = "Remove the entries pkilab added for lab roots; nothing else is touched.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab trust uninstall --ca enterprise --into nss", "  pkilab trust uninstall --ca enterprise --into firefox --yes",
                "  pkilab trust uninstall --ca public-root --into java --yes",
                ExitCodes.HELP_SECTION})
    static final class Uninstall extends Change {
        @Override
        public Integer call() {
            Lab lab = lab();
            List<TrustRoot> roots = LabRoots.of(lab, cas, err()::println);
            Map<TrustStore, List<TrustRoot>> todo = new LinkedHashMap<>();
            for (TrustStore store : target.availableStores(out())) {
                out().println("Trust store " + store.name());
                for (TrustRoot r : roots) {
                    if (store.contains(r)) {
                        todo.computeIfAbsent(store, s -> new ArrayList<>()).add(r);
                    } else {
                        out().println("  " + r.alias() + " is not installed: nothing to do");
                    }
                }
            }
            if (todo.isEmpty()) {
                out().println("Nothing to change.");
                return ExitCodes.OK;
            }
            out().println(dryRun ? "Would change:" : "Will change:");
            todo.forEach((store, rs) -> rs.forEach(r -> store.planRemove(r).forEach(line -> out().println("  " + line))));
            if (dryRun) {
                out().println("Dry run: nothing changed.");
                return ExitCodes.OK;
            }
            confirm(List.copyOf(todo.keySet()));
            TrustCheck check = LabRoots.check(lab);
            for (Map.Entry<TrustStore, List<TrustRoot>> e : todo.entrySet()) {
                TrustStore store = e.getKey();
                heading(todo, store);
                for (TrustRoot r : e.getValue()) {
                    store.remove(r);
                    if (store.contains(r)) {
                        err().println("pkilab: " + r.alias() + " is still in " + store.name() + " after removal");
                        return ExitCodes.CHECK_FAILED;
                    }
                    out().println("removed " + r.alias());
                    TrustStore.Verification v = store.verify(r, check);
                    out().println(v.trusted() ? "  still trusted through an entry pkilab did not add (left alone): " + v.how()
                            : "  checked: no longer trusted (" + v.how() + ")");
                }
                afterChange(store);
            }
            return ExitCodes.OK;
        }
    }
}
