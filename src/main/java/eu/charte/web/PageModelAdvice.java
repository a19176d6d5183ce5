package eu.charte.web;

import eu.charte.portal.Language;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the language picker's choices and its return path. Loading the CSRF token here,
 * before rendering starts, makes sure its cookie is set while headers can still be written.
 */
@ControllerAdvice
class PageModelAdvice {

    private final LanguageResolver languages;

    PageModelAdvice(LanguageResolver languages) {
        this.languages = languages;
    }

    @ModelAttribute
    void layout(HttpServletRequest request, org.springframework.ui.Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return;
        }
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        List<Language> offered = LanguageResolver.offered(request);
        String query = request.getQueryString();
        model.addAttribute("pickerLanguages", offered);
        model.addAttribute("currentLanguage", languages.resolve(request));
        model.addAttribute("currentPath", path + (query == null ? "" : "?" + query));
    }
}
