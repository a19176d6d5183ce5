package eu.charte.charter;

import eu.charte.platform.PlatformCookie;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.EdgeOrder;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Serves the anonymous HTML charter page ({@code /p/{slug}/charte-cookies}, optionally {@code ?lang=xx}) from
 * {@link CharterPageCache} ahead of the security and MVC stacks, once the full stack has answered that page once:
 * the same bytes, the same headers (security headers included, as the full stack wrote them), the visitor's own CSRF
 * token in the language picker's form, and the {@code csrftoken} cookie set exactly as the CSRF repository sets it
 * when the visitor has none. Anything else (a {@code sessionid} cookie, another query, an unusual token, a page not
 * seen yet) goes through the full stack.
 * Runs once the portal named in the path is resolved, ahead of Spring Session and Spring Security
 * ({@link EdgeOrder#SESSIONLESS_ANSWERS}).
 */
@Component
@Order(EdgeOrder.SESSIONLESS_ANSWERS)
@ConditionalOnWebApplication
class CharterFastPath extends OncePerRequestFilter {

    /** Request attribute by which the controller hands a cacheable rendering to this filter. */
    static final String PENDING = CharterFastPath.class.getName() + ".pending";

    record Pending(CharterPageCache.Key key, CharterPageCache.Template template, String etag) {
    }

    private static final Pattern PAGE = Pattern.compile("^/p/[a-z0-9-]{1,63}/charte-cookies$");
    private static final Pattern LANG_QUERY = Pattern.compile("^lang=[a-z]{2}$");
    /** Headers the container writes itself, or that this filter writes per response. */
    private static final Set<String> NOT_REPLAYED = Set.of("set-cookie", "date", "content-length", "content-type",
            "transfer-encoding", "connection", "keep-alive");

    private final CharterPageCache cache;
    private final CharterService charters;
    private final LocaleResolver locales;
    private final PlatformCookie session;
    private final PlatformCookie csrf;

    CharterFastPath(CharterPageCache cache, CharterService charters, LocaleResolver locales, PlatformCookies cookies) {
        this.cache = cache;
        this.charters = charters;
        this.locales = locales;
        this.session = cookies.session();
        this.csrf = cookies.csrf();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CharterPageCache.Key> key = key(request);
        if (key.isPresent()) {
            CharterPageCache.Page page = cache.page(key.get());
            String token = cookie(request, csrf.name());
            if (page != null && (token == null || CharterPageCache.copyable(token))) {
                serve(page, token, request, response);
                return;
            }
        }
        chain.doFilter(request, response);
        if (key.isPresent() && request.getAttribute(PENDING) instanceof Pending pending
                && pending.key().equals(key.get()) && response.getStatus() == HttpServletResponse.SC_OK) {
            cache.putPage(pending.key(), new CharterPageCache.Page(pending.template(), pending.etag(), headers(response)));
        }
    }

    /** The page this request asks for, when it is one the fast path may answer. */
    private Optional<CharterPageCache.Key> key(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getDispatcherType() != DispatcherType.REQUEST
                || !(request.getAttribute(Portal.REQUEST_ATTRIBUTE) instanceof Portal portal)) {
            return Optional.empty();
        }
        String path = request.getRequestURI();
        String query = request.getQueryString();
        if (!request.getContextPath().isEmpty() || !PAGE.matcher(path).matches()
                || (query != null && !LANG_QUERY.matcher(query).matches())
                || cookie(request, session.name()) != null
                || CharterController.negotiate(request.getHeader(HttpHeaders.ACCEPT)) != CharterFormat.HTML) {
            return Optional.empty();
        }
        Locale locale = locales.resolveLocale(request);
        Language language = Language.parse(locale.getLanguage()).filter(portal::offers).orElse(portal.defaultLanguage());
        return charters.currentNumber(portal).map(revision -> new CharterPageCache.Key(portal.id(), portal.updatedAt(),
                revision, language, query == null ? path : path + "?" + query, request.isSecure()));
    }

    private void serve(CharterPageCache.Page page, String token, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        for (Map.Entry<String, String> header : page.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
        if (token == null) {
            token = UUID.randomUUID().toString();
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(csrf.name(), token)
                    .httpOnly(csrf.httpOnly()).secure(csrf.secure()).sameSite(csrf.sameSite()).path(csrf.path())
                    .build().toString());
        }
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), page.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        page.template().writeTo(response, token);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static List<Map.Entry<String, String>> headers(HttpServletResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String name : response.getHeaderNames()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : response.getHeaders(name)) {
                    headers.add(Map.entry(name, value));
                }
            }
        }
        return List.copyOf(headers);
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
