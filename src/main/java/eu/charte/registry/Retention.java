package eu.charte.registry;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a cookie lifetime written by people ("2 years", "13 months", "30 minutes", "session", "Session to 30 days")
 * as seconds. The answer is null for a session cookie and for anything that does not state one duration:
 * "Persistent", "forever", "Varies", a date, alternatives ("1 hour or longer", "30 minutes, 3w or 1y"), conditions
 * ("14 days if you select Remember Me"). A range gives its upper bound: what a charter must declare is the longest
 * the cookie may live. A year is 365 days, a week 7 days, and n months are n × 365 / 12 days rounded down, so that
 * 12 months are a year and 13 months are the CNIL's 395 days.
 */
final class Retention {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private static final Pattern RANGE = Pattern.compile("(.+?) (?:to|till|until|-) (.+)");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}) ?([a-z]+)\\.?(?: (.*))?");
    /** What may follow a duration without changing it. */
    private static final Pattern QUALIFIER = Pattern.compile("(?:after|by default|from|since)\\b.*");
    private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("s", 1L), Map.entry("sec", 1L), Map.entry("secs", 1L), Map.entry("second", 1L),
            Map.entry("seconds", 1L),
            Map.entry("min", MINUTE), Map.entry("mins", MINUTE), Map.entry("minute", MINUTE),
            Map.entry("minutes", MINUTE),
            Map.entry("h", HOUR), Map.entry("hr", HOUR), Map.entry("hrs", HOUR), Map.entry("hour", HOUR),
            Map.entry("hours", HOUR),
            Map.entry("d", DAY), Map.entry("day", DAY), Map.entry("days", DAY),
            Map.entry("w", 7 * DAY), Map.entry("wk", 7 * DAY), Map.entry("week", 7 * DAY), Map.entry("weeks", 7 * DAY),
            Map.entry("y", 365 * DAY), Map.entry("yr", 365 * DAY), Map.entry("yrs", 365 * DAY),
            Map.entry("year", 365 * DAY), Map.entry("years", 365 * DAY));

    private Retention() {
    }

    /** The lifetime in seconds; null for a session cookie or when the text gives no single duration. */
    static Long seconds(String text) {
        if (text == null) {
            return null;
        }
        String s = PARENTHESES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ")
                .replaceAll("[\\s\\u00a0]+", " ").strip();
        if (s.isEmpty() || s.contains(" or ")) {
            return null;
        }
        Matcher range = RANGE.matcher(s);
        if (range.matches() && (isSession(range.group(1)) || duration(range.group(1)) != null)) {
            return duration(range.group(2));
        }
        return duration(s);
    }

    /** Whether the text says the cookie lasts for the browser session. */
    static boolean isSession(String text) {
        if (text == null) {
            return false;
        }
        String s = PARENTHESES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ")
                .replaceAll("[\\s\\u00a0]+", " ").strip();
        return s.equals("session") || s.equals("sessions") || s.equals("session cookie") || s.equals("end of session")
                || s.equals("browser session");
    }

    private static Long duration(String s) {
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(3);
        if (rest != null && !QUALIFIER.matcher(rest).matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (amount == 0) {
            return null;
        }
        if (unit.equals("month") || unit.equals("months") || unit.equals("mo") || unit.equals("mos")) {
            return amount * 365 / 12 * DAY;
        }
        Long factor = UNITS.get(unit);
        return factor == null ? null : Math.multiplyExact(amount, factor);
    }
}
