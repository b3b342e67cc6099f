package pkilab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pkilab.family.DotNetFamily;
import pkilab.scenario.ScenarioCatalogue;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;

/**
 * What pkilab's emulation of .NET Framework on Windows says the other .NET profiles
 * (email-router, workgroup-pc) would see for a server, in the words a real .NET runtime's
 * line uses, so the two can be read one under the other:
 * {@code email-router: SslPolicyErrors RemoteCertificateChainErrors (4); chain UntrustedRoot; Incoming Status: …}.
 */
final class DotNetEmulation {
    private DotNetEmulation() {
    }

    /**
     * One line per .NET profile other than {@code ownProfile} (which is predicted, not
     * emulated), or null when {@code ownProfile} is no .NET profile.
     */
    static List<String> besides(ScenarioCatalogue catalogue, String ownProfile, Function<ClientProfile, DiagnosisResult> diagnose) {
        if (catalogue.client(ownProfile).family() != ClientProfile.Family.DOTNET) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (ClientProfile p : catalogue.clients().values()) {
            if (p.family() != ClientProfile.Family.DOTNET || p.id().equals(ownProfile)) {
                continue;
            }
            Map<?, ?> net = DotNetFamily.INSTANCE.say(diagnose.apply(p));
            StringBuilder sb = new StringBuilder(p.id()).append(": ");
            if (net.containsKey("sslPolicyErrors")) {
                sb.append("SslPolicyErrors ").append(net.get("sslPolicyErrors")).append(" (").append(net.get("sslPolicyErrorsValue")).append(")");
                List<String> flags = new ArrayList<>();
                for (Object c : (List<?>) net.get("chainStatus")) {
                    flags.add(String.valueOf(((Map<?, ?>) c).get("flag")));
                }
                if (!flags.isEmpty()) {
                    sb.append("; chain ").append(String.join(", ", flags));
                }
                sb.append("; ");
            }
            sb.append(net.get("emailRouter"));
            out.add(sb.toString());
        }
        return out;
    }
}
