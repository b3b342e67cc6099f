package pkilab.probe;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pkilab.ca.internal.CertificateStructure;

/**
 * Remembers what was learnt about a certificate — its DER structure, which keys verify its
 * signature — so that path building, which meets the same certificates on several candidate
 * paths, and batch mode, which meets the same roots on every line, work each out once.
 * Bounded: the oldest entries go first.
 */
final class Structures {
    private static final int LIMIT = 4096;
    private static final Map<X509Certificate, CertificateStructure> STRUCTURE = lru();
    private static final Map<List<X509Certificate>, Boolean> VERIFIES = lru();

    private Structures() {
    }

    private static <K, V> Map<K, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > LIMIT;
            }
        });
    }

    static CertificateStructure of(X509Certificate c) {
        CertificateStructure s = STRUCTURE.get(c);
        if (s == null) {
            try {
                s = CertificateStructure.of(c.getEncoded());
            } catch (CertificateEncodingException e) {
                s = CertificateStructure.of(new byte[0]);
            }
            STRUCTURE.put(c, s);
        }
        return s;
    }

    static boolean verifies(X509Certificate c, X509Certificate issuer) {
        List<X509Certificate> key = List.of(c, issuer);
        Boolean v = VERIFIES.get(key);
        if (v == null) {
            try {
                c.verify(issuer.getPublicKey());
                v = true;
            } catch (Exception e) {
                v = false;
            }
            VERIFIES.put(key, v);
        }
        return v;
    }
}
