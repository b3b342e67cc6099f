package pkilab.ca.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import pkilab.ca.SignatureHash;

/** Signs X.509 v2 CRLs (RFC 5280 §5) with a CRL number and the issuer's key identifier. */
public final class CrlMaker {
    /** One revoked certificate on a CRL. */
    public record Revoked(BigInteger serial, Instant when, int reasonCode) {
    }

    private CrlMaker() {
    }

    public static X509CRL make(X509Certificate issuer, PrivateKey key, List<Revoked> revoked,
                               Instant thisUpdate, Instant nextUpdate, long crlNumber) {
        try {
            JcaX509v2CRLBuilder b = new JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (Revoked r : revoked) {
                b.addCRLEntry(r.serial(), Date.from(r.when()), r.reasonCode());
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            String alg = SignatureHash.SHA256.jcaName(key.getAlgorithm());
            return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(alg).build(key)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign the CRL of " + issuer.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }
}
