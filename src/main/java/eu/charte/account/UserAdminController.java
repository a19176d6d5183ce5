package eu.charte.account;

import eu.charte.portal.PortalScope;
import eu.charte.portal.PortalService;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Back office for platform administrators: the accounts, and creating one with its role on a portal. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private final AccountService accounts;
    private final PortalService portals;
    private final Validator validator;
    private final MessageSource messages;

    UserAdminController(AccountService accounts, PortalService portals, Validator validator, MessageSource messages) {
        this.accounts = accounts;
        this.portals = portals;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping
    String list(Model model) {
        return page(model, Map.of(), "", null);
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String portal, Model model) {
        List<NewAccount.Membership> memberships = new ArrayList<>();
        boolean platformAdmin = "PLATFORM_ADMIN".equals(role);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!platformAdmin) {
            try {
                memberships.add(new NewAccount.Membership(portal, Role.valueOf(role)));
            } catch (IllegalArgumentException e) {
                errors.put("role", message("user.role.invalid"));
            }
        }
        NewAccount account = new NewAccount(email, password, platformAdmin, memberships);
        validator.validate(account).forEach(v -> errors.putIfAbsent(field(v.getPropertyPath().toString()), v.getMessage()));
        if (errors.isEmpty()) {
            try {
                accounts.create(account);
                return page(model, Map.of(), "", "user.created");
            } catch (AccountProblem e) {
                errors.put(field(e.field()), message(e.field().equals("email") ? "user.email.taken" : "user.portal.unknown"));
            }
        }
        return page(model, errors, email, null);
    }

    private static String field(String path) {
        return path.startsWith("memberships") ? "portal" : path;
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String page(Model model, Map<String, String> errors, String email, String status) {
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("portals", portals.list(PortalScope.everything()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("errors", errors);
        model.addAttribute("email", email);
        model.addAttribute("status", status);
        return "account/users";
    }
}
