package eu.charte.banner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.charter.CharterService;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.Category;
import eu.charte.registry.Declaration;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a portal's banner configuration from its latest published revision and its settings, and keeps its
 * settings. Configurations are cached per node by (portal, revision, settings, language, base URL); each text set
 * is handed to the {@link TextArchive} once per node before it is first served.
 */
@Service
class BannerService {

    /** Keys of the {@code texts} object, each {@code banner.text.<key>} in the bundles. */
    static final List<String> TEXT_KEYS = List.of("title", "controller", "purposes", "refusal", "withdraw", "charter",
            "thirdParties", "rejectAll", "acceptAll", "customize", "save", "close", "manage", "prefsTitle",
            "prefsIntro", "alwaysOn", "saved", "gpc", "placeholder", "allow", "cookies", "colName", "colProvider",
            "colPurpose", "colLifetime", "exempt", "cat.necessary", "cat.preferences", "cat.statistics",
            "cat.marketing", "desc.necessary", "desc.preferences", "desc.statistics", "desc.marketing");

    /** The texts formatted with {0} = the controller's organisation and {1} = the portal's name. */
    private static final Set<String> WITH_NAMES = Set.of("title", "controller");

    private final RegistryService registry;
    private final BannerSettingsRepository settings;
    private final PlatformCookies platformCookies;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Validator validator;
    private final TextArchive archive;
    /** Says lifetimes in words exactly as the charter's tables do. */
    private final CharterService charters;
    private final Clock clock = Clock.systemUTC();
    private final Cache<Key, BannerConfig> configs = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final Set<String> archived = ConcurrentHashMap.newKeySet();

    BannerService(RegistryService registry, BannerSettingsRepository settings, PlatformCookies platformCookies,
            MessageSource messages, JsonMapper json, Validator validator, TextArchive archive,
            CharterService charters) {
        this.registry = registry;
        this.charters = charters;
        this.settings = settings;
        this.platformCookies = platformCookies;
        this.messages = messages;
        this.json = json;
        this.validator = validator;
        this.archive = archive;
    }

    BannerSettings settings(Portal portal) {
        return settings.find(portal.id()).orElseGet(() -> new BannerSettings(
                (int) platformCookies.preferences().maxAge().toDays(), false, false));
    }

    /** @throws BannerProblem naming each invalid field */
    @Transactional
    BannerSettings save(Portal portal, BannerSettings changed) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<BannerSettings> v : validator.validate(changed)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        if (!errors.isEmpty()) {
            throw BannerProblem.invalid(errors);
        }
        settings.save(portal.id(), changed, clock.instant());
        return changed;
    }

    /** What a portal's configuration depends on besides the portal row itself: its latest revision and settings. */
    Version version(Portal portal) {
        return new Version(registry.latestNumber(portal).orElse(0), settings(portal));
    }

    /** The configuration for one language; {@code base} is Charte's absolute URL as the visitor reaches it. */
    BannerConfig config(Portal portal, Language language, String base) {
        return config(portal, language, base, version(portal));
    }

    /** As {@link #config(Portal, Language, String)}, for a {@link Version} the caller has just read. */
    BannerConfig config(Portal portal, Language language, String base, Version version) {
        Key key = new Key(portal.id(), portal.updatedAt().toEpochMilli(), version.revision(), version.settings(),
                language, base);
        BannerConfig config = configs.get(key, k -> build(portal, k));
        if (archived.add(portal.id() + ":" + config.textHash())) {
            try {
                archive.archiveTexts(portal, config.revision(), language, config.textHash(),
                        canonical(config.texts()));
            } catch (RuntimeException e) {
                archived.remove(portal.id() + ":" + config.textHash());
                throw e;
            }
        }
        return config;
    }

    private BannerConfig build(Portal portal, Key key) {
        Language language = key.language();
        List<Declaration> declarations = registry.latest(portal).map(registry::declarations).orElse(List.of());
        boolean exempt = exemptAudienceMeasurement(portal, declarations);
        List<BannerConfig.CategoryView> categories = new ArrayList<>();
        for (Category category : Category.values()) {
            List<BannerConfig.CookieView> cookies = declarations.stream().filter(d -> d.category() == category)
                    .map(d -> new BannerConfig.CookieView(d.name(), d.provider(),
                            d.text(language, portal.defaultLanguage()).purpose(), charters.lifetime(d.lifetimeSeconds(), language),
                            !d.firstParty(), d.firstParty() ? null : d.thirdPartyDomain()))
                    .toList();
            if (category == Category.NECESSARY || !cookies.isEmpty()) {
                categories.add(new BannerConfig.CategoryView(category.code(),
                        category == Category.STATISTICS && exempt, cookies));
            }
        }
        Map<String, String> texts = new TreeMap<>();
        Object[] names = {portal.controller().organisation(), portal.name()};
        for (String k : TEXT_KEYS) {
            // Only the texts that name the controller or the portal are MessageFormat patterns (doubled apostrophes).
            texts.put(k, messages.getMessage("banner.text." + k, WITH_NAMES.contains(k) ? names : null,
                    language.locale()));
        }
        String charter = key.base() + "/p/" + portal.slug() + "/charte-cookies?lang=" + language.code();
        return new BannerConfig(portal.slug(), key.revision(), language.code(), sha256(canonical(texts)),
                new BannerConfig.ChoiceCookie(platformCookies.preferences().name(),
                        key.settings().choiceLifetimeDays() * 86_400L),
                key.base() + "/api/v1/portals/" + portal.slug() + "/consents", charter, charter + "#third-parties",
                key.base() + "/p/" + portal.slug() + "/banner.css", key.settings().consentMode(),
                key.settings().matomo(), null, List.copyOf(categories), texts);
    }

    /**
     * FR only (CNIL exemption, checklist rules 23 and 24): statistics run without consent, with an opt-out, when
     * every statistics declaration is marked as exempt audience measurement. Never for BE or EU portals.
     */
    static boolean exemptAudienceMeasurement(Portal portal, List<Declaration> declarations) {
        if (portal.jurisdiction() != Jurisdiction.FR) {
            return false;
        }
        List<Declaration> statistics = declarations.stream().filter(d -> d.category() == Category.STATISTICS).toList();
        return !statistics.isEmpty() && statistics.stream().allMatch(Declaration::exemptAudienceMeasurement);
    }

    /** The canonical JSON of a texts object: keys sorted, no white space. Its SHA-256 is the text hash. */
    String canonical(Map<String, String> texts) {
        return json.writeValueAsString(new TreeMap<>(texts));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A portal's latest revision number (0 before the first) and its banner settings. */
    record Version(int revision, BannerSettings settings) {
    }

    private record Key(long portalId, long portalUpdatedAt, int revision, BannerSettings settings, Language language,
            String base) {
    }
}
