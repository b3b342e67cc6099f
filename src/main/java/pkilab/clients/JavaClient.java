package pkilab.clients;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.clients.ClientOutcome.Status;
import pkilab.family.ClientFamily;
import pkilab.pem.Pem;
import pkilab.pem.Pkcs12;
import pkilab.verdict.ClientProfile;

/**
 * A separate Java VM running {@link JsseClient} with default JSSE settings and a PKCS#12
 * trust store holding only the given roots ({@code -Djavax.net.ssl.trustStore}), so the
 * JDK's own {@code cacerts} plays no part. JSSE prints the same "PKIX path building failed"
 * for a self-signed certificate, an unknown root and a missing intermediate (it fetches no
 * AIA unless {@code -Dcom.sun.security.enableAIAcaIssuers=true}).
 */
final class JavaClient extends ExternalClient {
    JavaClient(String program) {
        super("java", "java", program, "apt-get install openjdk-17-jre-headless", ClientFamily.of(ClientProfile.Family.JAVA));
    }

    /** The java launcher of the JVM pkilab runs in. */
    static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    Invocation prepare(ClientTarget t, Path work, Path java, Duration timeout) throws IOException {
        Map<String, X509Certificate> byAlias = new LinkedHashMap<>();
        for (Path p : t.trustedRoots()) {
            for (X509Certificate c : Pem.readCertificates(p)) {
                byAlias.put("root-" + (byAlias.size() + 1), c);
            }
        }
        // a throwaway store for one run: a random password keeps no fixed secret in the code
        byte[] pw = new byte[12];
        new SecureRandom().nextBytes(pw);
        String password = HexFormat.of().formatHex(pw);
        Path store = work.resolve("truststore.p12");
        Files.write(store, Pkcs12.trustStore("PKCS12", byAlias, password.toCharArray()));
        List<String> c = command(java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + password);
        if (t.checkRevocation()) {
            c.addAll(revocationOptions(t, work));
        }
        if (t.clientCert() != null) {
            // JSSE's default key manager presents the key store's certificate when the server names its issuer
            Path keys = work.resolve("client.p12");
            Files.write(keys, Pkcs12.keyStore("client", Pem.readPrivateKey(t.clientKey()), Pem.readCertificates(t.clientCert()),
                    password.toCharArray()));
            c.addAll(List.of("-Djavax.net.ssl.keyStore=" + keys, "-Djavax.net.ssl.keyStoreType=PKCS12",
                    "-Djavax.net.ssl.keyStorePassword=" + password));
        }
        c.addAll(List.of("-cp", classPath(), JsseClient.class.getName(),
                t.host(), t.connectAddress(), Integer.toString(t.connectPort()), t.authority(), t.pathAndQuery(),
                Long.toString(Math.max(1, timeout.toSeconds())), t.clientAuth() ? "1" : "0"));
        return new Invocation(c);
    }

    @Override
    public String revocationSettings() {
        return "-Dcom.sun.net.ssl.checkRevocation=true -Dcom.sun.security.enableCRLDP=true ocsp.enable=true";
    }

    /**
     * JSSE checks revocation only when told to: {@code checkRevocation} turns the PKIX
     * revocation checker on (hard-fail: no answer is a refusal), {@code enableCRLDP} lets it
     * fetch the CRL a certificate names, and the security property {@code ocsp.enable} asks
     * the OCSP responder first. The JVM cannot map a name to another port, so the lab's
     * {@code pki.lab.test:80} is reached through it as an HTTP proxy; loopback URLs stay
     * direct, as the JDK's default {@code http.nonProxyHosts} says.
     */
    private static List<String> revocationOptions(ClientTarget t, Path work) throws IOException {
        Path security = work.resolve("revocation.security");
        Files.writeString(security, "ocsp.enable=true\n");
        List<String> o = new java.util.ArrayList<>(List.of("-Dcom.sun.net.ssl.checkRevocation=true",
                "-Dcom.sun.security.enableCRLDP=true", "-Djava.security.properties=" + security));
        t.alsoResolve().values().stream().findFirst().ifPresent(pki -> o.addAll(List.of(
                "-Dhttp.proxyHost=" + pki.getAddress().getHostAddress(), "-Dhttp.proxyPort=" + pki.getPort(),
                "-Dhttp.nonProxyHosts=localhost|127.*|[::1]")));
        return o;
    }

    /** Where {@link JsseClient} was loaded from: target/classes or pkilab.jar. */
    private static String classPath() throws IOException {
        try {
            return Path.of(JsseClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot find pkilab's classes for the Java client: " + e, e);
        }
    }

    @Override
    Reading read(Finished f, ClientTarget t) {
        return switch (f.exit()) {
            case 0 -> new Reading(Status.PASS, lastLine(f.stdout()));
            case 1 -> new Reading(Status.FAIL, f.stderr().strip().split("\\R")[0]
                    .replaceFirst("^javax\\.net\\.ssl\\.SSLHandshakeException: ", ""));
            default -> new Reading(Status.ERROR, lastLine(f.all()));
        };
    }
}
