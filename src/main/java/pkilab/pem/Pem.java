package pkilab.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import pkilab.BadInputException;

/** PEM and DER in and out: certificates, CRLs and PKCS#8 private keys. */
public final class Pem {
    private Pem() {
    }

    /** PEM text of certificates, CRLs, or a private key (written as unencrypted PKCS#8, "BEGIN PRIVATE KEY"). */
    public static String encode(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey key) {
                    w.writeObject(new JcaPKCS8Generator(key, null));
                } else if (o instanceof List<?> list) {
                    for (Object item : list) {
                        w.writeObject(item);
                    }
                } else {
                    w.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    public static byte[] encodeBytes(Object... objects) {
        return encode(objects).getBytes(StandardCharsets.US_ASCII);
    }

    /** Every certificate in a PEM file (or a single DER certificate). */
    public static List<X509Certificate> readCertificates(Path file) {
        byte[] data = pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.CERTIFICATES);
        List<X509Certificate> out = parseCertificates(data, file.toString());
        if (out.isEmpty()) {
            throw new BadInputException(file + ": no certificate found (expected PEM 'BEGIN CERTIFICATE' blocks or DER)");
        }
        return out;
    }

    /** Certificates from PEM or DER bytes; {@code what} names the source in errors. */
    public static List<X509Certificate> parseCertificates(byte[] data, String what) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (data.length > 0 && data[0] == 0x30) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(data)));
                return out;
            }
            try (PEMParser p = new PEMParser(new StringReader(new String(data, StandardCharsets.US_ASCII)))) {
                Object o;
                while ((o = p.readObject()) != null) {
                    if (o instanceof X509CertificateHolder h) {
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(h.getEncoded())));
                    }
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new BadInputException(what + ": not a valid certificate file: " + oneLine(e));
        }
        return out;
    }

    /**
     * The DER of every certificate in a PEM file (or a single DER certificate), not parsed: a
     * chain to be judged may hold a certificate that is malformed, and that is a verdict
     * ({@code malformed}), not bad input. Only a file without any certificate block is bad input.
     */
    public static List<byte[]> readCertificateDers(Path file) {
        List<byte[]> out = certificateDers(pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.CERTIFICATES), file.toString());
        if (out.isEmpty()) {
            throw new BadInputException(file + ": no certificate found (expected PEM 'BEGIN CERTIFICATE' blocks or DER)");
        }
        return out;
    }

    /** Certificate blocks from PEM or DER bytes, unparsed; {@code what} names the source in errors. */
    public static List<byte[]> certificateDers(byte[] data, String what) {
        List<byte[]> out = new ArrayList<>();
        if (data.length > 0 && data[0] == 0x30) {
            out.add(data);
            return out;
        }
        try (org.bouncycastle.util.io.pem.PemReader r = new org.bouncycastle.util.io.pem.PemReader(
                new StringReader(new String(data, StandardCharsets.US_ASCII)))) {
            org.bouncycastle.util.io.pem.PemObject o;
            while ((o = r.readPemObject()) != null) {
                if (o.getType().equals("CERTIFICATE") || o.getType().equals("X509 CERTIFICATE")
                        || o.getType().equals("TRUSTED CERTIFICATE")) {
                    out.add(o.getContent());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(what + ": not a valid certificate file: " + oneLine(e));
        }
        return out;
    }

    /**
     * A certificate as the JDK reads it, or — when the JDK refuses it — as Bouncy Castle's more
     * lenient reader does, with the JDK's reason kept ({@code jdkRefusal}); {@code certificate} is
     * null when neither can read it, and {@code jdkRefusal} then says why.
     */
    public record Parsed(X509Certificate certificate, String jdkRefusal) {
    }

    private static final java.security.Provider LENIENT = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    public static Parsed parseLenient(byte[] der) {
        String jdk;
        try {
            return new Parsed((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)), null);
        } catch (CertificateException | RuntimeException e) {
            jdk = oneLine(e);
        }
        try {
            X509Certificate c = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(LENIENT)
                    .getCertificate(new X509CertificateHolder(der));
            return new Parsed(c, jdk);
        } catch (IOException | CertificateException | RuntimeException e) {
            return new Parsed(null, jdk);
        }
    }

    /**
     * A PKCS#10 certificate signing request: the public key to certify and the names asked
     * for (subject CN, and the subjectAltName of its extensionRequest). Its own signature must
     * verify: that proves the requester holds the private key.
     */
    public record Csr(java.security.PublicKey publicKey, String commonName, List<String> dns, List<String> ips) {
    }

    public static Csr readCsr(Path file) {
        byte[] data = pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.CERTIFICATES);
        org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest req = null;
        try {
            if (data.length > 0 && data[0] == 0x30) {
                req = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(data);
            } else {
                try (PEMParser p = new PEMParser(new StringReader(new String(data, StandardCharsets.US_ASCII)))) {
                    Object o;
                    while ((o = p.readObject()) != null && req == null) {
                        if (o instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest r) {
                            req = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(r);
                        }
                    }
                }
            }
            if (req == null) {
                throw new BadInputException(file + ": no certificate signing request found (expected 'BEGIN CERTIFICATE REQUEST')");
            }
            if (!req.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().build(req.getPublicKey()))) {
                throw new BadInputException(file + ": the request's signature does not verify with its own public key (altered after it was made?)");
            }
            String cn = null;
            for (org.bouncycastle.asn1.x500.RDN rdn : req.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)) {
                cn = org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdn.getFirst().getValue());
            }
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            for (org.bouncycastle.asn1.pkcs.Attribute a : req.getAttributes(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                org.bouncycastle.asn1.x509.Extensions exts = org.bouncycastle.asn1.x509.Extensions.getInstance(a.getAttrValues().getObjectAt(0));
                org.bouncycastle.asn1.x509.GeneralNames san = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(exts,
                        org.bouncycastle.asn1.x509.Extension.subjectAlternativeName);
                for (org.bouncycastle.asn1.x509.GeneralName g : san == null ? new org.bouncycastle.asn1.x509.GeneralName[0] : san.getNames()) {
                    if (g.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.dNSName) {
                        dns.add(g.getName().toString());
                    } else if (g.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.iPAddress) {
                        byte[] b = org.bouncycastle.asn1.ASN1OctetString.getInstance(g.getName()).getOctets();
                        ips.add(java.net.InetAddress.getByAddress(b).getHostAddress());
                    }
                }
            }
            return new Csr(req.getPublicKey(), cn, List.copyOf(dns), List.copyOf(ips));
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.pkcs.PKCSException | RuntimeException e) {
            throw new BadInputException(file + ": not a valid certificate signing request: " + oneLine(e));
        }
    }

    /** The private key in a PEM file (PKCS#8, or a traditional RSA/EC key). */
    public static PrivateKey readPrivateKey(Path file) {
        byte[] data = pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.PRIVATE_KEY);
        try (PEMParser p = new PEMParser(new StringReader(new String(data, StandardCharsets.US_ASCII)))) {
            Object o;
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            while ((o = p.readObject()) != null) {
                if (o instanceof PrivateKeyInfo pki) {
                    return conv.getPrivateKey(pki);
                }
                if (o instanceof PEMKeyPair kp) {
                    return conv.getKeyPair(kp).getPrivate();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": not a valid private key: " + oneLine(e));
        }
        throw new BadInputException(file + ": no private key found (expected 'BEGIN PRIVATE KEY')");
    }

    public static X509CRL parseCrl(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new BadInputException("not a valid CRL: " + oneLine(e));
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
