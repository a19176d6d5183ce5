package eu.charte.web;

import eu.charte.platform.PlatformCookie;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page: {@code ?lang=}, then the language cookie, then {@code Accept-Language}, then the
 * default (the portal's, or the platform's outside portals). On a portal's public pages only its languages count.
 * The cookie is written only by {@link #setLocale}, that is, when the visitor chooses.
 */
@Component("localeResolver")
class LanguageResolver implements LocaleResolver {

    private final PlatformCookie cookie;
    private final Language platformDefault;

    LanguageResolver(PlatformCookies cookies, WebProperties properties) {
        this.cookie = cookies.language();
        this.platformDefault = properties.defaultLanguage();
    }

    Language resolve(HttpServletRequest request) {
        Portal portal = publicPortal(request);
        List<Language> offered = offered(request);
        Optional<Language> chosen = Language.parse(request.getParameter("lang")).filter(offered::contains)
                .or(() -> cookieValue(request).flatMap(Language::parse).filter(offered::contains))
                .or(() -> fromAcceptLanguage(request, offered));
        return chosen.orElse(portal == null ? platformDefault : portal.defaultLanguage());
    }

    /**
     * The portal whose public pages these are ({@code /p/{slug}/...}, also reached by the portal's host name), or
     * null: the back office and the API of a portal speak all four languages, whatever the portal offers.
     */
    static Portal publicPortal(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/p/") && request.getAttribute(Portal.REQUEST_ATTRIBUTE) instanceof Portal p ? p : null;
    }

    /** The languages a page can be shown in: its portal's on public portal pages, all four elsewhere. */
    static List<Language> offered(HttpServletRequest request) {
        Portal portal = publicPortal(request);
        return portal == null ? Language.ALL : portal.languages();
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return resolve(request).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Language language = Language.parse(locale == null ? null : locale.getLanguage()).orElse(platformDefault);
        ResponseCookie value = ResponseCookie.from(cookie.name(), language.code())
                .path(cookie.path()).maxAge(cookie.maxAge()).httpOnly(cookie.httpOnly()).secure(cookie.secure())
                .sameSite(cookie.sameSite()).build();
        response.addHeader("Set-Cookie", value.toString());
    }

    private Optional<String> cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(cookie.name())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Language> fromAcceptLanguage(HttpServletRequest request, List<Language> offered) {
        if (request.getHeader("Accept-Language") == null) {
            return Optional.empty();
        }
        for (Locale locale : Collections.list(request.getLocales())) {
            Optional<Language> language = Language.parse(locale.getLanguage()).filter(offered::contains);
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
    }
}
