package pkilab.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.verdict.Diagnosis;

/**
 * What one client profile is expected to make of a scenario's server: the handshake passes,
 * or it fails for one {@link Diagnosis}. Written in a scenario's {@code expect:} block as
 *
 * <pre>
 *   email-router: pass
 *   java: {fail: incomplete-chain, why: Java does not fetch the missing CA via AIA}
 *   browser: {pass: true, why: Chromium fetches the missing CA via AIA}
 * </pre>
 *
 * @param pass      whether the client accepts the server's certificate
 * @param diagnosis why it refuses; null when it passes
 * @param why       optional one line for the trainer: why this client differs from the others
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(boolean pass, Diagnosis diagnosis, String why) {
    public static final Expectation PASS = new Expectation(true, null, null);

    public Expectation {
        if (pass && diagnosis != null) {
            throw new IllegalArgumentException("a passing verdict has no diagnosis");
        }
        if (!pass && diagnosis == null) {
            throw new IllegalArgumentException("a failing verdict needs a diagnosis");
        }
    }

    public static Expectation fail(Diagnosis d) {
        return new Expectation(false, d, null);
    }

    /** Binds {@code pass}, {@code {fail: DIAGNOSIS, why: …}} or {@code {pass: true, why: …}}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Expectation parse(JsonNode node) {
        String expected = "expected 'pass' or {fail: DIAGNOSIS} (optionally with why: TEXT)";
        if (node == null || node.isNull()) {
            throw new BadInputException("missing verdict (" + expected + ")");
        }
        if (node.isTextual()) {
            String v = node.asText().trim();
            if (v.equals("pass")) {
                return PASS;
            }
            if (v.equals("fail")) {
                throw new BadInputException("'fail' needs a diagnosis: write {fail: DIAGNOSIS}, e.g. {fail: self-signed}");
            }
            throw new BadInputException("bad verdict '" + v + "' (" + expected + ")");
        }
        if (!node.isObject()) {
            throw new BadInputException("bad verdict " + node + " (" + expected + ")");
        }
        Boolean pass = null;
        Diagnosis diagnosis = null;
        String why = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "fail" -> diagnosis = Diagnosis.parse(f.getValue().asText());
                case "pass" -> {
                    if (!f.getValue().isBoolean() || !f.getValue().asBoolean()) {
                        throw new BadInputException("'pass' must be true (write {fail: DIAGNOSIS} for a failure)");
                    }
                    pass = true;
                }
                case "why" -> why = f.getValue().asText();
                default -> throw new BadInputException("unknown verdict field '" + f.getKey() + "' (known: fail, pass, why)");
            }
        }
        if (pass != null && diagnosis != null) {
            throw new BadInputException("a verdict is either pass or {fail: DIAGNOSIS}, not both");
        }
        if (pass == null && diagnosis == null) {
            throw new BadInputException("bad verdict " + node + " (" + expected + ")");
        }
        return new Expectation(pass != null, diagnosis, why);
    }

    /** {@code pass} or {@code fail: diagnosis}, as tables print it. */
    public String label() {
        return pass ? "pass" : "fail: " + diagnosis.id();
    }

    @Override
    public String toString() {
        return label();
    }
}
