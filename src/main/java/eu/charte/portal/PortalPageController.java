package eu.charte.portal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Public pages: the platform's home (list of portals) and each portal's front page. */
@Controller
class PortalPageController {

    private final PortalService portals;

    PortalPageController(PortalService portals) {
        this.portals = portals;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("portals", portals.list(PortalScope.everything()));
        return "portal/home";
    }

    @GetMapping({"/p/{slug}", "/p/{slug}/"})
    String front(Portal portal, Model model) {
        model.addAttribute("portal", portal);
        return "portal/front";
    }
}
