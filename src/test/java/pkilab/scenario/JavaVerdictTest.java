package pkilab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pkilab.verdict.Diagnosis;
import pkilab.verdict.ClientProfile;

/**
 * The catalogue's {@code java} column checked by real TLS handshakes on loopback: a JSSE
 * server presents exactly the scenario's chain, a JSSE client with the profile's roots (plus
 * the scenario's extra trust) and HTTPS host name checking connects under the URL's host.
 */
class JavaVerdictTest {
    /** A word of the JSSE message each diagnosis shows up with (REFERENCE §7). */
    private static final Map<Diagnosis, String> MESSAGES = Map.ofEntries(
            Map.entry(Diagnosis.SELF_SIGNED, "PKIX path building failed"),
            Map.entry(Diagnosis.UNTRUSTED_ROOT, "PKIX path building failed"),
            Map.entry(Diagnosis.INCOMPLETE_CHAIN, "PKIX path building failed"),
            Map.entry(Diagnosis.HOSTNAME_MISMATCH, "No subject alternative"),
            Map.entry(Diagnosis.EXPIRED, "validity check failed"),
            Map.entry(Diagnosis.NOT_YET_VALID, "validity check failed"),
            Map.entry(Diagnosis.WRONG_USAGE, "Extended key usage does not permit use for TLS server authentication"),
            Map.entry(Diagnosis.NOT_A_CA, "PKIX path validation failed"));

    static ScenarioCatalogue catalogue;
    static ScenarioPki.Materials m;

    @BeforeAll
    static void materialise() {
        catalogue = SharedMaterial.CATALOG;
        m = SharedMaterial.MATERIALS;
    }

    @Test
    void jsseAgreesWithTheJavaColumnOfEveryScenario() throws Exception {
        ClientProfile java = catalogue.client("java");
        List<String> disagreements = new ArrayList<>();
        for (ScenarioMaterial s : m.all()) {
            if (s.scenario().server().clientAuth() != null) {
                // the server's chain is fine there; the server refuses the client (MutualTlsAndStaplingTest)
                continue;
            }
            Expectation expected = s.scenario().expectFor("java");
            if (!expected.pass() && expected.diagnosis().decidedInHandshake()) {
                continue;   // the server's TLS settings, not its chain: ProtocolScenariosTest and ProtocolClientsTest
            }
            String error = handshake(s, m.trustAnchors(s.id(), java));
            boolean passed = error == null;
            String word = expected.pass() ? null : MESSAGES.get(expected.diagnosis());
            if (passed != expected.pass() || (!passed && word != null && !error.contains(word))) {
                disagreements.add(s.id() + ": expected " + expected.label() + ", JSSE said: " + (passed ? "ok" : error));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    /** One handshake; null when the client accepted the server, else the client's error with its causes. */
    private static String handshake(ScenarioMaterial s, List<X509Certificate> anchors) throws Exception {
        // a key manager that hands out the chain exactly as the scenario sends it (a key store would
        // refuse a chain out of order, and a server that sends one is what reversed-chain shows)
        X509Certificate[] sent = s.serverChain().toArray(new X509Certificate[0]);
        String alg = s.serverKey().getAlgorithm();
        java.util.function.Function<String, String> alias = keyType ->
                keyType.equals(alg) || keyType.equals("RSASSA-PSS") && alg.equals("RSA") ? "server" : null;
        javax.net.ssl.X509ExtendedKeyManager km = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine e) {
                return alias.apply(keyType);
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return alias.apply(keyType);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return sent;
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return s.serverKey();
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return alias.apply(keyType) == null ? null : new String[]{"server"};
            }

            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return null;
            }
        };
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(new javax.net.ssl.KeyManager[]{km}, null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            trust.setCertificateEntry("anchor" + i, anchors.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext clientCtx = SSLContext.getInstance("TLS");
        clientCtx.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accept = CompletableFuture.runAsync(() -> {
                try (SSLSocket peer = (SSLSocket) server.accept()) {
                    peer.startHandshake();
                } catch (IOException e) {
                    // the client refused the certificate: that is the point of most scenarios
                }
            });
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
                try (SSLSocket client = (SSLSocket) clientCtx.getSocketFactory().createSocket(plain, s.host(), server.getLocalPort(), false)) {
                    SSLParameters p = client.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!s.scenario().needsOwnListener()) {
                        p.setServerNames(List.of(new SNIHostName(s.host())));
                    }
                    client.setSSLParameters(p);
                    client.startHandshake();
                    return null;
                } catch (IOException e) {
                    StringBuilder sb = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        sb.append(t.getMessage()).append(" / ");
                    }
                    return sb.toString();
                } finally {
                    accept.join();
                }
            }
        }
    }
}
