package eu.charte.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.EdgeOrder;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalNotFoundException;
import eu.charte.web.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public endpoint {@code POST /api/v1/portals/{slug}/consents} (and its CORS preflight), answered here, ahead of
 * the security and MVC stacks: it needs no session, no CSRF token and no sign-in, and is the one request a portal's
 * every visitor makes, so it takes the shortest path (issue 4: thousands a second on a small server). It writes the
 * same security headers as the security chain ({@link SecurityHeaders}).
 * <ul>
 * <li>CORS for the portal's own origins only (its base URL's origin, https on each of its host names, and Charte's
 * own origin), 403 for any other {@code Origin}; a request without {@code Origin} (a server, a script) accepted.</li>
 * <li>At most {@code charte.consent.rate-per-minute} consents per client address and minute (429); bodies over
 * {@code charte.consent.max-body} refused (413), by {@code Content-Length} before reading, else while reading.</li>
 * <li>201 once the record is committed, 200 with the same body for the same decision again, problem documents
 * (RFC 9457) for everything refused; 503 with {@code Retry-After} when the ledger cannot commit in time.</li>
 * </ul>
 * Runs once the portal named in the path is resolved, ahead of Spring Session and Spring Security
 * ({@link EdgeOrder#SESSIONLESS_ANSWERS}); timed by {@link ConsentMetrics} rather than by the generic request
 * observation.
 */
@Component
@Order(EdgeOrder.SESSIONLESS_ANSWERS + 1)
@ConditionalOnWebApplication
class ConsentEndpoint extends OncePerRequestFilter {

    private static final Pattern CONSENTS = Pattern.compile("^/api/v1/portals/[a-z0-9-]{1,63}/consents/?$");

    private final ConsentLedger ledger;
    private final ConsentProperties properties;
    private final JsonMapper json;
    private final ConsentMetrics metrics;
    private final Cache<String, AtomicInteger> counters = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(2)).build();

    ConsentEndpoint(ConsentLedger ledger, ConsentProperties properties, JsonMapper json, ConsentMetrics metrics) {
        this.ledger = ledger;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
    }

    /** Whether this is a request the endpoint answers: a consent POST or its preflight. */
    static boolean answers(HttpServletRequest request) {
        String method = request.getMethod();
        return ("POST".equals(method) || "OPTIONS".equals(method))
                && CONSENTS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !answers(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        long start = System.nanoTime();
        try {
            SecurityHeaders.write(request, response);
            if (!(request.getAttribute(Portal.REQUEST_ATTRIBUTE) instanceof Portal portal)) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                problem(request, response, new PortalNotFoundException(path.split("/")[4]));
                return;
            }
            try {
                answer(portal, request, response);
            } catch (ConsentProblem problem) {
                problem(request, response, problem);
            }
        } finally {
            metrics.record(response.getStatus(), System.nanoTime() - start);
        }
    }

    private void answer(Portal portal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (!allowedOrigins(portal, request).contains(origin.toLowerCase(Locale.ROOT))) {
                throw ConsentProblem.forbiddenOrigin();
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
        long limit = properties.maxBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw ConsentProblem.tooLarge(limit);
        }
        if (properties.ratePerMinute() > 0) {
            long minute = System.currentTimeMillis() / 60_000;
            AtomicInteger count = counters.get(request.getRemoteAddr() + "|" + minute, k -> new AtomicInteger());
            if (count.incrementAndGet() > properties.ratePerMinute()) {
                throw ConsentProblem.tooManyRequests(properties.ratePerMinute(),
                        Math.max(1, 60 - (System.currentTimeMillis() / 1000) % 60));
            }
        }
        // Read as UTF-8 text whatever the type: a banner may send text/plain (or sendBeacon) to spare a preflight.
        byte[] bytes = request.getInputStream().readNBytes((int) limit + 1);
        if (bytes.length > limit) {
            throw ConsentProblem.tooLarge(limit);
        }
        ConsentSubmission submission = ConsentSubmission.parse(new String(bytes, StandardCharsets.UTF_8), portal, json,
                request.getHeader("User-Agent"), ConsentSubmission.truncateAddress(request.getRemoteAddr()));
        ConsentLedger.Recorded recorded = ledger.record(portal, submission);
        byte[] body = json.writeValueAsBytes(new ConsentApiController.RecordView(recorded.record(), false));
        response.setStatus(recorded.created() ? HttpStatus.CREATED.value() : HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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

    /** The problem document, as Spring MVC would write it for this exception (RFC 9457). */
    private void problem(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem)
            throws IOException {
        ProblemDetail detail = problem.getBody();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(detail.getType()));
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        body.put("instance", request.getRequestURI());
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setStatus(detail.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
