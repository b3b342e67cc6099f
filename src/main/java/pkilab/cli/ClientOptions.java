package pkilab.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import pkilab.ca.Lab;
import pkilab.pem.Pem;
import pkilab.scenario.ClientProfiles;
import pkilab.verdict.ClientProfile;

/** The client a probe or diagnosis plays: its profile and its trusted roots (a picocli mixin). */
public final class ClientOptions {
    @Option(names = "--as", paramLabel = "PROFILE", defaultValue = "email-router",
            description = "Client profile from scenarios/clients.yaml: email-router, workgroup-pc, java, openssl, browser, strict… (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--trust", paramLabel = "PEM", description = "Trusted root certificates (PEM), in addition to the lab roots the profile trusts (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    /** What the client trusts: the profile's lab roots that the lab home has, then the --trust files. */
    public record Trust(List<X509Certificate> roots, Map<String, String> labCas, List<String> notes) {
    }

    ClientProfile profile(Path configDir) {
        return ClientProfiles.load(configDir).get(profile);
    }

    Trust trust(ClientProfile p, Lab lab) {
        List<X509Certificate> roots = new ArrayList<>();
        Map<String, String> labCas = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String id : lab.caIds()) {
            if (lab.isInitialised(id)) {
                labCas.put(lab.ca(id).certificate().getSubjectX500Principal().getName(), id);
            }
        }
        for (String id : p.trusts() == null ? List.<String>of() : p.trusts()) {
            if (lab.caIds().contains(id) && lab.isInitialised(id)) {
                roots.add(lab.ca(id).certificate());
            } else {
                notes.add("profile " + p.id() + " trusts lab CA '" + id + "', which the lab home " + lab.home().root()
                        + " does not have (run: pkilab ca init)");
            }
        }
        for (Path f : trust) {
            for (X509Certificate c : Pem.readCertificates(f)) {
                if (!roots.contains(c)) {
                    roots.add(c);
                }
            }
        }
        return new Trust(roots, labCas, notes);
    }
}
