package pkilab.server;

/** {@link LabServerTlsTest} with the JDK's SunJSSE answering. */
class JdkTlsServerTest extends LabServerTlsTest {
    @Override
    TlsEngine engine() {
        return TlsEngine.JDK;
    }
}
