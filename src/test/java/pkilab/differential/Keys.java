package pkilab.differential;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The corpus's key pool, made once per JVM: an RSA-2048 key takes about 100 ms to generate,
 * and a corpus of a few hundred certificates only needs a few dozen distinct keys. A
 * certificate's identity in path building is its name plus its key, so two CAs in one case
 * always take different slots; the same slot in two cases is harmless, each case stands alone.
 */
final class Keys {
    private static final Map<String, KeyPair> POOL = new ConcurrentHashMap<>();

    private Keys() {
    }

    /** RSA-2048 key number {@code slot}. */
    static KeyPair rsa(int slot) {
        return rsa(2048, slot);
    }

    /** An RSA key of {@code bits} (512 and 1024 are the weak-key cases). */
    static KeyPair rsa(int bits, int slot) {
        return POOL.computeIfAbsent(bits + "/" + slot, k -> generate(bits));
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
