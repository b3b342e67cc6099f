package pkilab.ca;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pkilab.BadInputException;

/**
 * Times and periods as people write them: a period {@code 30d}, {@code 2y}, {@code 12h},
 * {@code 90m}; a time relative to now {@code -30d}, {@code +1y}; or an absolute ISO time
 * {@code 2026-01-01T00:00:00Z} / date {@code 2026-01-01} (midnight UTC).
 */
public final class TimeSpec {
    private static final Pattern PERIOD = Pattern.compile("([+-]?)(\\d{1,6})\\s*(s|m|h|d|w|y)");

    private TimeSpec() {
    }

    /** A signed period such as {@code 5y}, {@code -30d}. Years are 365 days (X.509 has no calendar arithmetic). */
    public static Duration period(String text) {
        Matcher m = PERIOD.matcher(text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException("bad period '" + text + "' (expected a number and a unit s, m, h, d, w or y, e.g. 30d, -1y)");
        }
        long n = Long.parseLong(m.group(2));
        Duration d = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(365 * n);
        };
        return "-".equals(m.group(1)) ? d.negated() : d;
    }

    /** An absolute time, or a period taken relative to {@code now}. */
    public static Instant instant(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new BadInputException("empty time (expected an ISO time like 2026-01-01T00:00:00Z or a relative one like -30d)");
        }
        if (PERIOD.matcher(t.toLowerCase(java.util.Locale.ROOT)).matches()) {
            return now.plus(period(t));
        }
        if (t.equals("now")) {
            return now;
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                throw new BadInputException("bad time '" + text + "' (expected an ISO time like 2026-01-01T00:00:00Z, a date 2026-01-01, or a relative time like -30d, +1y)");
            }
        }
    }
}
