package eu.charte.scanner;

import eu.charte.account.AccountPrincipal;
import eu.charte.account.AccountService;
import eu.charte.account.Role;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.Declaration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Back office of a portal's scans: the history with "Scan now" and the schedule, and each scan's report (summary,
 * findings grouped by type with their evidence, what changed since the previous scan, "Add to registry").
 * Members of the portal read, its administrators act (decided at the edge); the pages show the forms to those who
 * may use them.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("/admin/portals/{slug}/scans")
class ScanAdminController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ScanService scans;
    private final AccountService accounts;

    ScanAdminController(ScanService scans, AccountService accounts) {
        this.scans = scans;
        this.accounts = accounts;
    }

    /** A scan as the history shows it. */
    record Row(long id, String status, String trigger, String when, String findings, String highest) {
    }

    @GetMapping
    String list(Portal portal, AccountPrincipal me, @RequestParam(required = false) String status, Model model) {
        model.addAttribute("portal", portal);
        model.addAttribute("editable", editable(me, portal));
        model.addAttribute("status", status != null && List.of("busy", "invalid", "saved").contains(status)
                ? "scanner.admin.status." + status : null);
        model.addAttribute("scans", scans.history(portal).stream().map(ScanAdminController::row).toList());
        ScanSettings settings = scans.settings(portal);
        model.addAttribute("settings", settings);
        model.addAttribute("nextRun", settings.nextRunAt() == null ? null : WHEN.format(settings.nextRunAt()));
        return "scanner/list";
    }

    @PostMapping
    String scanNow(Portal portal, AccountPrincipal me) {
        try {
            ScanRecord scan = scans.submit(portal, ScanOptions.defaults(), "admin", me.email());
            return "redirect:/admin/portals/" + portal.slug() + "/scans/" + scan.id();
        } catch (ScanProblem e) {
            return "redirect:/admin/portals/" + portal.slug() + "/scans?status=busy";
        }
    }

    @PostMapping("/settings")
    String settings(Portal portal, @RequestParam(required = false) String intervalDays,
            @RequestParam(required = false) String rejectSelector,
            @RequestParam(required = false) String acceptSelector,
            @RequestParam(required = false) String maxPages) {
        try {
            Integer interval = intervalDays == null || intervalDays.isBlank() ? null
                    : Integer.valueOf(intervalDays.strip());
            int pages = maxPages == null || maxPages.isBlank() ? scans.settings(portal).maxPages()
                    : Integer.parseInt(maxPages.strip());
            scans.saveSettings(portal, interval, rejectSelector, acceptSelector, pages);
        } catch (NumberFormatException | ScanProblem e) {
            return "redirect:/admin/portals/" + portal.slug() + "/scans?status=invalid";
        }
        return "redirect:/admin/portals/" + portal.slug() + "/scans?status=saved";
    }

    @GetMapping("/{id}")
    String scan(Portal portal, AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) Integer declared, Model model) {
        ScanRecord scan = scans.find(portal, id).orElseThrow(() -> ScanProblem.notFound(id));
        model.addAttribute("portal", portal);
        model.addAttribute("editable", editable(me, portal));
        model.addAttribute("scan", row(scan));
        model.addAttribute("record", scan);
        model.addAttribute("declared", declared);
        scans.report(portal, id).ifPresent(report -> {
            model.addAttribute("report", report);
            model.addAttribute("groups", ScanReports.groups(report));
            model.addAttribute("undeclared", report.findings().stream()
                    .filter(f -> f.type() == FindingType.UNDECLARED).toList());
        });
        scans.diff(portal, id).ifPresent(diff -> model.addAttribute("diff", diff));
        return "scanner/report";
    }

    @PostMapping("/{id}/cancel")
    String cancel(Portal portal, @PathVariable long id) {
        scans.cancel(portal, id);
        return "redirect:/admin/portals/" + portal.slug() + "/scans/" + id;
    }

    @PostMapping("/{id}/declare")
    String declare(Portal portal, @PathVariable long id, @RequestParam(name = "key", required = false) List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return "redirect:/admin/portals/" + portal.slug() + "/scans/" + id + "?declared=0";
        }
        Set<String> chosen = new LinkedHashSet<>(keys);
        Language language = Language.parse(LocaleContextHolder.getLocale().getLanguage())
                .filter(portal::offers).orElse(portal.defaultLanguage());
        List<Declaration> added = scans.addToRegistry(portal, id, chosen, language);
        return "redirect:/admin/portals/" + portal.slug() + "/scans/" + id + "?declared=" + added.size();
    }

    private static Row row(ScanRecord s) {
        Instant when = s.finishedAt() != null ? s.finishedAt() : s.requestedAt();
        return new Row(s.id(), s.status().code(), s.trigger(), WHEN.format(when),
                s.findingCount() == null ? "" : s.findingCount().toString(),
                s.highestSeverity() == null ? "" : s.highestSeverity().code());
    }

    private boolean editable(AccountPrincipal me, Portal portal) {
        return accounts.roleOn(me, portal).map(Role::mayWrite).orElse(false);
    }
}
