package eu.charte.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form ({@code POST /login} itself is handled by Spring Security). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String next, Model model) {
        boolean localNext = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
        model.addAttribute("next", localNext ? next : "");
        return "account/login";
    }
}
