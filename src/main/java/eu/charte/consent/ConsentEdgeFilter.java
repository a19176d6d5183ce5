package eu.charte.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.Portal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge of {@code POST /api/v1/portals/{slug}/consents}: CORS for the portal's own origins only (its base URL's
 * origin, https on each of its host names, and Charte's own origin), 403 for any other {@code Origin}, a request
 * without {@code Origin} (a server, a script) accepted; preflights answered here; at most
 * {@code charte.consent.rate-per-minute} consents per client address and minute (429); bodies over
 * {@code charte.consent.max-body} refused (413) before they are read. Runs after Spring Security, so its answers
 * carry the security headers.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 5)
class ConsentEdgeFilter extends OncePerRequestFilter {

    private static final Pattern CONSENTS = Pattern.compile("^/api/v1/portals/[a-z0-9-]{1,63}/consents/?$");

    private final ConsentProperties properties;
    private final JsonMapper json;
    private final Cache<String, AtomicInteger> counters = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(2)).build();

    ConsentEdgeFilter(ConsentProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "OPTIONS".equals(method))
                || !CONSENTS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object resolved = request.getAttribute(Portal.REQUEST_ATTRIBUTE);
        if (!(resolved instanceof Portal portal)) {
            if ("OPTIONS".equals(request.getMethod())) {
                problem(request, response, HttpStatus.NOT_FOUND, "not-found", "Not found", "No portal has this slug.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (!allowedOrigins(portal, request).contains(origin.toLowerCase(Locale.ROOT))) {
                problem(request, response, HttpStatus.FORBIDDEN, "forbidden-origin", "Forbidden",
                        "Consents of this portal are accepted from its own web site only.");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.addHeader("Vary", "Origin");
        }
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Methods", "POST");
            response.setHeader("Access-Control-Allow-Headers", "Content-Type");
            response.setHeader("Access-Control-Max-Age", "86400");
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        if (request.getContentLengthLong() > properties.maxBody().toBytes()) {
            problem(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                    "The request body is over " + properties.maxBody().toBytes() + " bytes.");
            return;
        }
        if (properties.ratePerMinute() > 0) {
            long minute = System.currentTimeMillis() / 60_000;
            AtomicInteger count = counters.get(request.getRemoteAddr() + "|" + minute, k -> new AtomicInteger());
            if (count.incrementAndGet() > properties.ratePerMinute()) {
                response.setHeader("Retry-After",
                        Long.toString(Math.max(1, 60 - (System.currentTimeMillis() / 1000) % 60)));
                problem(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                        "More than " + properties.ratePerMinute() + " consents a minute came from this address.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The origins a portal's banner posts from, in lower case. */
    static Set<String> allowedOrigins(Portal portal, HttpServletRequest request) {
        Set<String> origins = new LinkedHashSet<>();
        URI base = portal.baseUrl();
        if (base != null && base.getScheme() != null && base.getHost() != null) {
            origins.add(origin(base.getScheme(), base.getHost(), base.getPort()));
        }
        for (String host : portal.hosts()) {
            origins.add("https://" + host.toLowerCase(Locale.ROOT));
        }
        // Charte's own pages of the portal (/p/{slug}/...) post from Charte's origin.
        origins.add(origin(request.getScheme(), request.getServerName(), request.getServerPort()));
        return origins;
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || ("https".equals(s) && port == 443) || ("http".equals(s) && port == 80);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://charte.eu/problems/" + type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
