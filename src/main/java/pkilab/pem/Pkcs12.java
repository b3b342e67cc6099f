package pkilab.pem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * PKCS#12 and JKS files. PKCS#12 files use PBES2 with AES-256-CBC and an HMAC-SHA256 MAC
 * (not the RC2/3DES of older defaults) so that OpenSSL 3 opens them without {@code -legacy}.
 */
public final class Pkcs12 {
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";

    private Pkcs12() {
    }

    /** A PKCS#12 holding one key entry (alias = friendly name) with its chain, leaf first. */
    public static byte[] keyStore(String friendlyName, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = newStore("PKCS12");
            ks.setEntry(friendlyName, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])),
                    new KeyStore.PasswordProtection(password, PBE, null));
            return store(ks, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file: " + e.getMessage(), e);
        }
    }

    /** A trust store (PKCS12 or JKS) holding the given certificates as trusted entries, by alias. */
    public static byte[] trustStore(String type, Map<String, X509Certificate> byAlias, char[] password) {
        try {
            KeyStore ks = newStore(type);
            for (Map.Entry<String, X509Certificate> e : byAlias.entrySet()) {
                ks.setCertificateEntry(e.getKey(), e.getValue());
            }
            return store(ks, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the " + type + " trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore newStore(String type) throws GeneralSecurityException {
        // the JDK's PKCS12 store reads these at store() time; setting them here keeps the
        // AES/SHA-256 choice independent of the JDK update's defaults
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", PBE);
        System.setProperty("keystore.pkcs12.keyProtectionAlgorithm", PBE);
        System.setProperty("keystore.pkcs12.macAlgorithm", "HmacPBESHA256");
        KeyStore ks = KeyStore.getInstance(type);
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static byte[] store(KeyStore ks, char[] password) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ks.store(out, password);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return out.toByteArray();
    }
}
