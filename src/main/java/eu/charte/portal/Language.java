package eu.charte.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four languages Charte writes every user-facing text in. */
public enum Language {
    FR, NL, DE, EN;

    /** All languages, in the platform's order of preference. */
    public static final List<Language> ALL = List.of(values());

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The ISO 639-1 code, lower case ("fr"). */
    @JsonValue
    public String code() {
        return code;
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
        // Read on every request that names a language (the consent POST among them): no regular expression here.
        String tag = value.trim();
        int end = 0;
        while (end < tag.length() && tag.charAt(end) != '-' && tag.charAt(end) != '_') {
            end++;
        }
        for (Language language : ALL) {
            if (language.code.length() == end && language.code.regionMatches(true, 0, tag, 0, end)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
