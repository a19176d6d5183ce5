package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a scan request may change from the portal's settings.
 *
 * @param urls the pages to start from instead of the portal's base URL; their hosts count as the portal's own
 * @param maxPages pages per profile; null for the portal's setting
 * @param pageTimeoutSeconds null for {@code charte.scanner.page-timeout}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScanOptions(List<String> urls, Integer maxPages, Integer maxDepth, Integer pageTimeoutSeconds,
        Integer totalTimeoutSeconds, String rejectSelector, String acceptSelector) {

    ScanOptions {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    static ScanOptions defaults() {
        return new ScanOptions(List.of(), null, null, null, null, null, null);
    }
}
