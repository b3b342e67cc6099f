package pkilab.ca;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Everything needed to sign one certificate: who it names, its key, who signs it and how,
 * and the profile template its extensions come from.
 *
 * @param subject    RFC 4514 DN of the subject, most specific first
 * @param publicKey  the subject's public key
 * @param issuer     the issuing CA certificate, or null for a self-signed certificate
 * @param signingKey the issuer's private key (the subject's own key when self-signed)
 * @param dnsNames   subjectAltName dNSName entries (may be empty)
 * @param ipAddresses subjectAltName iPAddress entries (may be empty)
 * @param extKeyUsage EKU names that replace the template's, or null to keep it
 * @param pkiBaseUrl base URL substituted for {pki} in AIA/CDP URLs
 * @param issuerId   the issuing CA's id, substituted for {ca}
 */
public record CertSpec(
        String subject,
        PublicKey publicKey,
        X509Certificate issuer,
        PrivateKey signingKey,
        SignatureHash signature,
        BigInteger serial,
        Instant notBefore,
        Instant notAfter,
        CertTemplate template,
        List<String> dnsNames,
        List<String> ipAddresses,
        List<String> extKeyUsage,
        String pkiBaseUrl,
        String issuerId) {
}
