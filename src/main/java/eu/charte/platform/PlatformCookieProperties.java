package eu.charte.platform;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one place where the platform's four cookies are configured.
 *
 * @param provider the provider name charters show for these cookies
 * @param hostPrefix prefix every name with {@code __Host-} (Secure, Path=/, no Domain)
 */
@ConfigurationProperties("charte.cookies")
record PlatformCookieProperties(
        @DefaultValue("Opendatasoft") String provider,
        @DefaultValue("false") boolean hostPrefix,
        @DefaultValue("sessionid") String sessionName,
        @DefaultValue("django_language") String languageName,
        @DefaultValue("365d") Duration languageMaxAge,
        @DefaultValue("csrftoken") String csrfName,
        @DefaultValue("cookies_preferences") String preferencesName,
        @DefaultValue("180d") Duration preferencesMaxAge) {

    /** RFC 6265 token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,64}");
    static final Duration MAX_LIFETIME = Duration.ofDays(400);
    /** Thirteen months, the longest a consent choice may be kept (CNIL; checklist rule 16). */
    static final Duration MAX_CHOICE_LIFETIME = Duration.ofDays(395);

    PlatformCookieProperties {
        for (String name : new String[] {sessionName, languageName, csrfName, preferencesName}) {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("charte.cookies: '" + name + "' is not a valid cookie name");
            }
        }
        for (Duration d : new Duration[] {languageMaxAge, preferencesMaxAge}) {
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("charte.cookies: lifetimes must be between 1 s and 400 days");
            }
        }
        if (preferencesMaxAge.compareTo(MAX_CHOICE_LIFETIME) > 0) {
            throw new IllegalArgumentException("charte.cookies.preferences-max-age: at most 13 months");
        }
    }
}
