package eu.charte.scanner;

import eu.charte.cli.Command;
import eu.charte.cli.CommandLine;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scan --portal SLUG [--url URL ...] [--max-pages N] [--format json|text|html] [--fail-on SEVERITY]}: scans
 * the portal in place and prints the report; the scan is also kept in the portal's history. Exit codes (usable in a
 * portal's own CI): 0 no finding at or above the threshold (default {@code medium}); 1 findings; 2 the scan could not
 * run (bad arguments, unknown portal, no browser).
 */
@Component("scan-command")
class ScanCommand implements Command {

    private static final List<String> VALUED = List.of("portal", "url", "max-pages", "max-depth", "format", "fail-on",
            "page-timeout", "reject-selector", "accept-selector");
    static final Severity DEFAULT_THRESHOLD = Severity.MEDIUM;

    private final PortalService portals;
    private final ScanService scans;
    private final ScanReports reports;
    private final JsonMapper json;

    ScanCommand(PortalService portals, ScanService scans, ScanReports reports, JsonMapper json) {
        this.portals = portals;
        this.scans = scans;
        this.reports = reports;
        this.json = json;
    }

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String usage() {
        return "scan --portal SLUG [--url URL ...] [--max-pages N] [--max-depth N] [--page-timeout SECONDS] "
                + "[--reject-selector CSS] [--accept-selector CSS] [--format json|text|html] "
                + "[--fail-on info|low|medium|high]";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Optional<String> slug = CommandLine.option(arguments, "portal");
        if (slug.isEmpty() || !CommandLine.onlyValued(arguments, VALUED)) {
            err.println("Usage: " + usage());
            return 2;
        }
        Optional<Portal> portal = portals.findBySlug(slug.get());
        if (portal.isEmpty()) {
            err.println("Unknown portal '" + slug.get() + "'.");
            return 2;
        }
        String format = CommandLine.option(arguments, "format").orElse("text");
        if (!List.of("json", "text", "html").contains(format)) {
            err.println("Unknown format '" + format + "': use json, text or html.");
            return 2;
        }
        String failOn = CommandLine.option(arguments, "fail-on").orElse(DEFAULT_THRESHOLD.code());
        Optional<Severity> threshold = Severity.parse(failOn);
        if (threshold.isEmpty()) {
            err.println("Unknown severity '" + failOn + "': use info, low, medium or high.");
            return 2;
        }
        ScanOptions options;
        try {
            options = ScanService.check(new ScanOptions(CommandLine.options(arguments, "url"),
                    number(arguments, "max-pages"), number(arguments, "max-depth"),
                    number(arguments, "page-timeout"), null,
                    CommandLine.option(arguments, "reject-selector").orElse(null),
                    CommandLine.option(arguments, "accept-selector").orElse(null)));
        } catch (NumberFormatException e) {
            err.println("--max-pages, --max-depth and --page-timeout take a number.");
            return 2;
        } catch (ScanProblem e) {
            err.println(e.getBody().getDetail());
            return 2;
        }
        ScanRecord scan = scans.run(portal.get(), options, "cli", "cli");
        if (scan.status() != ScanStatus.DONE) {
            err.println("The scan could not run: " + (scan.error() == null ? scan.status().code() : scan.error()));
            return 2;
        }
        ScanReport report = scans.report(portal.get(), scan.id()).orElseThrow();
        String written = switch (format) {
            case "json" -> json.writerWithDefaultPrettyPrinter().writeValueAsString(report);
            case "html" -> reports.html(portal.get(), scan, report);
            default -> reports.text(report);
        };
        out.print(written.endsWith("\n") ? written : written + "\n");
        out.flush();
        return report.hasFindingAtOrAbove(threshold.get()) ? 1 : 0;
    }

    private static Integer number(List<String> arguments, String name) {
        return CommandLine.option(arguments, name).map(String::strip).map(Integer::valueOf).orElse(null);
    }
}
