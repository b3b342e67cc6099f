package pkilab.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.InputFiles;
import pkilab.pem.Pem;
import pkilab.probe.Probe;

/**
 * The client certificate a probe presents when the server asks for one (mutual TLS): as PEM
 * files ({@code --client-cert} with the certificate first, then its intermediates, and
 * {@code --client-key}), or as one PKCS#12 file as Windows exports it ({@code --client-p12},
 * its password in a file). Without them the probe presents none, as most clients do.
 */
final class ClientCertificateOptions {
    @Option(names = "--client-cert", paramLabel = "PEM",
            description = "Client certificate to present if the server asks for one (mutual TLS): the certificate, then its intermediates.")
    Path cert;

    @Option(names = "--client-key", paramLabel = "PEM", description = "The private key of --client-cert (PKCS#8 or traditional PEM).")
    Path key;

    @Option(names = "--client-p12", paramLabel = "FILE", description = "Client certificate and key as one PKCS#12 (.pfx) file, instead of --client-cert/--client-key.")
    Path p12;

    @Option(names = "--client-p12-password-file", paramLabel = "FILE", description = "File whose first line is the --client-p12 password (default: empty).")
    Path p12Password;

    /** The certificate to present, or null when none was given; every mistake is one line of bad input. */
    Probe.ClientCertificate read() {
        if (p12 != null && (cert != null || key != null)) {
            throw new BadInputException("give --client-cert with --client-key, or --client-p12, not both");
        }
        if (p12Password != null && p12 == null) {
            throw new BadInputException("--client-p12-password-file goes with --client-p12");
        }
        if (p12 != null) {
            return fromP12();
        }
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null) {
            throw new BadInputException("--client-key needs --client-cert (the certificate it belongs to, PEM)");
        }
        if (key == null) {
            throw new BadInputException("--client-cert needs --client-key (the certificate's private key, PEM)");
        }
        List<X509Certificate> chain = Pem.readCertificates(cert);
        PrivateKey k = Pem.readPrivateKey(key);
        checkPair(chain.get(0), k, key + " does not belong to the certificate in " + cert);
        return new Probe.ClientCertificate(k, chain);
    }

    private Probe.ClientCertificate fromP12() {
        char[] password = p12Password == null ? new char[0]
                : new String(InputFiles.read(p12Password, InputFiles.Kind.SETTINGS), StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
        byte[] data = InputFiles.read(p12, InputFiles.Kind.CERTIFICATES);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(data), password);
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                String alias = e.nextElement();
                if (ks.isKeyEntry(alias)) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : ks.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    PrivateKey k = (PrivateKey) ks.getKey(alias, password);
                    checkPair(chain.get(0), k, p12 + ": its key does not belong to its certificate");
                    return new Probe.ClientCertificate(k, chain);
                }
            }
            throw new BadInputException(p12 + ": no private key with a certificate in it (expected a .pfx exported with its key)");
        } catch (IOException e) {
            throw new BadInputException("cannot read --client-p12 " + p12 + ": wrong password or not a PKCS#12 file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (GeneralSecurityException e) {
            throw new BadInputException("cannot read --client-p12 " + p12 + ": " + e.getMessage());
        }
    }

    /** Signs and verifies a few bytes: the one check that works for every key type. */
    private static void checkPair(X509Certificate c, PrivateKey k, String mismatch) {
        try {
            String alg = "EC".equals(k.getAlgorithm()) ? "SHA256withECDSA" : "RSA".equals(k.getAlgorithm()) ? "SHA256withRSA" : k.getAlgorithm();
            byte[] probe = "pkilab".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(k);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(c.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new BadInputException(mismatch);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(mismatch + " (" + e.getMessage() + ")");
        }
    }
}
