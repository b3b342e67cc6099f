package pkilab.server;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server side of a handshake for one site: the certificate list the server sends in its
 * Certificate message, exactly as given, and the private key that proves it owns the first
 * one.
 *
 * <p>A JDK key manager built from a key store would send whatever chain the store holds; the
 * lab needs to send broken chains on purpose (leaf only, an expired intermediate, a root
 * that no client trusts), so this one hands out its list untouched: no completion, no
 * reordering, no validation.
 */
final class PresentedChain extends X509ExtendedKeyManager {
    private static final String ALIAS = "site";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    PresentedChain(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain.toArray(new X509Certificate[0]);
        this.key = key;
    }

    /** A key manager with nothing to present: the handshake fails before a certificate is sent. */
    static PresentedChain none() {
        return new PresentedChain(List.of(), null);
    }

    private String aliasFor(String keyType) {
        // JSSE asks per signature scheme family ("RSA", "RSASSA-PSS", "EC"…); answering only
        // for the key's own algorithm keeps it from picking a scheme the key cannot sign with
        return key != null && key.getAlgorithm().equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) && key != null ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
