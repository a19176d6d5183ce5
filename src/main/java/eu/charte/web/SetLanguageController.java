package eu.charte.web;

import eu.charte.portal.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /i18n/setlang}, the contract of Django's {@code set_language}: form fields {@code language} and
 * {@code next}; sets the language cookie and redirects to {@code next} when it is a local path.
 */
@Controller
class SetLanguageController {

    private final LanguageResolver languages;

    SetLanguageController(LanguageResolver languages) {
        this.languages = languages;
    }

    @PostMapping("/i18n/setlang")
    String setLanguage(@RequestParam(required = false) String language, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Language> chosen = Language.parse(language).filter(l -> l.code().equalsIgnoreCase(language.trim()));
        chosen.ifPresent(l -> languages.setLocale(request, response, l.locale()));
        return "redirect:" + safeNext(next, request.getHeader("Referer"));
    }

    /** A local path only: no scheme, no host, no protocol-relative or backslash trick. */
    static String safeNext(String next, String referer) {
        if (isLocalPath(next)) {
            return stripLang(next);
        }
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                if (isLocalPath(path)) {
                    return stripLang(path);
                }
            } catch (IllegalArgumentException ignored) {
                // an unreadable Referer is simply not used
            }
        }
        return "/";
    }

    private static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.length() <= 2000 && path.chars().noneMatch(c -> c < 0x20);
    }

    /** A {@code lang} parameter in the target would override the choice just made. */
    private static String stripLang(String path) {
        return path.replaceAll("([?&])lang=[^&#]*&?", "$1").replaceAll("[?&]$", "");
    }
}
