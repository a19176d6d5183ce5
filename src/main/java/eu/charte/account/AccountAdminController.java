package eu.charte.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Back office, "My account": change the password, create and revoke personal API tokens. */
@Controller
@RequestMapping("/admin/account")
class AccountAdminController {

    static final int MIN_PASSWORD = 12;

    private final AccountService accounts;

    AccountAdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String page(AccountPrincipal me, Model model) {
        return page(me, model, null, null);
    }

    @PostMapping("/password")
    String changePassword(AccountPrincipal me, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
            Model model) {
        String status;
        if (newPassword.length() < MIN_PASSWORD || newPassword.length() > 200) {
            status = "account.password.tooShort";
        } else if (!newPassword.equals(confirmPassword)) {
            status = "account.password.mismatch";
        } else if (!accounts.changePassword(me, currentPassword, newPassword)) {
            status = "account.password.wrongCurrent";
        } else {
            status = "account.password.changed";
        }
        return page(me, model, status, null);
    }

    @PostMapping("/tokens")
    String createToken(AccountPrincipal me, @RequestParam(defaultValue = "") String name, Model model) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            return page(me, model, "account.token.nameInvalid", null);
        }
        return page(me, model, "account.token.created", accounts.createToken(me, trimmed));
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(AccountPrincipal me, @PathVariable long id, Model model) {
        return page(me, model, accounts.revokeToken(me, id) ? "account.token.revoked" : "account.token.unknown", null);
    }

    private String page(AccountPrincipal me, Model model, String status, String newToken) {
        model.addAttribute("status", status);
        model.addAttribute("newToken", newToken);
        model.addAttribute("tokens", accounts.tokens(me));
        return "account/account";
    }
}
