package eu.charte.platform;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the {@code cookies_preferences} cookie, format version 1:
 * {@code 1.<consentId>.<revision>.<time>.<decisions>}, for example
 * {@code 1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0}.
 * <ul>
 *   <li>{@code consentId}: a random (version 4) UUID, the visitor's consent id in the ledger;</li>
 *   <li>{@code revision}: the published charter revision the choice answers (0 before any);</li>
 *   <li>{@code time}: when the choice was made, in seconds since the epoch (UTC);</li>
 *   <li>{@code decisions}: one letter per non-necessary category, then 1 (accepted) or 0 (refused):
 *   {@code p} preferences, {@code s} statistics, {@code m} marketing. Necessary cookies need no decision.</li>
 * </ul>
 * Only cookie-octet characters are used (RFC 6265), so the value needs no quoting. A damaged, older or forged
 * value parses to empty: the visitor is then asked again, never shown an error.
 */
public record ConsentPreferences(UUID consentId, int revision, Instant time, Map<Category, Boolean> decisions) {

    public static final int FORMAT = 1;

    private static final Pattern VALUE = Pattern.compile(
            "1\\.([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\\.(0|[1-9][0-9]{0,8})"
                    + "\\.([1-9][0-9]{0,10})\\.((?:[psm][01]){0,3})");

    /** The categories that need a decision, and the letter each has in the cookie. */
    public enum Category {
        PREFERENCES('p'), STATISTICS('s'), MARKETING('m');

        private final char letter;

        Category(char letter) {
            this.letter = letter;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ConsentPreferences {
        decisions = Map.copyOf(decisions);
    }

    public String format() {
        StringBuilder value = new StringBuilder().append(FORMAT).append('.').append(consentId).append('.')
                .append(revision).append('.').append(time.getEpochSecond()).append('.');
        for (Category c : Category.values()) {
            Boolean accepted = decisions.get(c);
            if (accepted != null) {
                value.append(c.letter).append(accepted ? '1' : '0');
            }
        }
        return value.toString();
    }

    public boolean accepted(Category category) {
        return decisions.getOrDefault(category, false);
    }

    /** Reads a cookie value; empty when it is not a well-formed version-1 value. */
    public static Optional<ConsentPreferences> parse(String value) {
        if (value == null || value.length() > 120) {
            return Optional.empty();
        }
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<Category, Boolean> decisions = new LinkedHashMap<>();
        String d = m.group(4);
        for (int i = 0; i < d.length(); i += 2) {
            Category category = switch (d.charAt(i)) {
                case 'p' -> Category.PREFERENCES;
                case 's' -> Category.STATISTICS;
                default -> Category.MARKETING;
            };
            if (decisions.put(category, d.charAt(i + 1) == '1') != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new ConsentPreferences(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)),
                Instant.ofEpochSecond(Long.parseLong(m.group(3))), decisions));
    }
}
