package pkilab.scenario;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The certificates and key of one scenario, as made (or found again) in the lab home under
 * {@code scenarios/ID/}: what its server presents and what its client additionally trusts.
 *
 * <pre>
 *   fullChain   leaf → intermediate(s) → root   (the chain a client would build)
 *   serverChain what the server sends, as the scenario's {@code sends:} says
 *   extraTrust  what the scenario's client imported into its root store ({@code alsoTrusts:})
 * </pre>
 *
 * @param scenario    the scenario it was made for
 * @param serverKey   the server certificate's private key
 * @param serverChain the certificates the server sends in the handshake, leaf first
 * @param fullChain   leaf up to its root (for a self-signed certificate: the leaf alone)
 * @param extraTrust  certificates of this scenario the client trusts beyond its profile's roots
 * @param dir         the scenario's folder in the lab home
 * @param issued      when the certificates were made
 * @param reused      whether a previous start made them and they were kept
 * @param clientAuth  the client-certificate side (mutual TLS), or null when the server asks for none
 * @param staple      makes the OCSP answer the server staples (the CA's answer now), or null when it staples none
 */
public record ScenarioMaterial(
        Scenario scenario,
        PrivateKey serverKey,
        List<X509Certificate> serverChain,
        List<X509Certificate> fullChain,
        List<X509Certificate> extraTrust,
        Path dir,
        Instant issued,
        boolean reused,
        ClientAuth clientAuth,
        java.util.function.Supplier<byte[]> staple) {

    public ScenarioMaterial(Scenario scenario, PrivateKey serverKey, List<X509Certificate> serverChain,
                            List<X509Certificate> fullChain, List<X509Certificate> extraTrust, Path dir, Instant issued, boolean reused) {
        this(scenario, serverKey, serverChain, fullChain, extraTrust, dir, issued, reused, null, null);
    }

    /**
     * Mutual TLS in a scenario: the root whose client certificates the server accepts, and the
     * certificate the client presents (leaf first) with its key, or none.
     *
     * @param acceptedRoot the root the server checks client certificates against
     * @param clientKey    the client certificate's key, or null when the client presents none
     * @param clientChain  the client certificate and its intermediates; empty when it presents none
     * @param chainFile    {@code client.pem} in the scenario's folder, or null
     * @param keyFile      {@code client-key.pem} (0600), or null
     */
    public record ClientAuth(X509Certificate acceptedRoot, PrivateKey clientKey, List<X509Certificate> clientChain,
                             Path chainFile, Path keyFile) {
        public ClientAuth {
            clientChain = clientChain == null ? List.of() : List.copyOf(clientChain);
        }

        public boolean presents() {
            return clientKey != null;
        }
    }

    public String id() {
        return scenario.id();
    }

    /** The server certificate. */
    public X509Certificate leaf() {
        return fullChain.get(0);
    }

    /** The certificate at the top of the chain (the leaf itself when self-signed). */
    public X509Certificate root() {
        return fullChain.get(fullChain.size() - 1);
    }

    /** The host of the client's URL: the SNI name the server selects this scenario by. */
    public String host() {
        return scenario.host();
    }

    /** See {@link Scenario#needsOwnListener()}. */
    public boolean needsOwnListener() {
        return scenario.needsOwnListener();
    }

    /** The PEM file of what the server sends (leaf first). */
    public Path chainFile() {
        return dir.resolve(ScenarioPki.CHAIN_FILE);
    }

    /** The PEM file of the private key (mode 0600). */
    public Path keyFile() {
        return dir.resolve(ScenarioPki.KEY_FILE);
    }
}
