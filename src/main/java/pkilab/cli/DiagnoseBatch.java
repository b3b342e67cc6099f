package pkilab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pkilab.BadInputException;
import pkilab.ca.TimeSpec;
import pkilab.pem.Pem;
import pkilab.probe.ChainInput;
import pkilab.probe.DiagnosisEngine;
import pkilab.scenario.ClientProfiles;
import pkilab.verdict.ClientProfile;
import pkilab.verdict.DiagnosisResult;
import pkilab.verdict.Finding;
import pkilab.verdict.Verdict;

/**
 * {@code pkilab diagnose --batch}: many chains judged in one JVM, one JSON case per input line
 * and one JSON result per output line, for scripts and test suites that would otherwise start
 * a process per chain. A case names its files relative to the batch file's folder:
 *
 * <pre>
 * {"id": "c1", "chain": "c1/chain.pem", "trust": ["root.pem"], "host": "a.test", "at": "2026-01-01T00:00:00Z", "profile": "openssl"}
 * {"id": "c2", "chainPem": "-----BEGIN CERTIFICATE-----\n…", "host": "b.test"}
 * </pre>
 *
 * Without {@code trust}/{@code trustPem} a case trusts the profile's lab roots. A line that is
 * not a case is answered with {@code {"line": N, "error": "…"}} and the batch goes on.
 */
final class DiagnoseBatch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path base;
    private final ClientProfiles profiles;
    private final String defaultProfile;
    private final Function<ClientProfile, ClientOptions.Trust> labTrust;
    private final Map<Path, List<X509Certificate>> trustFiles = new HashMap<>();
    private final Map<ClientProfile, ClientOptions.Trust> labTrusts = new HashMap<>();
    int passed;
    int failed;
    int errors;

    DiagnoseBatch(Path base, ClientProfiles profiles, String defaultProfile, Function<ClientProfile, ClientOptions.Trust> labTrust) {
        this.base = base;
        this.profiles = profiles;
        this.defaultProfile = defaultProfile;
        this.labTrust = labTrust;
    }

    void run(BufferedReader in, PrintWriter out) throws IOException {
        String line;
        int n = 0;
        Instant now = Instant.now();
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> result;
            try {
                result = judge(line, now);
                result.put("line", n);
            } catch (BadInputException e) {
                errors++;
                result = new LinkedHashMap<>();
                result.put("line", n);
                result.put("error", e.getMessage());
            }
            out.println(JSON.writeValueAsString(result));
        }
        out.flush();
    }

    private Map<String, Object> judge(String line, Instant now) {
        JsonNode c;
        try {
            c = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException("not a JSON object: " + e.getOriginalMessage());
        }
        if (c == null || !c.isObject()) {
            throw new BadInputException("expected a JSON object {\"chain\": …, \"host\": …}");
        }
        String host = text(c, "host", null);
        if (host == null) {
            throw new BadInputException("missing field 'host'");
        }
        ClientProfile profile = profiles.get(text(c, "profile", defaultProfile));
        String at = text(c, "at", text(c, "time", null));
        Instant when = at == null ? now : TimeSpec.instant(at, now);
        List<byte[]> chain;
        if (c.has("chainPem")) {
            chain = Pem.certificateDers(text(c, "chainPem", "").getBytes(StandardCharsets.US_ASCII), "chainPem");
        } else if (c.has("chain")) {
            chain = Pem.readCertificateDers(base.resolve(text(c, "chain", "")));
        } else {
            throw new BadInputException("missing field 'chain' (a PEM file) or 'chainPem' (PEM text)");
        }
        if (chain.isEmpty()) {
            throw new BadInputException("'chainPem' holds no certificate");
        }
        List<X509Certificate> roots = new ArrayList<>();
        Map<String, String> labCas = Map.of();
        if (c.has("trustPem")) {
            roots.addAll(Pem.parseCertificates(text(c, "trustPem", "").getBytes(StandardCharsets.US_ASCII), "trustPem"));
        }
        if (c.has("trust")) {
            JsonNode t = c.get("trust");
            for (JsonNode f : t.isArray() ? t : List.of(t)) {
                Path p = base.resolve(f.asText());
                roots.addAll(trustFiles.computeIfAbsent(p, Pem::readCertificates));
            }
        }
        if (!c.has("trust") && !c.has("trustPem")) {
            ClientOptions.Trust t = labTrusts.computeIfAbsent(profile, labTrust);
            roots.addAll(t.roots());
            labCas = t.labCas();
        }
        DiagnosisResult r = DiagnosisEngine.diagnose(ChainInput.ofDer(chain, roots, host, labCas), profile, when, null);
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.has("id")) {
            m.put("id", c.get("id").asText());
        }
        m.put("profile", profile.id());
        m.put("verdict", r.verdict().id());
        m.put("diagnoses", r.failures().stream().map(Finding::id).distinct().toList());
        m.put("findings", r.findings().stream().map(Finding::toMap).toList());
        if (r.verdict() == Verdict.PASS) {
            passed++;
        } else {
            failed++;
        }
        return m;
    }

    private static String text(JsonNode c, String field, String dflt) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new BadInputException("field '" + field + "': expected text, found " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }
}
