package eu.charte.consent;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Purges every portal's ledger of the records older than its retention, daily (by {@code charte.consent.purge-cron},
 * 03:17 UTC by default). Only in the server: a command run leaves the ledger alone. Several nodes may run it at
 * once: each purge holds the portal's chain head lock, the second one finds nothing left to remove.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnWebApplication
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ConsentLedger ledger;
    private final Clock clock = Clock.systemUTC();

    RetentionJob(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(cron = "${charte.consent.purge-cron:0 17 3 * * *}", zone = "UTC")
    void purge() {
        long removed = ledger.purgeAll(clock.instant());
        if (removed > 0) {
            log.info("Retention purge removed {} consent records", removed);
        }
    }
}
