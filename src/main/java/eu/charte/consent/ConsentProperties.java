package eu.charte.consent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Consent ledger settings ({@code charte.consent.*}).
 *
 * @param ratePerMinute consents accepted per client address and minute before 429; 0 turns the limit off
 * @param maxBody the largest consent body read (413 above it)
 * @param commitTimeout how long a request waits for its record to be committed before answering 503; well under
 *     the 2 s the API promises, leaving time for the rest of the request on a busy machine
 * @param retryAfter the Retry-After sent with 503
 * @param queueCapacity records waiting for the writer at most; beyond it requests are answered 503 at once
 * @param maxBatch records the writer commits in one transaction at most
 * @param retentionDays retention of a portal that has no setting of its own (5 years: the limitation period of
 *     most claims in France and Belgium, during which a controller may have to prove a consent)
 * @param storeIp whether a portal without a setting of its own keeps truncated addresses
 */
@Validated
@ConfigurationProperties("charte.consent")
record ConsentProperties(
        @DefaultValue("600") @Min(0) int ratePerMinute,
        @DefaultValue("8KB") DataSize maxBody,
        @DefaultValue("1s") Duration commitTimeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("20000") @Min(1) int queueCapacity,
        @DefaultValue("500") @Min(1) int maxBatch,
        @DefaultValue("1826") @Min(LedgerSettings.MIN_RETENTION_DAYS) @Max(LedgerSettings.MAX_RETENTION_DAYS)
        int retentionDays,
        @DefaultValue("false") boolean storeIp) {
}
