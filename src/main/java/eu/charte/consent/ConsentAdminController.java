package eu.charte.consent;

import eu.charte.account.AccountPrincipal;
import eu.charte.account.AccountService;
import eu.charte.account.Role;
import eu.charte.portal.Portal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Back office of a portal's consent ledger: look a proof up by consent id (its records and the texts each visitor
 * saw), export records of a period (links to the API's CSV and JSON), and the ledger's settings (retention, keeping
 * truncated addresses). Members read; administrators change the settings (decided at the edge).
 */
@Controller
@RequestMapping("/admin/portals/{slug}/consents")
class ConsentAdminController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ConsentLedger ledger;
    private final AccountService accounts;

    ConsentAdminController(ConsentLedger ledger, AccountService accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    /** A record as the page shows it. */
    record Row(long sequence, String when, int revision, String language, String action, String choices,
            String textHash, String source, String userAgent, String ip, String hash) {
    }

    @GetMapping
    String page(Portal portal, AccountPrincipal me, @RequestParam(required = false) String consentId,
            @RequestParam(required = false) String status, Model model) {
        model.addAttribute("portal", portal);
        model.addAttribute("editable", accounts.roleOn(me, portal).map(Role::mayWrite).orElse(false));
        model.addAttribute("settings", ledger.settings(portal));
        model.addAttribute("minRetention", LedgerSettings.MIN_RETENTION_DAYS);
        model.addAttribute("maxRetention", LedgerSettings.MAX_RETENTION_DAYS);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        model.addAttribute("exportFrom", today.minusDays(30).toString());
        model.addAttribute("exportTo", today.toString());
        model.addAttribute("status", "saved".equals(status) ? "consent.admin.settings.saved"
                : "invalid".equals(status) ? "consent.admin.settings.invalid" : null);
        model.addAttribute("consentId", consentId == null ? "" : consentId.strip());
        if (consentId != null && !consentId.isBlank()) {
            UUID id = parse(consentId.strip());
            if (id == null) {
                model.addAttribute("lookupError", "consent.admin.lookup.invalid");
            } else {
                List<ConsentRecord> records = ledger.history(portal, id);
                if (records.isEmpty()) {
                    model.addAttribute("lookupError", "consent.admin.lookup.none");
                }
                model.addAttribute("records", records.stream().map(ConsentAdminController::row).toList());
                model.addAttribute("texts", records.stream().map(ConsentRecord::textHash).distinct()
                        .map(h -> ledger.texts(portal, h)).flatMap(java.util.Optional::stream).toList());
            }
        }
        return "consent/ledger";
    }

    @PostMapping("/settings")
    String saveSettings(Portal portal, @RequestParam Map<String, String> fields) {
        int days;
        try {
            days = Integer.parseInt(fields.getOrDefault("retentionDays", "").strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < LedgerSettings.MIN_RETENTION_DAYS || days > LedgerSettings.MAX_RETENTION_DAYS) {
            return "redirect:/admin/portals/" + portal.slug() + "/consents?status=invalid";
        }
        ledger.saveSettings(portal, new LedgerSettings(days, fields.containsKey("storeIp")));
        return "redirect:/admin/portals/" + portal.slug() + "/consents?status=saved";
    }

    private static Row row(ConsentRecord r) {
        return new Row(r.sequence(), WHEN.format(r.recordedAt()), r.revision(), r.language().code(),
                r.action().code(), LedgerChain.choices(r.choices()), r.textHash(), r.source() + " / " + r.variant(),
                r.userAgent(), r.ip(), r.hash());
    }

    private static UUID parse(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
