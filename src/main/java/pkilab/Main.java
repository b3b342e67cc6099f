package pkilab;

import pkilab.cli.PkilabCommand;

/** Entry point of the {@code pkilab} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LegacyTls.allow();   // before any TLS class reads the property
        // the probe asks servers for stapled OCSP answers; JSSE reads this once, before any TLS class loads
        System.setProperty("jdk.tls.client.enableStatusRequestExtension", "true");
        System.exit(PkilabCommand.execute(args));
    }
}
