package eu.charte.portal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Back office: the list of the user's portals, and creating and editing portals (platform administrators). */
@Controller
@RequestMapping("/admin")
class PortalAdminController {

    private final PortalService portals;
    private final Validator validator;
    private final MessageSource messages;

    PortalAdminController(PortalService portals, Validator validator, MessageSource messages) {
        this.portals = portals;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping
    String dashboard(PortalScope scope, Model model) {
        model.addAttribute("portals", portals.list(scope));
        return "portal/admin-list";
    }

    @GetMapping("/portals/new")
    String newForm(Model model) {
        return form(model, PortalForm.empty(), Map.of(), null);
    }

    @PostMapping("/portals/new")
    String create(@ModelAttribute PortalForm form, Model model) {
        Map<String, String> errors = validate(form);
        if (!errors.isEmpty()) {
            return form(model, form, errors, null);
        }
        try {
            Portal portal = portals.create(form.toDraft());
            return "redirect:/admin/portals/" + portal.slug() + "?saved";
        } catch (PortalConflictException e) {
            return form(model, form, Map.of(e.field(), message("portal.taken")), null);
        }
    }

    @GetMapping("/portals/{slug}")
    String show(Portal portal, Model model) {
        return form(model, PortalForm.of(portal), Map.of(), portal);
    }

    @PostMapping("/portals/{slug}")
    String update(Portal portal, @ModelAttribute PortalForm form, Model model) {
        PortalForm fixedSlug = new PortalForm(portal.slug(), form.name(), form.baseUrl(), form.hosts(),
                form.defaultLanguage(), form.languages(), form.jurisdiction(), form.controllerOrganisation(),
                form.controllerContact());
        Map<String, String> errors = validate(fixedSlug);
        if (!errors.isEmpty()) {
            return form(model, fixedSlug, errors, portal);
        }
        try {
            portals.update(portal, fixedSlug.toDraft());
            return "redirect:/admin/portals/" + portal.slug() + "?saved";
        } catch (PortalConflictException e) {
            return form(model, fixedSlug, Map.of(e.field(), message("portal.taken")), portal);
        }
    }

    private Map<String, String> validate(PortalForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<PortalDraft> v : validator.validate(form.toDraft())) {
            errors.putIfAbsent(PortalForm.formField(v.getPropertyPath().toString()), v.getMessage());
        }
        return errors;
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String form(Model model, PortalForm form, Map<String, String> errors, Portal portal) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("portal", portal);
        model.addAttribute("languages", Language.ALL);
        model.addAttribute("jurisdictions", Jurisdiction.values());
        return "portal/admin-form";
    }
}
