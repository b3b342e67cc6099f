package pkilab.server;

import java.security.cert.X509Certificate;
import java.util.List;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioMaterial;

/**
 * A scenario as the server serves it: the scenario, the site that presents its certificate,
 * the whole chain from the leaf up to the root (whether the server sends all of it or not,
 * for the dashboard's picture), and the certificates the scenario's client additionally
 * trusts (a self-signed leaf someone imported).
 */
public record ServedScenario(Scenario scenario, Site site, List<X509Certificate> fullChain, List<X509Certificate> alsoTrusted) {
    public ServedScenario {
        fullChain = List.copyOf(fullChain);
        alsoTrusted = List.copyOf(alsoTrusted);
    }

    /** A scenario with the certificates {@code ScenarioPki.materialise} made (or kept) for it. */
    public static ServedScenario of(ScenarioMaterial m) {
        return new ServedScenario(m.scenario(), ScenarioServer.site(m),
                m.fullChain(), m.extraTrust());
    }
}
