package eu.charte.scanner;

import java.time.Instant;

/**
 * A portal's scanner settings.
 *
 * @param intervalDays days between scheduled scans; null when the portal is not scanned on a schedule
 * @param nextRunAt when the next scheduled scan is due
 * @param rejectSelector CSS selector of the portal's own "refuse all" button; null for Charte's banner
 * @param acceptSelector CSS selector of the portal's own "accept all" button; null for Charte's banner
 */
record ScanSettings(Integer intervalDays, Instant nextRunAt, String rejectSelector, String acceptSelector,
        int maxPages) {
}
