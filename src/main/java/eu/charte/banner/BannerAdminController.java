package eu.charte.banner;

import eu.charte.portal.Portal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Back office of a portal's banner settings ({@code /admin/portals/{slug}/banner}): choice lifetime, Consent Mode v2,
 * Matomo, and the embedding snippet. Members read; only the portal's administrators may post (decided at the edge).
 */
@Controller
@RequestMapping("/admin/portals/{slug}/banner")
class BannerAdminController {

    private final BannerService banners;

    BannerAdminController(BannerService banners) {
        this.banners = banners;
    }

    @ModelAttribute("snippet")
    String snippet(Portal portal) {
        return "<script src=\"" + ServletUriComponentsBuilder.fromCurrentContextPath().path("/p/{slug}/banner.js")
                .buildAndExpand(portal.slug()).toUriString() + "\" async></script>";
    }

    @GetMapping
    String form(Portal portal, @RequestParam(required = false) String saved, Model model) {
        BannerSettings settings = banners.settings(portal);
        return page(model, portal, Integer.toString(settings.choiceLifetimeDays()), settings.consentMode(),
                settings.matomo(), saved != null, Map.of());
    }

    @PostMapping
    String save(Portal portal, @RequestParam(defaultValue = "") String choiceLifetimeDays,
            @RequestParam(defaultValue = "false") boolean consentMode,
            @RequestParam(defaultValue = "false") boolean matomo, Model model) {
        int days;
        try {
            days = Integer.parseInt(choiceLifetimeDays.trim());
        } catch (NumberFormatException e) {
            days = 0;
        }
        try {
            banners.save(portal, new BannerSettings(days, consentMode, matomo));
        } catch (BannerProblem problem) {
            return page(model, portal, choiceLifetimeDays, consentMode, matomo, false, problem.errors());
        }
        return "redirect:/admin/portals/" + portal.slug() + "/banner?saved";
    }

    private static String page(Model model, Portal portal, String days, boolean consentMode, boolean matomo,
            boolean saved, Map<String, String> errors) {
        model.addAttribute("portal", portal);
        model.addAttribute("days", days);
        model.addAttribute("consentMode", consentMode);
        model.addAttribute("matomo", matomo);
        model.addAttribute("saved", saved);
        model.addAttribute("errors", errors);
        return "banner/settings";
    }
}
