package pkilab.cli;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.ca.CaRecords;
import pkilab.ca.CertInfo;
import pkilab.ca.IssuingCa;
import pkilab.ca.Lab;
import pkilab.pem.Pem;

/** {@code pkilab ca init|list|show}: the lab's certification authorities. */
@Command(name = "ca", description = "The lab's CAs: create, list, show.",
        subcommands = {CaCommand.Init.class, CaCommand.ListCas.class, CaCommand.Show.class},
        footerHeading = "%nEXAMPLES%n",
        footer = {"  pkilab ca init", "  pkilab ca list --format json", "  pkilab ca show public --pem > lab-chain.pem",
            ExitCodes.HELP_SECTION})
public final class CaCommand {

    @Command(name = "init", description = "Create every CA of ca/*.yaml in the lab home; existing ones are kept.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab ca init", "  pkilab ca init --force enterprise     re-create one CA (and those below it)",
                ExitCodes.HELP_SECTION})
    static final class Init extends LabCommand implements Callable<Integer> {
        @Option(names = "--force", paramLabel = "CA", description = "Re-create this CA (repeatable): its old key and certificate are replaced.")
        List<String> force = new ArrayList<>();

        @Override
        public Integer call() {
            Lab lab = lab();
            List<Lab.InitResult> results = lab.init(new LinkedHashSet<>(force), this::progress);
            progressDone();
            out().println("Lab home: " + show(lab.home().root()));
            for (Lab.InitResult r : results) {
                out().printf("  %-8s %-12s %s%n", r.created() ? "created" : "kept", r.id(), r.subject());
            }
            out().println("Next: pkilab cert issue --ca public --dns mail.contoso.test");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the lab's CAs with validity, certificates issued and subject.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab ca list                  validity, certificates issued, subject",
                "  pkilab ca list --format json    with serial and SHA-256 fingerprint too",
                ExitCodes.HELP_SECTION})
    static final class ListCas extends LabCommand implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Override
        public Integer call() {
            Lab lab = lab();
            List<Map<String, Object>> rows = new ArrayList<>();
            String broken = null;
            for (String id : lab.caIds()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                if (lab.isInitialised(id)) {
                    try {
                        X509Certificate c = lab.ca(id).certificate();
                        CertInfo info = CertInfo.of(c);
                        row.put("subject", info.subject());
                        row.put("serial", info.serial());
                        row.put("notAfter", info.notAfter());
                        row.put("sha256", info.sha256());
                        row.put("issued", lab.records(id).entries.size());
                    } catch (BadInputException e) {
                        // every CA is listed; one that cannot sign (a foreign key, damaged records) says why
                        row.put("subject", null);
                        row.put("incomplete", e.getMessage());
                        broken = broken == null ? e.getMessage() : broken;
                    }
                } else {
                    row.put("subject", null);
                    lab.incomplete(id).ifPresent(m -> row.put("incomplete", m));
                }
                rows.add(row);
            }
            if (format == OutputFormat.json) {
                out().println(json(Map.of("labHome", lab.home().root().toString(), "cas", rows)));
                return done(broken);
            }
            out().printf("%-12s %-24s %-7s %s%n", "CA", "VALID UNTIL", "ISSUED", "SUBJECT");
            for (Map<String, Object> r : rows) {
                if (r.get("incomplete") != null) {
                    out().printf("%-12s (%s)%n", r.get("id"), r.get("incomplete"));
                } else if (r.get("subject") == null) {
                    out().printf("%-12s (not created yet: pkilab ca init)%n", r.get("id"));
                } else {
                    out().printf("%-12s %-24s %-7s %s%n", r.get("id"), r.get("notAfter"), r.get("issued"), r.get("subject"));
                }
            }
            return done(broken);
        }

        private int done(String broken) {
            if (broken == null) {
                return ExitCodes.OK;
            }
            out().flush();
            throw new BadInputException(broken);
        }
    }

    @Command(name = "show", description = "Show one CA: subject, serial, fingerprint, validity, extensions.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab ca show enterprise", "  pkilab ca show public --pem      issuing CA first, then its issuers",
                ExitCodes.HELP_SECTION})
    static final class Show extends LabCommand implements Callable<Integer> {
        @Parameters(paramLabel = "CA", description = "CA name: enterprise, public, public-root …")
        String name;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(names = "--pem", description = "Print the CA certificate and its issuers up to the root as PEM.")
        boolean pem;

        @Option(names = "--issued", description = "Also list what the CA issued and revoked.")
        boolean issued;

        @Override
        public Integer call() {
            if (pem && (format == OutputFormat.json || issued)) {
                throw new BadInputException("--pem prints only the certificates: give it without " + (issued ? "--issued" : "--format json"));
            }
            IssuingCa ca = lab().ca(name);
            if (pem) {
                out().print(Pem.encode(ca.chain()));
                return ExitCodes.OK;
            }
            CertInfo info = CertInfo.of(ca.certificate());
            CaRecords.Data records = lab().records(name);
            if (format == OutputFormat.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", ca.id());
                m.put("certificate", info);
                m.put("chain", ca.chain().stream().map(c -> c.getSubjectX500Principal().getName()).toList());
                if (issued) {
                    m.put("issued", records.entries);
                }
                out().println(json(m));
                return ExitCodes.OK;
            }
            out().println("CA " + ca.id() + (ca.isRoot() ? " (root)" : " (issued by " + ca.chain().get(1).getSubjectX500Principal().getName() + ")"));
            out().print(info.toText());
            if (issued) {
                out().println("Issued:");
                for (CaRecords.Entry e : records.entries) {
                    out().printf("  %-34s %-10s %s%n", e.serial, e.isRevoked() ? "REVOKED" : "good", e.subject);
                }
            }
            return ExitCodes.OK;
        }
    }
}
