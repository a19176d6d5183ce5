package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A stored scan without its report, for lists.
 *
 * @param trigger {@code cli}, {@code api}, {@code admin} or {@code schedule}
 * @param error why a failed scan could not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScanRecord(long id, ScanStatus status, String trigger, String requestedBy, Instant requestedAt,
        Instant startedAt, Instant finishedAt, Integer revision, Integer findingCount, Severity highestSeverity,
        String error) {
}
