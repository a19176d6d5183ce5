package eu.charte.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Purpose categories of cookies. Only {@link #NECESSARY} cookies are set without consent. */
public enum Category {
    NECESSARY, PREFERENCES, STATISTICS, MARKETING;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsConsent() {
        return this != NECESSARY;
    }

    public static Optional<Category> parse(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }

    @JsonCreator
    public static Category of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown category: " + code));
    }
}
