package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a scan is. */
enum ScanStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
