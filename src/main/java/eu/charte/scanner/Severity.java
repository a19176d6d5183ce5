package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much a finding matters, from least to most; {@code --fail-on} compares against it. */
enum Severity {
    INFO, LOW, MEDIUM, HIGH;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Severity> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equalsIgnoreCase(code == null ? "" : code.strip()))
                .findFirst();
    }
}
