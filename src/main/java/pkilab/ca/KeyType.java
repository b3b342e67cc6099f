package pkilab.ca;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/** The key algorithms and sizes the lab can make; spelled {@code rsa-2048}, {@code ec-p256}… on the command line and in YAML. */
public enum KeyType {
    /** Factored in 1999; only for showing that clients refuse it. */
    RSA_512("rsa-512", "RSA", 512),
    RSA_1024("rsa-1024", "RSA", 1024),
    RSA_2048("rsa-2048", "RSA", 2048),
    RSA_3072("rsa-3072", "RSA", 3072),
    RSA_4096("rsa-4096", "RSA", 4096),
    EC_P256("ec-p256", "EC", 256),
    EC_P384("ec-p384", "EC", 384);

    private final String label;
    private final String algorithm;
    private final int bits;

    KeyType(String label, String algorithm, int bits) {
        this.label = label;
        this.algorithm = algorithm;
        this.bits = bits;
    }

    public String label() {
        return label;
    }

    public boolean isRsa() {
        return "RSA".equals(algorithm);
    }

    public int bits() {
        return bits;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (isRsa()) {
                g.initialize(bits);
            } else {
                g.initialize(new ECGenParameterSpec(bits == 256 ? "secp256r1" : "secp384r1"));
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this JDK cannot make " + label + " keys", e);
        }
    }

    public static String choices() {
        return Arrays.stream(values()).map(KeyType::label).collect(Collectors.joining(", "));
    }

    public static KeyType parse(String s) {
        for (KeyType k : values()) {
            if (k.label.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return k;
            }
        }
        throw new BadInputException("unknown key type '" + s + "' (expected one of " + choices() + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
