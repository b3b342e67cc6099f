package pkilab.ca;

import java.util.Arrays;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/** CRLReason codes of RFC 5280 §5.3.1, spelled as the RFC names them. */
public enum RevocationReason {
    unspecified(0), keyCompromise(1), cACompromise(2), affiliationChanged(3), superseded(4),
    cessationOfOperation(5), certificateHold(6), removeFromCRL(8), privilegeWithdrawn(9), aACompromise(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RevocationReason parse(String s) {
        for (RevocationReason r : values()) {
            if (r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new BadInputException("unknown revocation reason '" + s + "' (expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
