package eu.charte.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four languages Charte writes every user-facing text in. */
public enum Language {
    FR, NL, DE, EN;

    /** All languages, in the platform's order of preference. */
    public static final List<Language> ALL = List.of(values());

    /** The ISO 639-1 code, lower case ("fr"). */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** Reads a code from JSON or a form; an unknown code is a bad request. */
    @JsonCreator
    public static Language of(String value) {
        return parse(value).filter(l -> l.code().equalsIgnoreCase(value.trim()))
                .orElseThrow(() -> new IllegalArgumentException("unknown language: " + value));
    }

    /** Parses a code or language tag ("nl", "nl-BE", "NL"); empty for anything else. */
    public static Optional<Language> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String primary = value.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code().equals(primary)).findFirst();
    }
}
