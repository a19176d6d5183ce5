package eu.charte.platform;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The platform module's facade: the four cookies Charte itself uses, as configured. Security, locale handling,
 * the banner and every charter read them from here, so what the charter says is what the platform does.
 */
@Service
public class PlatformCookies {

    private static final String HOST_PREFIX = "__Host-";

    private final String provider;
    private final List<PlatformCookie> cookies;

    PlatformCookies(PlatformCookieProperties p) {
        String prefix = p.hostPrefix() ? HOST_PREFIX : "";
        this.provider = p.provider();
        this.cookies = List.of(
                new PlatformCookie(PlatformCookie.Kind.SESSION, prefix + p.sessionName(), null, true, true, "Lax", "/"),
                new PlatformCookie(PlatformCookie.Kind.LANGUAGE, prefix + p.languageName(), p.languageMaxAge(), true,
                        true, "Lax", "/"),
                new PlatformCookie(PlatformCookie.Kind.CSRF, prefix + p.csrfName(), null, false, true,
                        "Strict", "/"),
                new PlatformCookie(PlatformCookie.Kind.PREFERENCES, prefix + p.preferencesName(), p.preferencesMaxAge(),
                        false, true, "Lax", "/"));
    }

    /** The provider name charters show for the platform's cookies. */
    public String provider() {
        return provider;
    }

    /** All four, in the order charters list them. */
    public List<PlatformCookie> all() {
        return cookies;
    }

    public PlatformCookie get(PlatformCookie.Kind kind) {
        return cookies.get(kind.ordinal());
    }

    public PlatformCookie session() {
        return get(PlatformCookie.Kind.SESSION);
    }

    public PlatformCookie language() {
        return get(PlatformCookie.Kind.LANGUAGE);
    }

    public PlatformCookie csrf() {
        return get(PlatformCookie.Kind.CSRF);
    }

    public PlatformCookie preferences() {
        return get(PlatformCookie.Kind.PREFERENCES);
    }
}
