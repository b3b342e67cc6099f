package pkilab.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
