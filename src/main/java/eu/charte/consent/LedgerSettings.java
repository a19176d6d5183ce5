package eu.charte.consent;

/**
 * A portal's ledger settings.
 *
 * @param retentionDays how long records are kept; older ones are purged by the retention job
 * @param storeIp whether records keep the visitor's address, truncated to its network (/24, /48)
 */
public record LedgerSettings(int retentionDays, boolean storeIp) {

    /** Bounds of {@link #retentionDays}: a day to ten years. */
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3653;
}
