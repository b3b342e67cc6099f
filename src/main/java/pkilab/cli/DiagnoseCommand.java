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
import pkilab.probe.Resolver;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Verdict;

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
            "  pkilab diagnose --batch cases.jsonl > results.jsonl",
            ExitCodes.HELP_SECTION
        })
public final class DiagnoseCommand extends LabCommand implements Callable<Integer> {
    @Option(names = "--chain", paramLabel = "PEM", description = "The chain the server presents, leaf first.")
    Path chain;

    @Option(names = "--host", paramLabel = "NAME", description = "The host name or IP address in the client's URL.")
    String host;

    @Option(names = "--batch", paramLabel = "FILE|-",
            description = "Judge many chains in one run: one JSON case a line ({\"chain\": PEM file, \"trust\": [PEM files], "
                    + "\"host\", \"at\", \"profile\", \"id\"}), one JSON result a line. Files are relative to FILE's folder.")
    String batch;

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
    public Integer call() throws java.io.IOException {
        if (batch != null) {
            return batch();
        }
        if (chain == null || host == null) {
            throw new BadInputException("diagnose needs --chain and --host (or --batch FILE for many cases)");
        }
        Instant now = Instant.now();
        Instant when = at == null ? now : TimeSpec.instant(at, now);
        checkHost();
        List<byte[]> sent = Pem.readCertificateDers(chain);
        ClientProfile profile = client.profile(configDir());
        ClientOptions.Trust trust = client.trust(profile, lab());
        trust.notes().forEach(n -> err().println("pkilab: note: " + n));
        Resolver resolver = resolve.isEmpty() ? null : Resolver.parse(resolve);
        ChainInput input = ChainInput.ofDer(sent, trust.roots(), host, trust.labCas());
        List<X509Certificate> presented = input.presented();
        DiagnosisResult d = DiagnosisEngine.diagnose(input, profile, when, resolver);
        if (client.format == OutputFormat.json) {
            out().println(json(DiagnosisOutput.json(d, profile, presented, null)));
        } else {
            DiagnosisOutput.text(out(), d, profile, presented, null);
        }
        return d.verdict() == Verdict.PASS ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Exit 0 when every case passed, 1 when one failed, 2 when a line was not a case. */
    private int batch() throws java.io.IOException {
        if (chain != null || host != null || at != null) {
            throw new BadInputException("--batch takes chain, host and time from each line; leave out --chain, --host and --at");
        }
        if (!client.trust.isEmpty() || client.format != OutputFormat.text) {
            throw new BadInputException("--batch writes JSON lines and takes trust from each line; leave out --trust and --format");
        }
        pkilab.scenario.ClientProfiles profiles = pkilab.scenario.ClientProfiles.load(configDir());
        profiles.get(client.profile);
        boolean stdin = batch.equals("-");
        Path file = stdin ? null : Path.of(batch);
        Path base = stdin ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        DiagnoseBatch b = new DiagnoseBatch(base, profiles, client.profile, p -> client.trust(p, lab()));
        try (java.io.BufferedReader r = stdin
                ? new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                : new java.io.BufferedReader(new java.io.StringReader(pkilab.InputFiles.readUtf8(file, pkilab.InputFiles.Kind.BATCH)))) {
            b.run(r, out());
        }
        err().println("pkilab: " + (b.passed + b.failed) + " case(s): " + b.passed + " pass, " + b.failed + " fail"
                + (b.errors == 0 ? "" : ", " + b.errors + " line(s) not a case"));
        return b.errors > 0 ? ExitCodes.BAD_INPUT : b.failed > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
