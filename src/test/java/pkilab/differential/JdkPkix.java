package pkilab.differential;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;

import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK as a Java TLS client judges a server: SunJSSE's PKIX trust manager, made from
 * {@link PKIXBuilderParameters} (the case's roots as trust anchors, its time, revocation
 * off), asked {@code checkServerTrusted} with endpoint identification {@code HTTPS} for the
 * host, so the JDK's own CertPath builder and validator, its TLS-server key-usage checks, its
 * {@code jdk.certpath.disabledAlgorithms} and its RFC 2818 host-name check all run. A
 * certificate the JDK cannot parse is a refusal, as it is in a handshake.
 */
final class JdkPkix implements Validator {
    @Override
    public String profile() {
        return "java";
    }

    @Override
    public String name() {
        return "JDK " + Runtime.version().feature() + " PKIX trust manager";
    }

    @Override
    public String unavailable() {
        return null;
    }

    @Override
    public Outcome judge(CaseFiles f) {
        try {
            X509Certificate[] chain = parse(f.c.chain()).toArray(new X509Certificate[0]);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate a : parse(f.c.anchors())) {
                anchors.add(new TrustAnchor(a, null));
            }
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
            params.setRevocationEnabled(false);
            params.setDate(Date.from(f.c.at()));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(params));
            X509ExtendedTrustManager tm = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
            // "UNKNOWN" is what SunJSSE passes for TLS 1.3: the leaf must allow digitalSignature
            tm.checkServerTrusted(chain, "UNKNOWN", new HandshakeView(f.c.host()));
            return new Outcome(true, "trusted");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Outcome(false, message(e));
        }
    }

    private static List<X509Certificate> parse(List<byte[]> ders) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] d : ders) {
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
        }
        return out;
    }

    /** The exception's message with its causes, as a JSSE client would log it. */
    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            String m = t.getClass().getSimpleName() + ": " + t.getMessage();
            if (sb.indexOf(String.valueOf(t.getMessage())) < 0) {
                sb.append(sb.length() == 0 ? "" : " <- ").append(m);
            }
        }
        return sb.toString();
    }
}
