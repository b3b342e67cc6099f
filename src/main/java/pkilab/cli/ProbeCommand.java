package pkilab.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;
import pkilab.ca.Names;
import pkilab.probe.Probe;
import pkilab.probe.Resolver;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Verdict;

/** {@code pkilab probe URL}: connect like a client, capture the chain, diagnose it. */
@Command(name = "probe",
        description = {"Connect to an HTTPS server as a client profile and explain whether it accepts the server, and why.",
            "The chain the server presents is captured and diagnosed; a real JSSE handshake runs beside the diagnosis."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  pkilab probe https://exch01/EWS/Exchange.asmx --connect 127.0.0.1:8443",
            "  pkilab probe https://mail.contoso.test:8443/ --as java \\",
            "               --resolve mail.contoso.test:8443:127.0.0.1 \\",
            "               --resolve pki.lab.test:80:127.0.0.1:8080",
            "  pkilab probe https://127.0.0.1:4433/ --as openssl --trust lab-root.crt \\",
            "               --format json",
            "  pkilab probe https://mail.contoso.test:8443/ --connect 127.0.0.1:8443 \\",
            "               --client-cert router.crt --client-key router.key      (mutual TLS)",
            "",
            "Against pkilab serve, connect to the port it prints for the URL: IP and",
            "single-label URLs (https://exch01/) have ports of their own, and the shared",
            "port refuses a handshake without SNI.",
            ExitCodes.HELP_SECTION
        })
public final class ProbeCommand extends LabCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The https:// URL the client uses; its host is what the certificate must name.")
    String url;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Connect here instead of the URL's host (no DNS needed).")
    String connect;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR[:PORT]",
            description = "Like curl --resolve: where a host is, for the URL and for AIA/CRL/OCSP fetches (repeatable).")
    List<String> resolve = new ArrayList<>();

    @Mixin
    ClientOptions client;

    @Mixin
    ClientCertificateOptions clientCertificate;

    @Override
    public Integer call() {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadInputException("'" + url + "' is not a URL: " + e.getReason());
        }
        // every flag is checked before the profile's notes are printed or anything is loaded
        Probe.checkUrl(uri);
        InetSocketAddress to = connectAddress();
        Resolver resolver = Resolver.parse(resolve);
        Probe.ClientCertificate presented = clientCertificate.read();
        ClientProfile profile = client.profile(configDir());
        ClientOptions.Trust trust = client.trust(profile, lab());
        trust.notes().forEach(n -> err().println("pkilab: note: " + n));
        Probe.Result r = Probe.connect(uri, to, profile, trust.roots(), resolver, presented);
        DiagnosisResult d = Probe.diagnose(r, profile, trust.roots(), trust.labCas(), Instant.now(), resolver);
        if (client.format == OutputFormat.json) {
            out().println(json(DiagnosisOutput.json(d, profile, r.presented(), r)));
        } else {
            DiagnosisOutput.text(out(), d, profile, r.presented(), r);
        }
        return d.verdict() == Verdict.PASS ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private InetSocketAddress connectAddress() {
        if (connect == null) {
            return null;
        }
        int colon = connect.lastIndexOf(':');
        if (colon <= 0) {
            throw new BadInputException("--connect '" + connect + "': expected HOST:PORT, e.g. 127.0.0.1:8443");
        }
        String host = connect.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(connect.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new BadInputException("--connect '" + connect + "': bad port (expected 1-65535)");
        }
        if (Names.isIpLiteral(host.replace("[", "").replace("]", ""))) {
            return new InetSocketAddress(Names.ip(host), port);
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new BadInputException("--connect '" + connect + "': cannot resolve " + host);
        }
        return a;
    }
}
