package pkilab.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import pkilab.BadInputException;

/** The scenario vocabulary's spelling: enum constants written lower-case with hyphens ({@code NOT_A_CA} → {@code not-a-ca}). */
final class Words {
    private Words() {
    }

    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (id(e).equals(v)) {
                return e;
            }
        }
        throw new BadInputException("unknown " + what + " '" + text + "' (expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Words::id).collect(Collectors.joining(", ")) + ")");
    }
}
