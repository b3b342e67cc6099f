package pkilab.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Does for the test JVM what {@code pkilab.Main} does first thing: lets the JDK speak TLS 1.0,
 * 1.1 and 3DES, before any test class can initialise the JDK's TLS (which reads the
 * security property once).
 */
public final class LegacyTlsSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        pkilab.LegacyTls.allow();
    }
}
