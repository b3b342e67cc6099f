package pkilab.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pkilab.BadInputException;
import pkilab.ca.CaRecords;
import pkilab.ca.IssuedCertificate;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LabHome;
import pkilab.ca.LeafRequest;
import pkilab.ca.Names;
import pkilab.ca.RevocationReason;
import pkilab.ca.SignatureHash;
import pkilab.ca.TimeSpec;
import pkilab.pem.Pem;
import pkilab.pem.Pkcs12;

/** {@code pkilab cert issue|sign|revoke}. */
@Command(name = "cert", description = "Issue, sign and revoke certificates.",
        subcommands = {CertCommand.Issue.class, CertCommand.Sign.class, CertCommand.Revoke.class},
        footerHeading = "%nEXAMPLES%n",
        footer = {"  pkilab cert issue --ca public --dns mail.contoso.test",
            "  pkilab cert issue --ca self --dns exch01.contoso.test",
            "  pkilab cert sign --ca enterprise --csr exch01.csr",
            "  pkilab cert revoke --ca public --cert .pkilab/certs/mail.contoso.test.crt",
            ExitCodes.HELP_SECTION})
public final class CertCommand {
    /** Nothing the user made is replaced without --force. */
    private static void refuseExisting(Map<String, Path> files, boolean force) {
        if (!force) {
            for (Path f : files.values()) {
                if (Files.exists(f)) {
                    throw new BadInputException(LabCommand.show(f) + " exists; not replacing it without --force");
                }
            }
        }
    }

    /** The PKCS#12 password when no --password-file is given (the one Java's cacerts and mkcert use). */
    public static final String DEFAULT_P12_PASSWORD = "changeit";

    @Command(name = "issue", description = "Issue a leaf certificate from a lab CA (or self-signed).",
            footerHeading = "%nEXAMPLES%n",
            footer = {
                "  pkilab cert issue --ca public --dns mail.contoso.test \\",
                "                    --dns autodiscover.contoso.test",
                "  pkilab cert issue --ca self --dns exch01.contoso.test   Exchange's own default",
                "  pkilab cert issue --ca enterprise --dns '*.contoso.test' --key ec-p256 --p12",
                "  pkilab cert issue --ca public --dns old.contoso.test \\",
                "                    --not-before -60d --not-after -1d     expired yesterday",
                "  pkilab cert issue --ca public --ip 127.0.0.1            an IP address SAN",
                "",
                "Writes NAME.crt, NAME.key (0600), NAME-chain.pem (the issuers, issuing CA",
                "first, root last), NAME-fullchain.pem (leaf + intermediates: what a server",
                "sends) and, with --p12, NAME.p12. NAME is the first DNS name (* written as",
                "_wildcard), else the CN, else the IP.",
                "--ca self puts the short (NetBIOS) name in the subject, as Exchange does:",
                "--dns exch01.contoso.test gives CN=EXCH01.",
                ExitCodes.HELP_SECTION})
    static final class Issue extends LabCommand implements Callable<Integer> {
        @Option(names = "--ca", required = true, paramLabel = "NAME", description = "Issuing CA (enterprise, public…) or 'self'.")
        String ca;
        @Option(names = "--dns", paramLabel = "NAME", description = "DNS name for the subjectAltName (repeatable; *.domain allowed).")
        List<String> dns = new ArrayList<>();
        @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP address for the subjectAltName (repeatable).")
        List<String> ip = new ArrayList<>();
        @Option(names = "--cn", paramLabel = "NAME", description = "Subject common name (default: the first DNS name; --ca self: its first label in capitals, as EXCH01).")
        String cn;
        @Option(names = "--no-san", description = "No subjectAltName: the name is only in the CN.")
        boolean noSan;
        @Option(names = "--not-before", paramLabel = "TIME", description = "ISO time or relative (-30d). Default: 1 hour ago.")
        String notBefore;
        @Option(names = "--not-after", paramLabel = "TIME", description = "ISO time or relative (+1y).")
        String notAfter;
        @Option(names = "--days", paramLabel = "N", description = "Lifetime in days (default: the profile's validity).")
        Integer days;
        @Option(names = "--key", paramLabel = "TYPE", description = "rsa-512, rsa-1024, rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 (default: the profile's).")
        String key;
        @Option(names = "--signature", paramLabel = "HASH", description = "md5, sha1, sha256, sha384 (default: the profile's).")
        String signature;
        @Option(names = "--eku", paramLabel = "USAGE", split = ",", description = "Extended key usages replacing the profile's: serverAuth, clientAuth, … or OIDs.")
        List<String> eku;
        @Option(names = "--client", description = "A client certificate for mutual TLS: extKeyUsage clientAuth, keyUsage digitalSignature.")
        boolean client;

