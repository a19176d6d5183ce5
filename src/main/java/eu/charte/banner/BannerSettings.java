package eu.charte.banner;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A portal's banner settings.
 *
 * @param choiceLifetimeDays how long a choice (acceptance or refusal alike) is kept before the banner asks again:
 *     1 to 395 days (13 months); a portal that never set it uses the platform's
 *     {@code charte.cookies.preferences-max-age} (180 days by default), the lifetime its charter declares
 * @param consentMode Google Consent Mode v2: "default denied" at load, "update" at each choice
 * @param matomo Matomo: {@code requireCookieConsent} at load, consent given or forgotten at each choice
 */
public record BannerSettings(
        @Min(value = 1, message = "{banner.settings.lifetime.range}")
        @Max(value = MAX_CHOICE_LIFETIME_DAYS, message = "{banner.settings.lifetime.range}") int choiceLifetimeDays,
        boolean consentMode,
        boolean matomo) {

    /** Thirteen months, the longest a choice may be kept (CNIL; checklist rule 16). */
    public static final int MAX_CHOICE_LIFETIME_DAYS = 395;
}
