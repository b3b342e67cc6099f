package pkilab.differential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The differential matrix: for every case and every profile, what the profile's real validator
 * said and what pkilab said under that profile. Written as JSON for the record and summed up
 * as agreement per validator and the number of chains pkilab accepts that its validator
 * refuses (the dangerous direction: a support engineer would be told a broken chain is fine).
 */
final class Matrix {
    /** One case under one profile. */
    record Row(String caseId, String rule, String description, String profile, String validator, String validatorVerdict,
               String validatorText, String pkilabVerdict, List<String> pkilabDiagnoses, String named, List<String> validatorNames) {
        boolean agree() {
            return validatorVerdict.equals(pkilabVerdict);
        }

        /** Both refuse: does the validator's own text mean the fault pkilab says this client names? */
        boolean bothFail() {
            return validatorVerdict.equals("fail") && pkilabVerdict.equals("fail");
        }

        boolean sameFault() {
            return bothFail() && validatorNames.contains(named);
        }

        boolean pkilabAcceptsValidatorRefuses() {
            return pkilabVerdict.equals("pass") && validatorVerdict.equals("fail");
        }
    }

    final List<Row> rows = new ArrayList<>();
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** validator → case id → why it could not be asked that case. */
    final Map<String, Map<String, String>> notRun = new LinkedHashMap<>();

    /**
     * Per validator: agreeing rows, all rows, rows pkilab accepts and the validator refuses,
     * rows both refuse, and of those the rows where the validator's text names pkilab's fault.
     */
    Map<String, int[]> summary() {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Row r : rows) {
            int[] s = m.computeIfAbsent(r.validator() + " [" + r.profile() + "]", k -> new int[5]);
            s[0] += r.agree() ? 1 : 0;
            s[1]++;
            s[2] += r.pkilabAcceptsValidatorRefuses() ? 1 : 0;
            s[3] += r.bothFail() ? 1 : 0;
            s[4] += r.sameFault() ? 1 : 0;
        }
        return m;
    }

    String summaryText(int cases) {
        StringBuilder sb = new StringBuilder("differential: " + cases + " cases\n");
        summary().forEach((v, s) -> sb.append(String.format("  %-48s agree %3d/%3d   pkilab accepts, validator refuses: %d"
                + "   same fault named %3d/%3d%n", v, s[0], s[1], s[2], s[4], s[3])));
        skipped.forEach((v, why) -> sb.append("  ").append(v).append(": skipped, ").append(why).append('\n'));
        notRun.forEach((v, m) -> {
            Map.Entry<String, String> first = m.entrySet().iterator().next();
            sb.append(String.format("  %s: not run on %d case(s), e.g. %s: %s%n", v, m.size(), first.getKey(), first.getValue()));
        });
        return sb.toString();
    }

    /** Writes the matrix atomically (a temporary file moved into place). */
    void write(Path file, int cases) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cases", cases);
        Map<String, Object> sum = new TreeMap<>();
        summary().forEach((v, s) -> sum.put(v, Map.of("agree", s[0], "total", s[1], "pkilabAcceptsValidatorRefuses", s[2],
                "bothFail", s[3], "sameFault", s[4])));
        doc.put("summary", sum);
        doc.put("skipped", skipped);
        doc.put("notRun", notRun);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.caseId());
            m.put("rule", r.rule());
            m.put("description", r.description());
            m.put("profile", r.profile());
            m.put("validator", r.validator());
            m.put("validatorVerdict", r.validatorVerdict());
            m.put("validatorText", r.validatorText());
            m.put("pkilabVerdict", r.pkilabVerdict());
            m.put("pkilabDiagnoses", r.pkilabDiagnoses());
            m.put("agree", r.agree());
            m.put("named", r.named());
            m.put("validatorNames", r.validatorNames());
            m.put("sameFault", r.sameFault());
            out.add(m);
        }
        doc.put("rows", out);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), doc);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
