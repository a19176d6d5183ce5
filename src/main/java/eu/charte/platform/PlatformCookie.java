package eu.charte.platform;

import java.time.Duration;

/**
 * One of the platform's own cookies, with its real name and attributes.
 *
 * @param maxAge null for a session cookie
 * @param secure sent with Secure (the preferences cookie is written by the banner, with Secure on HTTPS pages)
 */
public record PlatformCookie(Kind kind, String name, Duration maxAge, boolean httpOnly, boolean secure,
        String sameSite, String path) {

    /** What each cookie is for; charters describe them by kind. */
    public enum Kind {
        SESSION, LANGUAGE, CSRF, PREFERENCES;

        /** The key of its texts in the message bundles ("session", ...). */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean persistent() {
        return maxAge != null;
    }
}
