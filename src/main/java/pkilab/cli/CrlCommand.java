package pkilab.cli;

import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pkilab.ca.Lab;
import pkilab.ca.LabHome;
import pkilab.pem.Pem;

/** {@code pkilab crl --ca NAME}: the CA's current CRL, DER and PEM. */
@Command(name = "crl", description = "Write a CA's current CRL (DER and PEM).",
        footerHeading = "%nEXAMPLES%n",
        footer = {"  pkilab crl --ca public          writes public.crl and public-crl.pem",
            "  pkilab crl --ca enterprise --out /tmp/crl",
            "  openssl crl -in /tmp/crl/enterprise.crl -inform DER -noout -text",
            ExitCodes.HELP_SECTION})
public final class CrlCommand extends LabCommand implements Callable<Integer> {
    @Option(names = "--ca", required = true, paramLabel = "NAME", description = "The CA.")
    String ca;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the CA's folder in the lab home).")
    Path out;
    @Option(names = "--force", description = "Replace CA.crl / CA-crl.pem in --out DIR if they exist.")
    boolean force;

    @Override
    public Integer call() throws CRLException {
        Lab lab = lab();
        Path dir = out == null ? lab.home().caDir(ca) : out;
        Path der = dir.resolve(ca + ".crl");
        Path pem = dir.resolve(ca + "-crl.pem");
        // the CA's own folder holds pkilab's copies; a folder the user names may hold theirs
        if (out != null && !force) {
            for (Path p : new Path[] {der, pem}) {
                if (java.nio.file.Files.exists(p)) {
                    throw new pkilab.BadInputException(show(p) + " exists; not replacing it without --force");
                }
            }
        }
        X509CRL crl = lab.crl(ca, Instant.now());
        LabHome.writeAtomic(der, crl.getEncoded(), false);
        LabHome.writeAtomic(pem, Pem.encodeBytes(crl), false);
        int n = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        out().println("CRL of " + ca + ": " + n + " revoked, next update " + crl.getNextUpdate().toInstant());
        out().println("  der  " + show(der));
        out().println("  pem  " + show(pem));
        return ExitCodes.OK;
    }
}
