package pkilab.differential;

import java.time.Instant;
import java.util.List;

/**
 * One chain to judge, as a TLS client meets it: the certificates the server sends (DER, leaf
 * first, in the order sent, possibly wrong), the roots the client trusts, the host name or IP
 * the client asked for, and the moment of validation.
 *
 * @param id          kebab-case twin name plus {@code /pass} or {@code /fail}, e.g. {@code pathlen-exceeded/fail};
 *                    {@code pass} is the variant without the property, not a promise of any verdict
 * @param rule        the rule the twin covers (validity, basic-constraints, name-constraints…)
 * @param description one line: what this variant's chain is
 * @param leafKey     the leaf's private key (PKCS#8 DER), for a validator that needs a real handshake
 */
record Case(String id, String rule, String description, List<byte[]> chain, List<byte[]> anchors, String host,
            Instant at, byte[] leafKey) {

    /** The twin's name: the id without {@code /pass} or {@code /fail}. */
    String twin() {
        return id.substring(0, id.lastIndexOf('/'));
    }

    boolean isFailVariant() {
        return id.endsWith("/fail");
    }
}
