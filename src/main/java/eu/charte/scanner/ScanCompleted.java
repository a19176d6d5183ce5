package eu.charte.scanner;

/**
 * Published when a scan of a portal finished with a report (not when it failed or was cancelled).
 *
 * @param findings how many findings the report holds
 */
public record ScanCompleted(long portalId, String slug, long scanId, int findings) {
}
