package eu.charte.banner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public banner endpoints: {@code /p/{slug}/banner.js}, {@code banner.css}, {@code banner.json} and
 * {@code /.well-known/gpc.json}. Functional routes rather than a {@code @Controller}, so that nothing meant for the
 * platform's own pages (model attributes that load the CSRF token, and with it a cookie) runs for them: a portal
 * on another site that embeds the banner gets no cookie from Charte (checklist rules 17 and 33).
 */
@Configuration(proxyBeanMethods = false)
class BannerRoutes {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
    /** When Charte started honouring GPC (W3C GPC, "GPC support resource"). */
    static final String GPC_LAST_UPDATE = "2026-11-23";
    private static final String CONFIG_SLOT = "/*CONFIG*/";
    private static final String STYLE_SLOT = "/*STYLE*/";

    private final BannerService banners;
    private final JsonMapper json;
    private final String script;
    private final String stylesheet;
    private final String stylesheetTag;
    /** The script with the stylesheet already in it; only the configuration is left to put in. */
    private final String scriptWithStyle;
    /**
     * Finished script bodies and their ETags, per node. The key holds everything the body depends on, so a new
     * revision, changed settings or an edited portal make a new key at once; old entries just age out.
     */
    private final Cache<ScriptKey, Body> scripts = Caffeine.newBuilder().maximumSize(2_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    BannerRoutes(BannerService banners, JsonMapper json) {
        this.banners = banners;
        this.json = json;
        this.script = read("banner/banner.js");
        this.stylesheet = read("banner/banner.css");
        this.stylesheetTag = '"' + BannerService.sha256(stylesheet).substring(0, 32) + '"';
        if (!script.contains(CONFIG_SLOT) || !script.contains(STYLE_SLOT)) {
            throw new IllegalStateException("banner.js lacks a slot " + CONFIG_SLOT + " or " + STYLE_SLOT);
        }
        this.scriptWithStyle = script.replace(STYLE_SLOT, json.writeValueAsString(minify(stylesheet)));
    }

    @Bean
    RouterFunction<ServerResponse> bannerRouterFunction() {
        return RouterFunctions.route()
                .GET("/p/{slug}/banner.js", this::script)
                .GET("/p/{slug}/banner.css", this::stylesheet)
                .GET("/p/{slug}/banner.json", this::config)
                .GET("/.well-known/gpc.json", this::gpcResource)
                .build();
    }

    /** The script with the configuration of the requested language, or of every language the portal offers. */
    private ServerResponse script(ServerRequest request) {
        Optional<Portal> portal = portal(request);
        if (portal.isEmpty()) {
            return notFound(request);
        }
        Optional<String> lang = request.param("lang");
        List<Language> languages = lang.flatMap(Language::parse).filter(portal.get()::offers).map(List::of)
                .orElse(portal.get().languages());
        boolean gpc = gpc(request);
        String base = base(request);
        BannerService.Version version = banners.version(portal.get());
        ScriptKey key = new ScriptKey(portal.get().id(), portal.get().updatedAt().toEpochMilli(), version, languages,
                gpc, base);
        Body body = scripts.get(key, k -> {
            Map<String, BannerConfig> configs = new LinkedHashMap<>();
            for (Language language : languages) {
                BannerConfig config = banners.config(portal.get(), language, base, version);
                configs.put(language.code(), gpc ? config.withGpc() : config);
            }
            String text = scriptWithStyle.replace(CONFIG_SLOT, json.writeValueAsString(configs));
            return new Body(text, '"' + BannerService.sha256(text).substring(0, 32) + '"');
        });
        return request.checkNotModified(body.etag()).orElseGet(() -> ServerResponse.ok().contentType(JAVASCRIPT)
                .eTag(body.etag()).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header("Vary", "Sec-GPC").header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(body.text()));
    }

    /** The stylesheet without comments and line breaks, for the copy inside the script. */
    static String minify(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\\s*\n\\s*", "").trim();
    }

    private record ScriptKey(long portalId, long portalUpdatedAt, BannerService.Version version,
            List<Language> languages, boolean gpc, String base) {
    }

    private record Body(String text, String etag) {
    }

    private ServerResponse stylesheet(ServerRequest request) {
        if (portal(request).isEmpty()) {
            return notFound(request);
        }
        return request.checkNotModified(stylesheetTag).orElseGet(() -> ServerResponse.ok().contentType(CSS)
                .eTag(stylesheetTag).cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .header("Cross-Origin-Resource-Policy", "cross-origin").header("Access-Control-Allow-Origin", "*")
                .body(stylesheet));
    }

    /** One language's configuration, for portals that build their own interface; public, readable cross-origin. */
    private ServerResponse config(ServerRequest request) {
        Optional<Portal> portal = portal(request);
        if (portal.isEmpty()) {
            return notFound(request);
        }
        Optional<String> lang = request.param("lang");
        Language language = portal.get().defaultLanguage();
        if (lang.isPresent()) {
            Optional<Language> asked = Language.parse(lang.get()).filter(portal.get()::offers);
            if (asked.isEmpty()) {
                return problem(request, HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                        "lang: the portal offers " + String.join(", ",
                                portal.get().languages().stream().map(Language::code).toList()));
            }
            language = asked.get();
        }
        BannerConfig config = banners.config(portal.get(), language, base(request));
        String body = json.writeValueAsString(gpc(request) ? config.withGpc() : config);
        String etag = '"' + BannerService.sha256(body).substring(0, 32) + '"';
        return request.checkNotModified(etag).orElseGet(() -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .header("Vary", "Sec-GPC").header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin").body(body));
    }

    private ServerResponse gpcResource(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .header("Access-Control-Allow-Origin", "*")
                .body(json.writeValueAsString(Map.of("gpc", true, "lastUpdate", GPC_LAST_UPDATE)));
    }

    /**
     * Whether the request carries Global Privacy Control: a {@code Sec-GPC} value of exactly {@code 1}; with
     * repeated headers, any of them (checklist rule 25).
     */
    static boolean gpc(ServerRequest request) {
        return request.headers().header("Sec-GPC").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(v -> v.trim().equals("1"));
    }

    private static Optional<Portal> portal(ServerRequest request) {
        return request.attribute(Portal.REQUEST_ATTRIBUTE).filter(Portal.class::isInstance).map(Portal.class::cast);
    }

    private static String base(ServerRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request.servletRequest()).replaceQuery(null).build()
                .toUriString();
    }

    private static ServerResponse notFound(ServerRequest request) {
        return problem(request, HttpStatus.NOT_FOUND, "not-found", "Not found", "no portal has this address");
    }

    private static ServerResponse problem(ServerRequest request, HttpStatus status, String type, String title,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://charte.eu/problems/" + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.path()));
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
