package pkilab.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.ca.Names;
import pkilab.ca.TimeSpec;
import pkilab.pem.Pem;
import pkilab.probe.ChainInput;
import pkilab.probe.DiagnosisEngine;
import pkilab.probe.StackLimits;
import pkilab.probe.DiagnosisResult;
import pkilab.probe.Resolver;
import pkilab.scenario.ClientProfile;

/** {@code pkilab diagnose}: the probe's diagnosis offline, from PEM files. */
@Command(name = "diagnose",
        description = {"Explain, offline, whether a client accepts a server chain for a host name, and why.",
            "The chain is PEM, leaf first; the diagnosis is pkilab probe's, without a connection."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab diagnose --chain exch01-fullchain.pem --host exch01",
            "  pkilab diagnose --chain mail.pem --host mail.contoso.test --as java \\",
            "                  --trust lab-root.crt --at 2030-01-01T00:00:00Z",
            "  pkilab diagnose --chain chain.pem --host exch01 --at +30d --format json",
            ExitCodes.HELP_SECTION
        })
public final class DiagnoseCommand extends LabCommand implements Callable<Integer> {
    @Option(names = "--chain", required = true, paramLabel = "PEM", description = "The chain the server presents, leaf first.")
    Path chain;

    @Option(names = "--host", required = true, paramLabel = "NAME", description = "The host name or IP address in the client's URL.")
    String host;

    @Option(names = "--at", paramLabel = "TIME", description = "When to judge: ISO time or relative (+30d). Default: now.")
    String at;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR[:PORT]",
            description = "Allow AIA/CRL/OCSP fetches to this address (repeatable); without it nothing is fetched.")
    List<String> resolve = new ArrayList<>();

    @Mixin
    ClientOptions client;

    // a typo such as "mail contoso.test" would otherwise be diagnosed as a name mismatch
    private void checkHost() {
        try {
            if (!Names.isIpLiteral(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host)) {
                Names.dns(host);
            }
        } catch (BadInputException e) {
            throw new BadInputException("--host: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant when = at == null ? now : TimeSpec.instant(at, now);
        checkHost();
        List<X509Certificate> presented = Pem.readCertificates(chain);
        ClientProfile profile = client.profile(configDir());
        ClientOptions.Trust trust = client.trust(profile, lab());
        trust.notes().forEach(n -> err().println("pkilab: note: " + n));
        Resolver resolver = resolve.isEmpty() ? null : Resolver.parse(resolve);
        DiagnosisResult d = StackLimits.apply(
                DiagnosisEngine.diagnose(new ChainInput(presented, trust.roots(), host, trust.labCas()), profile, when, resolver), profile);
        if (client.format == OutputFormat.json) {
            out().println(json(DiagnosisOutput.json(d, profile, presented, null)));
        } else {
            DiagnosisOutput.text(out(), d, profile, presented, null);
        }
        return d.verdict() == DiagnosisResult.Verdict.PASS ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
