package pkilab.ca.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import pkilab.ca.SignatureHash;

/**
 * Answers OCSP requests (RFC 6960) for one CA, signed by the CA's own key — the simplest
 * responder set-up, where no delegated OCSP-signing certificate is needed.
 *
 * <p>Each requested certificate is answered {@code good}, {@code revoked} (with time and
 * reason) or {@code unknown} (a serial the CA never issued). A request naming another
 * issuer gets {@code unauthorized}, one that does not parse gets {@code malformedRequest};
 * a nonce in the request is echoed back so the client can tell the answer is fresh.
 */
public final class OcspResponder {
    /** How long an answer may be cached by the client (nextUpdate − thisUpdate). */
    static final Duration VALIDITY = Duration.ofHours(1);

    /** The status of one serial as the CA's records know it. */
    public record Status(Kind kind, Instant revokedAt, int reasonCode) {
        public static final Status GOOD = new Status(Kind.GOOD, null, 0);
        public static final Status UNKNOWN = new Status(Kind.UNKNOWN, null, 0);

        public static Status revoked(Instant when, int reasonCode) {
            return new Status(Kind.REVOKED, when, reasonCode);
        }
    }

    /** The three answers of RFC 6960 §2.2. */
    public enum Kind { GOOD, REVOKED, UNKNOWN }

    private OcspResponder() {
    }

    /** The DER-encoded OCSPResponse for {@code requestDer}. Never throws for bad requests: they get an error status. */
    public static byte[] respond(X509Certificate ca, PrivateKey caKey, byte[] requestDer,
                                 Function<BigInteger, Status> statusOf, Instant now) {
        OCSPReq request;
        Req[] items;
        try {
            request = new OCSPReq(requestDer);
            items = request.getRequestList();
        } catch (IOException | RuntimeException e) {
            return error(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        if (items.length == 0) {
            return error(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            X509CertificateHolder issuer = new JcaX509CertificateHolder(ca);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            JcaBasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(ca.getPublicKey(),
                    digests.get(CertificateID.HASH_SHA1));
            Date thisUpdate = Date.from(now);
            Date nextUpdate = Date.from(now.plus(VALIDITY));
            for (Req r : items) {
                CertificateID id = r.getCertID();
                if (!id.matchesIssuer(issuer, digests)) {
                    return error(OCSPRespBuilder.UNAUTHORIZED);
                }
                b.addResponse(id, certificateStatus(statusOf.apply(id.getSerialNumber())), thisUpdate, nextUpdate, null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            String alg = SignatureHash.SHA256.jcaName(caKey.getAlgorithm());
            BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(alg).build(caKey),
                    new X509CertificateHolder[] {issuer}, thisUpdate);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot sign an OCSP response as " + ca.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    private static CertificateStatus certificateStatus(Status s) {
        return switch (s.kind()) {
            case GOOD -> CertificateStatus.GOOD;
            case REVOKED -> new RevokedStatus(Date.from(s.revokedAt()), s.reasonCode());
            case UNKNOWN -> new UnknownStatus();
        };
    }

    private static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
