package eu.charte.registry;

import eu.charte.platform.PlatformCookie;
import eu.charte.portal.Language;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One cookie (or family of cookies, when the name holds {@code *}) a portal declares.
 *
 * @param platformKind set for the platform's own four cookies: their name, lifetime and provider always come from
 *     the platform's cookie data, so configuration changes show in every charter
 * @param thirdPartyDomain null for a first-party cookie
 * @param lifetimeSeconds null for a session cookie
 * @param hosts the script or iframe hosts the cookie comes from
 * @param texts service and purpose per language; missing languages fall back to the portal's default language
 * @param exemptAudienceMeasurement FR statistics only: audience measurement exempt from consent under the CNIL's
 *     conditions; the banner runs it until the visitor opposes it
 */
public record Declaration(
        long id,
        PlatformCookie.Kind platformKind,
        String provider,
        String name,
        Category category,
        String thirdPartyDomain,
        Long lifetimeSeconds,
        List<String> hosts,
        String justification,
        Map<Language, DeclarationText> texts,
        Boolean exemptAudienceMeasurement) {

    /** A declaration that needs consent as usual (not exempt audience measurement). */
    public Declaration(long id, PlatformCookie.Kind platformKind, String provider, String name, Category category,
            String thirdPartyDomain, Long lifetimeSeconds, List<String> hosts, String justification,
            Map<Language, DeclarationText> texts) {
        this(id, platformKind, provider, name, category, thirdPartyDomain, lifetimeSeconds, hosts, justification,
                texts, false);
    }

    public Declaration {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        texts = texts == null ? Map.of() : Map.copyOf(texts);
        // Revisions published before the flag existed have no value: they needed consent.
        exemptAudienceMeasurement = Boolean.TRUE.equals(exemptAudienceMeasurement);
    }

    public boolean firstParty() {
        return thirdPartyDomain == null || thirdPartyDomain.isBlank();
    }

    public boolean isPattern() {
        return name.contains("*");
    }

    /** Whether a cookie of this name is covered by this declaration ({@code *} matches any run of characters). */
    public boolean matches(String cookieName) {
        if (!isPattern()) {
            return name.equals(cookieName);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : name.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return cookieName.matches(regex.toString());
    }

    public Duration lifetime() {
        return lifetimeSeconds == null ? null : Duration.ofSeconds(lifetimeSeconds);
    }

    /** The texts in the language, else in the fallback language, else any. */
    public DeclarationText text(Language language, Language fallback) {
        DeclarationText text = texts.get(language);
        if (text == null) {
            text = texts.get(fallback);
        }
        if (text == null && !texts.isEmpty()) {
            text = texts.values().iterator().next();
        }
        return text == null ? new DeclarationText("", "") : text;
    }
}
