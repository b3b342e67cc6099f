package pkilab.probe;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The probe's side of mutual TLS. A server that wants a client certificate sends a
 * CertificateRequest listing the CAs it accepts; a JSSE client then picks a certificate
 * issued by one of them, and sends none when it has no such certificate (SunJSSE's key
 * managers do this, so a Java client with a certificate from the wrong CA sends nothing and
 * the server says {@code certificate_required}, not {@code unknown_ca}). This key manager
 * does the same with the one certificate it holds, and remembers whether it was asked.
 */
final class ClientKeys extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final Probe.ClientCertificate cert;
    volatile boolean asked;
    private volatile boolean sent;

    /** @param cert the certificate to present, or null to present none */
    ClientKeys(Probe.ClientCertificate cert) {
        this.cert = cert;
    }

    Probe.ClientAuthOutcome outcome(String refusal) {
        return new Probe.ClientAuthOutcome(asked, sent ? cert.chain().get(0).getSubjectX500Principal().getName() : null, refusal);
    }

    private String choose(String[] keyTypes, Principal[] issuers) {
        asked = true;
        if (cert == null) {
            return null;
        }
        if (issuers != null && issuers.length > 0 && cert.chain().stream().noneMatch(c -> Arrays.asList(issuers)
                .contains(c.getIssuerX500Principal()))) {
            return null;   // none of the CAs the server names issued it: a JSSE client sends nothing
        }
        sent = true;
        return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return cert == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return cert == null || !ALIAS.equals(alias) ? null : cert.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return cert == null || !ALIAS.equals(alias) ? null : cert.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
