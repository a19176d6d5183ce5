package eu.charte.platform;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/platform/cookies}: the cookies Charte really uses, with names, lifetimes and attributes. */
@RestController
class PlatformCookiesController {

    private final PlatformCookies cookies;
    private final MessageSource messages;

    PlatformCookiesController(PlatformCookies cookies, MessageSource messages) {
        this.cookies = cookies;
        this.messages = messages;
    }

    @GetMapping("/api/v1/platform/cookies")
    PlatformCookiesView list(Locale locale) {
        return new PlatformCookiesView(cookies.provider(), cookies.all().stream().map(c -> new CookieView(
                c.kind().key(), c.name(), "necessary", c.maxAge() == null ? null : c.maxAge().toSeconds(),
                c.httpOnly(), c.secure(), c.sameSite(), c.path(),
                messages.getMessage("platform.cookie." + c.kind().key() + ".service", null, locale),
                messages.getMessage("platform.cookie." + c.kind().key() + ".purpose", null, locale))).toList());
    }

    record PlatformCookiesView(String provider, List<CookieView> cookies) {
    }

    /** @param maxAgeSeconds null for a session cookie */
    record CookieView(String kind, String name, String category, Long maxAgeSeconds, boolean httpOnly, boolean secure,
            String sameSite, String path, String service, String purpose) {
    }
}