        @Option(names = "--ku", paramLabel = "USAGE", split = ",",
                description = "keyUsage replacing the profile's, critical: digitalSignature, keyEncipherment, keyAgreement, keyCertSign, cRLSign…")
        List<String> ku;

        @Option(names = "--ca-true", description = "Mark the certificate a CA (basicConstraints cA TRUE), as some servers' certificates wrongly are.")
        boolean caTrue;

        @Option(names = "--policy", paramLabel = "OID", description = "certificatePolicies OID replacing the profile's (repeatable), e.g. 2.23.140.1.1 (EV).")
        List<String> policy;

        @Option(names = "--critical-ext", paramLabel = "OID[=VALUE]",
                description = "An extra extension marked critical (repeatable); VALUE is hex DER, utf8:TEXT, bmp:TEXT or int:N (default: a NULL).")
        List<String> criticalExt = new ArrayList<>();

        @Option(names = "--profile", paramLabel = "NAME", description = "Leaf profile of the CA (default: its first).")
        String profile;
        @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: certs/ in the lab home).")
        Path out;
        @Option(names = "--p12", description = "Also write NAME.p12 (AES-256, SHA-256: OpenSSL 3 reads it without -legacy).")
        boolean p12;
        @Option(names = "--password-file", paramLabel = "FILE", description = "PKCS#12 password, first line of FILE (default: changeit).")
        Path passwordFile;
        @Option(names = "--friendly-name", paramLabel = "NAME", description = "PKCS#12 friendly name (default: NAME; 'Microsoft Exchange' for --ca self).")
        String friendlyName;
        @Option(names = "--force", description = "Replace files that already exist.")
        boolean force;
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Override
        public Integer call() throws IOException {
            if (days != null && notAfter != null) {
                throw new BadInputException("give --days or --not-after, not both");
            }
            if (days != null && days <= 0) {
                throw new BadInputException("--days must be positive, found " + days);
            }
            if (passwordFile != null && !p12) {
                throw new BadInputException("--password-file goes with --p12");
            }
            if (friendlyName != null && !p12) {
                throw new BadInputException("--friendly-name goes with --p12");
            }
            if (client && eku != null) {
                throw new BadInputException("--client sets the extKeyUsage to clientAuth; give --client or --eku, not both");
            }
            Instant now = Instant.now();
            LeafRequest req = new LeafRequest().ca(ca).profile(profile)
                    .dns(dns.toArray(new String[0])).ip(ip.toArray(new String[0]))
                    .commonName(cn).noSan(noSan)
                    .notBefore(notBefore == null ? null : TimeSpec.instant(notBefore, now))
                    .notAfter(notAfter == null ? null : TimeSpec.instant(notAfter, now))
                    .lifetime(days == null ? null : java.time.Duration.ofDays(days))
                    .key(key == null ? null : KeyType.parse(key))
                    .signature(signature == null ? null : SignatureHash.parse(signature))
                    .extKeyUsage(client ? List.of("clientAuth") : eku)
                    .keyUsage(ku != null ? ku : client ? List.of("digitalSignature") : null)
                    .markAsCa(caTrue)
                    .policies(policy);
            for (String e : criticalExt) {
                int eq = e.indexOf('=');
                req.extension(eq < 0 ? e : e.substring(0, eq), true, eq < 0 ? null : e.substring(eq + 1));
            }
            if (dns.isEmpty() && ip.isEmpty() && cn == null) {
                throw new BadInputException("name the certificate: give --dns, --ip or --cn");
            }
            for (String d : dns) {
                Names.dns(d);
            }
            for (String i : ip) {
                Names.ip(i);
            }
            char[] password = password();
            // the file is named as the certificate names it: MAIL.Contoso.Test. and [::1] are
            // written mail.contoso.test and ::1
            String stem = Names.fileStem(!dns.isEmpty() ? Names.dns(dns.get(0)) : cn != null ? cn : Names.ip(ip.get(0)));
            Lab lab = lab();
            Path dir = (out == null ? lab.home().certsDir() : out).toAbsolutePath().normalize();
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("certificate", dir.resolve(stem + ".crt"));
            files.put("key", dir.resolve(stem + ".key"));
            files.put("chain", dir.resolve(stem + "-chain.pem"));
            files.put("fullchain", dir.resolve(stem + "-fullchain.pem"));
            if (p12) {
                files.put("p12", dir.resolve(stem + ".p12"));
            }
            refuseExisting(files, force);
            // written under the lab lock (checked again there: another pkilab issuing the same name
            // at the same time would otherwise leave its key beside this certificate, or the
            // reverse), and recorded by the CA only once every file is written
            IssuedCertificate issued = lab.issue(req, made -> write(made, files, dir, stem, password));
            String serial = CaRecords.hex(issued.certificate().getSerialNumber());
            if (format == OutputFormat.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ca", issued.caId());
                m.put("serial", serial);
                m.put("subject", issued.certificate().getSubjectX500Principal().getName());
                m.put("notAfter", issued.certificate().getNotAfter().toInstant().toString());
                Map<String, String> paths = new LinkedHashMap<>();
                files.forEach((k, v) -> paths.put(k, v.toString()));
                m.put("files", paths);
                out().println(json(m));
                return ExitCodes.OK;
            }
            String subject = issued.certificate().getSubjectX500Principal().getName();
            out().println("Issued " + (subject.isEmpty() ? "(empty subject)" : subject) + " by "
                    + (issued.selfSigned() ? "itself (self-signed)" : issued.caId()) + ", serial " + serial
                    + ", valid until " + issued.certificate().getNotAfter().toInstant());
            for (Map.Entry<String, Path> e : files.entrySet()) {
                out().printf("  %-12s %s%n", e.getKey(), show(e.getValue()));
            }
            if (p12 && passwordFile == null) {
                out().println("  (PKCS#12 password: " + DEFAULT_P12_PASSWORD + ")");
            }
            return ExitCodes.OK;
        }

