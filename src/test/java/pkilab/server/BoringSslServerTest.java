package pkilab.server;

/**
 * {@link LabServerTlsTest} with BoringSSL answering. Not skipped where the native library is
 * missing: this machine's platform is one the bundle covers, so not loading is a failure.
 */
class BoringSslServerTest extends LabServerTlsTest {
    @Override
    TlsEngine engine() {
        return TlsEngine.BORINGSSL;
    }
}
