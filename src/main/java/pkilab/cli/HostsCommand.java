package pkilab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pkilab.ca.Names;
import pkilab.scenario.Scenario;
import pkilab.scenario.ScenarioCatalogue;

/**
 * {@code pkilab hosts}: the {@code /etc/hosts} lines that make the lab's names resolve to the
 * lab server, for clients outside pkilab (curl, a browser, a Windows VM via its hosts file).
 */
@Command(name = "hosts", description = {"Print the /etc/hosts lines that map the lab's host names to the lab server.",
        "Every name is listed: pki.lab.test and each scenario's host."},
        footerHeading = "%nEXAMPLES%n",
        footer = {"  pkilab hosts", "  pkilab hosts | sudo tee -a /etc/hosts",
            "  pkilab hosts --address 192.168.56.10          the lab runs on another machine",
            "%nScenarios whose URL is an IP address need no line; remove the block again when done.",
            ExitCodes.HELP_SECTION})
public final class HostsCommand extends LabCommand implements Callable<Integer> {
    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "IP",
            description = "Address the names resolve to (default: ${DEFAULT-VALUE}).")
    String address;

    @Override
    public Integer call() {
        String ip = Names.ip(address);
        ScenarioCatalogue catalogue = ScenarioCatalogue.load(configDir());
        out().println("# pkilab lab names: begin");
        out().printf("%-15s %s%n", ip, ScenarioCatalogue.PKI_HOST);
        for (Scenario s : catalogue.scenarios()) {
            if (!s.hostIsIp()) {
                out().printf("%-15s %-40s # %s%n", ip, s.host(), s.id());
            }
        }
        out().println("# pkilab lab names: end");
        return ExitCodes.OK;
    }
}
