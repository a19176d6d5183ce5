package eu.charte.scanner;

import eu.charte.portal.Portal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Writes a scan report as text (the command line's default) or as a self-contained HTML page. */
@Component
class ScanReports {

    private final ITemplateEngine templates;

    ScanReports(ITemplateEngine templates) {
        this.templates = templates;
    }

    String text(ScanReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Scan of ").append(report.portal()).append(report.revision() == null ? " (no published revision)"
                : " against revision " + report.revision()).append(": ").append(report.pages().size())
                .append(" pages, ").append(report.findings().size()).append(" findings")
                .append(report.incomplete() == null ? "" : " (incomplete: " + report.incomplete() + ")").append('\n');
        for (ScanReport.Finding f : report.findings()) {
            out.append(String.format(Locale.ROOT, "%-6s %-26s %s", f.severity().code(), f.type().code(), f.key()));
            if (f.detail() != null) {
                out.append(" (").append(f.detail()).append(')');
            }
            if (f.page() != null) {
                out.append(" on ").append(f.page()).append(" [").append(f.profile().code()).append(']');
            }
            if (f.setBy() != null) {
                out.append(" set by ").append(f.setBy().kind()).append(' ').append(f.setBy().url());
            }
            out.append('\n');
        }
        return out.toString();
    }

    String html(Portal portal, ScanRecord scan, ScanReport report) {
        Context context = new Context(Locale.forLanguageTag(portal.defaultLanguage().code()));
        context.setVariable("portal", portal);
        context.setVariable("scan", scan);
        context.setVariable("report", report);
        context.setVariable("groups", groups(report));
        return templates.process("scanner/export", context);
    }

    /** Findings grouped by type, in the order of {@link FindingType}. */
    static Map<FindingType, List<ScanReport.Finding>> groups(ScanReport report) {
        Map<FindingType, List<ScanReport.Finding>> groups = new LinkedHashMap<>();
        for (FindingType type : FindingType.values()) {
            List<ScanReport.Finding> of = new ArrayList<>();
            report.findings().stream().filter(f -> f.type() == type).forEach(of::add);
            if (!of.isEmpty()) {
                groups.put(type, of);
            }
        }
        return groups;
    }
}
