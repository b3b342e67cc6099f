package pkilab.pem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import java.util.Map;

/**
 * PKCS#12 and JKS files. PKCS#12 files use PBES2 with AES-256-CBC and an HMAC-SHA256 MAC
 * (not the RC2/3DES of older defaults) so that OpenSSL 3 opens them without {@code -legacy}.
 */
public final class Pkcs12 {
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Pkcs12() {
    }

    /**
     * A PKCS#12 holding one key entry with its chain, leaf first. Built with Bouncy Castle
     * because the JDK lower-cases the friendly name ("Microsoft Exchange" is what Windows shows).
     */
    public static byte[] keyStore(String friendlyName, PrivateKey key, List<X509Certificate> chain, char[] password) {
        return keyStore(friendlyName, key, chain, password, false);
    }

    /**
     * As {@link #keyStore(String, PrivateKey, List, char[])}, in the older encryption
     * (pbeWithSHAAnd3-KeyTripleDESCBC, SHA-1 MAC) that runtimes of the Windows 2016 era and
     * Mono 6 read: they refuse the AES form with "Unable to decode certificate".
     */
    public static byte[] legacyKeyStore(String friendlyName, PrivateKey key, List<X509Certificate> chain, char[] password) {
        return keyStore(friendlyName, key, chain, password, true);
    }

    private static byte[] keyStore(String friendlyName, PrivateKey key, List<X509Certificate> chain, char[] password, boolean legacy) {
        try {
            OutputEncryptor enc = legacy ? legacyEncryptor(password) : encryptor(password);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier keyId = utils.createSubjectKeyIdentifier(chain.get(0).getPublicKey());
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, keyId);
                }
                certBags.add(b.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, legacy ? legacyEncryptor(password) : encryptor(password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, keyId);
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(enc, certBags.toArray(new PKCS12SafeBag[0]));
            pfx.addData(keyBag.build());
            PKCS12PfxPdu pdu = pfx.build(new JcePKCS12MacCalculatorBuilder(legacy ? org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1
                    : NISTObjectIdentifiers.id_sha256).setProvider(BC).setIterationCount(legacy ? 2048 : 10_000), password);
            return pdu.getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | IOException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file: " + e.getMessage(), e);
        }
    }

    private static OutputEncryptor legacyEncryptor(char[] password) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setProvider(BC).setIterationCount(2048).build(password);
    }

    /** PBES2: PBKDF2 with HMAC-SHA256, AES-256-CBC (Bouncy Castle's cipher: the JDK maps this OID to NoPadding). */
    private static OutputEncryptor encryptor(char[] password) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(10_000)
                .build(password);
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
