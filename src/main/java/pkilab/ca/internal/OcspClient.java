package pkilab.ca.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The client side of OCSP (RFC 6960): the request a TLS client POSTs to the responder named
 * in a certificate's AIA, and the reading of the signed answer — good, revoked (when, why)
 * or unknown. The answer must be signed by the issuing CA or by a responder certificate the
 * CA issued for OCSPSigning.
 */
public final class OcspClient {
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /** What the responder said about one certificate. */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    /**
     * @param revokedAt revocation time (REVOKED only)
     * @param reason    RFC 5280 reason name, e.g. KEY_COMPROMISE (REVOKED only)
     */
    public record Answer(Status status, Instant revokedAt, String reason) {
    }

    private OcspClient() {
    }

    /** The DER OCSP request for {@code cert}, identified by its issuer's name and key hashes (SHA-1, as every client sends). */
    public static byte[] request(X509Certificate cert, X509Certificate issuer) {
        try {
            OCSPReq req = new OCSPReqBuilder().addRequest(id(cert, issuer)).build();
            return req.getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot build an OCSP request: " + e.getMessage(), e);
        }
    }

    /** Reads a DER OCSP response; throws IOException with a one-line reason when it cannot be trusted or used. */
    public static Answer read(byte[] der, X509Certificate cert, X509Certificate issuer, Instant at) throws IOException {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new IOException("OCSP responder answered status " + resp.getStatus() + " (not successful)");
            }
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            if (!signedByCaOrDelegate(basic, issuer)) {
                throw new IOException("OCSP response is not signed by the issuing CA or its OCSP responder");
            }
            CertificateID want = id(cert, issuer);
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(want)) {
                    continue;
                }
                if (single.getNextUpdate() != null && at.isAfter(single.getNextUpdate().toInstant())) {
                    throw new IOException("OCSP response is stale (nextUpdate " + single.getNextUpdate().toInstant() + ")");
                }
                CertificateStatus s = single.getCertStatus();
                if (s == CertificateStatus.GOOD) {
                    return new Answer(Status.GOOD, null, null);
                }
                if (s instanceof RevokedStatus r) {
                    String reason = r.hasRevocationReason() ? reasonName(r.getRevocationReason()) : "UNSPECIFIED";
                    return new Answer(Status.REVOKED, r.getRevocationTime().toInstant(), reason);
                }
                return new Answer(Status.UNKNOWN, null, null);
            }
            throw new IOException("OCSP response does not mention serial " + cert.getSerialNumber().toString(16));
        } catch (OCSPException | RuntimeException e) {
            throw new IOException("not a usable OCSP response: " + e.getMessage(), e);
        }
    }

    private static boolean signedByCaOrDelegate(BasicOCSPResp basic, X509Certificate issuer) throws IOException {
        try {
            JcaContentVerifierProviderBuilder vb = new JcaContentVerifierProviderBuilder();
            if (basic.isSignatureValid(vb.build(issuer.getPublicKey()))) {
                return true;
            }
            for (X509CertificateHolder responder : basic.getCerts()) {
                if (responder.isSignatureValid(vb.build(issuer.getPublicKey()))
                        && responder.getExtensions() != null
                        && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions()) != null
                        && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                        .hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.getInstance(
                                new org.bouncycastle.asn1.ASN1ObjectIdentifier(OCSP_SIGNING)))
                        && basic.isSignatureValid(vb.build(responder))) {
                    return true;
                }
            }
            return false;
        } catch (OperatorCreationException | OCSPException | org.bouncycastle.cert.CertException | java.security.cert.CertificateException e) {
            throw new IOException("cannot verify the OCSP response signature: " + e.getMessage(), e);
        }
    }

    private static CertificateID id(X509Certificate cert, X509Certificate issuer) throws OCSPException {
        try {
            DigestCalculatorProvider dcp = new JcaDigestCalculatorProviderBuilder().build();
            return new CertificateID(dcp.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        } catch (OperatorCreationException | java.security.cert.CertificateEncodingException e) {
            throw new OCSPException("cannot identify the certificate: " + e.getMessage(), e);
        }
    }

    private static String reasonName(int code) {
        return switch (code) {
            case CRLReason.keyCompromise -> "KEY_COMPROMISE";
            case CRLReason.cACompromise -> "CA_COMPROMISE";
            case CRLReason.affiliationChanged -> "AFFILIATION_CHANGED";
            case CRLReason.superseded -> "SUPERSEDED";
            case CRLReason.cessationOfOperation -> "CESSATION_OF_OPERATION";
            case CRLReason.certificateHold -> "CERTIFICATE_HOLD";
            case CRLReason.removeFromCRL -> "REMOVE_FROM_CRL";
            case CRLReason.privilegeWithdrawn -> "PRIVILEGE_WITHDRAWN";
            case CRLReason.aACompromise -> "AA_COMPROMISE";
            default -> "UNSPECIFIED";
        };
    }
}
