package pkilab.differential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The corpus's standard PKI for one case, before the case changes one thing in it:
 *
 * <pre>
 *   root          CN=Corpus Root          key 0, self-signed, trusted (the anchor)
 *    └ ca         CN=Corpus Issuing CA    key 1, CA:TRUE critical, keyCertSign|cRLSign
 *       └ leaf    CN=www.corpus.test      key 2, SAN www.corpus.test, serverAuth
 * </pre>
 *
 * The server sends {@code [leaf, ca]}, the client trusts {@code [root]} and asks for
 * {@code www.corpus.test}. Every certificate is what a careful CA issues today (SKI, AKI,
 * critical basicConstraints and keyUsage), so the standard chain passes every validator,
 * {@code -x509_strict} included, and a twin's failure comes from its one change.
 */
final class Pki {
    static final String HOST = "www.corpus.test";

    final Instant at;
    final Blueprint root;
    final Blueprint ca;
    final Blueprint leaf;
    /** What the server sends, leaf first; if unset, {@code [leaf, ca]}. */
    List<Blueprint> sent;
    /** What the client trusts; if unset, {@code [root]}. */
    List<Blueprint> anchors;
    String host = HOST;

    Pki(Instant at) {
        this.at = at;
        root = root(at, "Corpus Root", 0);
        ca = ca(at, "Corpus Issuing CA", 1, root);
        leaf = leaf(at, HOST, 2, ca);
    }

    static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Corpus").addRDN(BCStyle.CN, cn).build();
    }

    /** A self-signed v3 root: ten years around {@code at}. */
    static Blueprint root(Instant at, String cn, int keySlot) {
        Blueprint b = new Blueprint(name(cn), Keys.rsa(keySlot));
        b.notBefore = at.minus(Duration.ofDays(365));
        b.notAfter = at.plus(Duration.ofDays(3650));
        b.set(Extension.basicConstraints, true, new BasicConstraints(true));
        b.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return b;
    }

    /** An intermediate CA below {@code issuer}: CA:TRUE without a path length. */
    static Blueprint ca(Instant at, String cn, int keySlot, Blueprint issuer) {
        Blueprint b = new Blueprint(name(cn), Keys.rsa(keySlot));
        b.issuer = issuer;
        b.notBefore = at.minus(Duration.ofDays(180));
        b.notAfter = at.plus(Duration.ofDays(1825));
        b.set(Extension.basicConstraints, true, new BasicConstraints(true));
        b.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return b;
    }

    /** A TLS server certificate for {@code dns} below {@code issuer}. */
    static Blueprint leaf(Instant at, String dns, int keySlot, Blueprint issuer) {
        Blueprint b = new Blueprint(name(dns), Keys.rsa(keySlot));
        b.issuer = issuer;
        b.notBefore = at.minus(Duration.ofDays(30));
        b.notAfter = at.plus(Duration.ofDays(60));
        b.set(Extension.basicConstraints, true, new BasicConstraints(false));
        b.set(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.set(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.set(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        return b;
    }

    static GeneralNames names(GeneralName... n) {
        return new GeneralNames(n);
    }

    static ASN1Encodable sequence(ASN1Encodable... items) {
        return new DERSequence(items);
    }

    Case toCase(String id, String rule, String description) {
        List<byte[]> chain = new ArrayList<>();
        List<Blueprint> served = sent != null ? sent : List.of(leaf, ca);
        for (Blueprint b : served) {
            chain.add(b.der());
        }
        List<byte[]> trust = new ArrayList<>();
        for (Blueprint b : anchors != null ? anchors : List.of(root)) {
            trust.add(b.der());
        }
        return new Case(id, rule, description, List.copyOf(chain), List.copyOf(trust), host, at,
                served.get(0).key.getPrivate().getEncoded());
    }
}
