package pkilab;

import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Lets this process speak TLS 1.0, TLS 1.1 and 3DES, which the JDK turns off by its
 * {@code jdk.tls.disabledAlgorithms} security property.
 *
 * <p>The lab shows servers that still speak only those (an Exchange 2007 never updated), and
 * its probe must see what such a server presents before it can say why a modern client
 * refuses it. Clients are not made weaker by this: the probe offers exactly a profile's
 * versions and cipher suites, and the real Java client runs in a JVM of its own with the
 * JDK's defaults.
 *
 * <p>The JDK reads the property once, when its TLS classes initialise: {@link #allow()} must
 * run before anything in the process touches TLS ({@code Main} calls it first thing).
 */
public final class LegacyTls {
    /** What is taken off the JDK's list; everything else on it stays refused. */
    static final Set<String> RELAXED = Set.of("TLSv1", "TLSv1.1", "3DES_EDE_CBC");
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private LegacyTls() {
    }

    /** Takes TLS 1.0, TLS 1.1 and 3DES off the process's disabled algorithms (idempotent). */
    public static synchronized void allow() {
        String now = Security.getProperty(PROPERTY);
        if (now == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String entry : now.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty() && !RELAXED.contains(e)) {
                kept.add(e);
            }
        }
        String relaxed = String.join(", ", kept);
        if (!relaxed.equals(now)) {
            Security.setProperty(PROPERTY, relaxed);
        }
    }

    /** Whether the JDK's TLS in this process can speak {@code protocol} ("TLSv1"): false when {@link #allow()} ran too late. */
    public static boolean jdkSpeaks(String protocol) {
        try {
            javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
            c.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
            return Arrays.asList(c.getDefaultSSLParameters().getProtocols()).contains(protocol)
                    || Arrays.asList(c.createSSLEngine().getEnabledProtocols()).contains(protocol);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
