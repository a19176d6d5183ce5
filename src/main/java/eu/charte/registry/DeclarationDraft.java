package eu.charte.registry;

import eu.charte.portal.Language;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A declaration as an administrator submits it (REST body or back-office form). Field rules here; rules that need
 * the portal (jurisdiction, languages, justification of necessary cookies) are checked by {@link RegistryService}.
 *
 * @param exemptAudienceMeasurement FR statistics only (CNIL exemption): refused for other categories and for
 *     portals of other jurisdictions
 */
public record DeclarationDraft(
        @NotBlank @Size(max = 200) String provider,
        @NotBlank @Size(max = 200) @Pattern(regexp = COOKIE_NAME, message = "{registry.name.invalid}") String name,
        @NotNull Category category,
        @Size(max = 253) @Pattern(regexp = HOST, message = "{registry.host.invalid}") String thirdPartyDomain,
        @Min(value = 1, message = "{registry.lifetime.range}")
        @Max(value = MAX_LIFETIME_SECONDS, message = "{registry.lifetime.range}") Long lifetimeSeconds,
        @Size(max = 20) List<@NotBlank @Size(max = 253) @Pattern(regexp = HOST, message = "{registry.host.invalid}") String> hosts,
        @Size(max = 500) String justification,
        @NotNull(message = "{registry.texts.default}") @Size(min = 1, max = 4, message = "{registry.texts.default}")
        Map<@NotNull Language, @NotNull @Valid DeclarationText> texts,
        Boolean exemptAudienceMeasurement) {

    /** A draft that needs consent as usual (not exempt audience measurement). */
    public DeclarationDraft(String provider, String name, Category category, String thirdPartyDomain,
            Long lifetimeSeconds, List<String> hosts, String justification, Map<Language, DeclarationText> texts) {
        this(provider, name, category, thirdPartyDomain, lifetimeSeconds, hosts, justification, texts, false);
    }

    /** RFC 6265 token characters; {@code *} (itself a token character) is read as a wildcard. */
    public static final String COOKIE_NAME = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
    static final String HOST = "(?i)[a-z0-9*]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";
    /** 400 days: browsers cap cookie lifetimes there (RFC 6265bis). */
    public static final long MAX_LIFETIME_SECONDS = 400L * 24 * 3600;
    /** Thirteen months, the CNIL's limit for non-necessary cookies. */
    public static final long FR_MAX_CONSENT_LIFETIME_SECONDS = 395L * 24 * 3600;

    public DeclarationDraft {
        hosts = hosts == null ? List.of() : hosts;
        thirdPartyDomain = thirdPartyDomain == null || thirdPartyDomain.isBlank() ? null : thirdPartyDomain.trim();
        justification = justification == null || justification.isBlank() ? null : justification.trim();
        exemptAudienceMeasurement = Boolean.TRUE.equals(exemptAudienceMeasurement);
    }
}