        /** Writes the issued files; on a failure removes the ones this run made, so no half set is left. */
        private void write(IssuedCertificate issued, Map<String, Path> files, Path dir, String stem, char[] password) {
            refuseExisting(files, force);
            List<Path> made = new ArrayList<>();
            for (Path f : files.values()) {
                if (!Files.exists(f)) {
                    made.add(f);
                }
            }
            boolean done = false;
            try {
                LabHome.privateDir(dir);
                LabHome.writeAtomic(files.get("key"), Pem.encodeBytes(issued.key()), true);
                LabHome.writeAtomic(files.get("certificate"), Pem.encodeBytes(issued.certificate()), false);
                LabHome.writeAtomic(files.get("chain"), Pem.encodeBytes(issued.issuers()), false);
                LabHome.writeAtomic(files.get("fullchain"), Pem.encodeBytes(issued.serverChain()), false);
                if (p12) {
                    String fn = friendlyName != null ? friendlyName : Lab.SELF.equals(issued.caId()) ? "Microsoft Exchange" : stem;
                    List<X509Certificate> chain = new ArrayList<>(issued.serverChain());
                    if (!issued.selfSigned()) {
                        chain.add(issued.root());
                    }
                    LabHome.writeAtomic(files.get("p12"), Pkcs12.keyStore(fn, issued.key(), chain, password), true);
                }
                done = true;
            } finally {
                if (!done) {
                    for (Path f : made) {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException e) {
                            // the error being reported says more than this one
                        }
                    }
                }
            }
        }


        private char[] password() throws IOException {
            if (passwordFile == null) {
                return DEFAULT_P12_PASSWORD.toCharArray();
            }
            if (Files.isDirectory(passwordFile)) {
                throw new BadInputException("--password-file " + passwordFile + " is a folder (expected a file whose first line is the password)");
            }
            List<String> lines = pkilab.InputFiles.readUtf8(passwordFile, pkilab.InputFiles.Kind.PASSWORD, "--password-file " + passwordFile)
                    .lines().toList();
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new BadInputException("--password-file " + passwordFile + ": the first line (the password) is empty");
            }
            return lines.get(0).toCharArray();
        }
    }

    @Command(name = "sign", description = "Sign a certificate signing request (CSR) with a lab CA; the key stays with its owner.",
            footerHeading = "%nEXAMPLES%n",
            footer = {
                "  pkilab cert sign --ca enterprise --csr exch01.csr",
                "  pkilab cert sign --ca public --csr web.csr --dns web.contoso.test --days 90",
                "",
                "The names come from the request's subjectAltName (else its CN); --dns/--ip",
                "replace them. Writes NAME.crt, NAME-chain.pem and NAME-fullchain.pem, as",
                "cert issue does, without a key: the private key never left the requester",
                "(New-ExchangeCertificate -GenerateRequest, openssl req -new, certreq).",
                ExitCodes.HELP_SECTION})
    static final class Sign extends LabCommand implements Callable<Integer> {
        @Option(names = "--ca", required = true, paramLabel = "NAME", description = "Issuing CA (enterprise, public…).")
        String ca;

        @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The PKCS#10 request, PEM or DER.")
        Path csr;

        @Option(names = "--dns", paramLabel = "NAME", description = "DNS names replacing the request's (repeatable).")
        List<String> dns = new ArrayList<>();

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP addresses replacing the request's (repeatable).")
        List<String> ip = new ArrayList<>();

        @Option(names = "--days", paramLabel = "N", description = "Lifetime in days (default: the profile's validity).")
        Integer days;

        @Option(names = "--profile", paramLabel = "NAME", description = "Leaf profile of the CA (default: its first).")
        String profile;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: certs/ in the lab home).")
        Path out;

        @Option(names = "--force", description = "Replace files that already exist.")
        boolean force;

        @Override
        public Integer call() {
            if (days != null && days <= 0) {
                throw new BadInputException("--days must be positive, found " + days);
            }
            Pem.Csr request = Pem.readCsr(csr);
            List<String> names = !dns.isEmpty() || !ip.isEmpty() ? dns : !request.dns().isEmpty() || !request.ips().isEmpty()
                    ? request.dns() : request.commonName() == null ? List.of() : List.of(request.commonName());
            List<String> ips = !dns.isEmpty() || !ip.isEmpty() ? ip : request.ips();
            if (names.isEmpty() && ips.isEmpty()) {
                throw new BadInputException(csr + ": the request names no host (no subjectAltName, no CN); give --dns or --ip");
            }
            for (String d : names) {
                Names.dns(d);
            }
            for (String i : ips) {
                Names.ip(i);
            }
            LeafRequest req = new LeafRequest().ca(ca).profile(profile).publicKey(request.publicKey())
                    .dns(names.toArray(new String[0])).ip(ips.toArray(new String[0]))
                    .lifetime(days == null ? null : java.time.Duration.ofDays(days));
            String stem = Names.fileStem(!names.isEmpty() ? Names.dns(names.get(0)) : Names.ip(ips.get(0)));
            Lab lab = lab();
            Path dir = (out == null ? lab.home().certsDir() : out).toAbsolutePath().normalize();
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("certificate", dir.resolve(stem + ".crt"));
            files.put("chain", dir.resolve(stem + "-chain.pem"));
            files.put("fullchain", dir.resolve(stem + "-fullchain.pem"));
            refuseExisting(files, force);
            IssuedCertificate issued = lab.issue(req, made -> {
                LabHome.privateDir(dir);
                LabHome.writeAtomic(files.get("certificate"), Pem.encodeBytes(made.certificate()), false);
                LabHome.writeAtomic(files.get("chain"), Pem.encodeBytes(made.issuers()), false);
                LabHome.writeAtomic(files.get("fullchain"), Pem.encodeBytes(made.serverChain()), false);
            });
            out().println("Signed " + issued.certificate().getSubjectX500Principal().getName() + " by " + issued.caId()
                    + ", serial " + CaRecords.hex(issued.certificate().getSerialNumber()) + ", valid until "
                    + issued.certificate().getNotAfter().toInstant());
            for (Map.Entry<String, Path> e : files.entrySet()) {
                out().printf("  %-12s %s%n", e.getKey(), show(e.getValue()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a certificate: later CRLs and OCSP answers list it.",
            footerHeading = "%nEXAMPLES%n",
            footer = {"  pkilab cert revoke --ca public --cert .pkilab/certs/mail.contoso.test.crt \\",
                "                     --reason keyCompromise",
                "  pkilab cert revoke --ca enterprise --serial 5F3A…",
                "",
                "pkilab ca show CA --issued lists the serial numbers. Revoking again changes",
                "nothing. The server's CRL and OCSP answers show it at once; pkilab crl --ca CA",
                "writes the CRL to files.",
                ExitCodes.HELP_SECTION})
    static final class Revoke extends LabCommand implements Callable<Integer> {
        @Option(names = "--ca", required = true, paramLabel = "NAME", description = "The CA that issued it.")
        String ca;
        @Option(names = "--serial", paramLabel = "HEX", description = "Serial number in hex.")
        String serial;
        @Option(names = "--cert", paramLabel = "FILE", description = "The certificate file (PEM).")
        Path cert;
        @Option(names = "--reason", defaultValue = "unspecified", paramLabel = "REASON",
                description = "RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, … (default: ${DEFAULT-VALUE})")
        String reason;

        @Override
        public Integer call() {
            if ((serial == null) == (cert == null)) {
                throw new BadInputException("give exactly one of --serial HEX or --cert FILE");
            }
            BigInteger sn;
            if (cert != null) {
                sn = Pem.readCertificates(cert).get(0).getSerialNumber();
            } else {
                try {
                    sn = new BigInteger(serial.replace(":", ""), 16);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--serial '" + serial + "' is not a hex number");
                }
            }
            RevocationReason r = RevocationReason.parse(reason);
            Lab lab = lab();
            lab.ca(ca);
            boolean already = CaRecords.find(lab.records(ca), sn).map(CaRecords.Entry::isRevoked).orElse(false);
            CaRecords.Entry e = lab.revoke(ca, sn, r, Instant.now());
            String subject = e.subject == null || e.subject.isEmpty() ? "empty subject" : e.subject;
            if (already) {
                // a revocation stands as first recorded: CRLs and OCSP answers already carry it
                out().println("Serial " + e.serial + " (" + subject + ") was already revoked at " + e.revokedAt + ", reason " + e.reason
                        + (e.reason.equals(r.name()) ? "" : "; it stays " + e.reason + ", not " + r.name()) + ". Nothing changed.");
                return ExitCodes.OK;
            }
            out().println("Revoked serial " + e.serial + " (" + subject + ") at " + e.revokedAt + ", reason " + e.reason);
            out().println("Next: pkilab crl --ca " + ca + "   (or let the server answer CRL and OCSP requests)");
            return ExitCodes.OK;
        }
    }
}
