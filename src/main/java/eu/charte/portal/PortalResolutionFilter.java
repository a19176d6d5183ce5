package eu.charte.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the portal of a request once, at the edge, before security runs: from the path
 * ({@code /p/{slug}/}, {@code /api/v1/portals/{slug}}, {@code /admin/portals/{slug}}) or else from the host name.
 * A request to a portal's own host name for a public path is served as {@code /p/{slug}/...}.
 */
@Component
@Order(PortalResolutionFilter.ORDER)
class PortalResolutionFilter extends OncePerRequestFilter {

    /** Before Spring Security (-100), so that authorisation can rely on the resolved portal. */
    static final int ORDER = -110;

    private static final Pattern SLUG_IN_PATH =
            Pattern.compile("^/(?:p|api/v1/portals|admin/portals)/([a-z0-9-]{1,63})(?:/.*)?$");
    private static final List<String> PLATFORM_PATHS = List.of("/p/", "/api/", "/admin", "/login", "/logout",
            "/i18n/", "/actuator", "/css/", "/js/", "/banner/", "/error", "/v3/", "/.well-known/", "/favicon");

    private final PortalService portals;

    PortalResolutionFilter(PortalService portals) {
        this.portals = portals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher matcher = SLUG_IN_PATH.matcher(path);
        if (matcher.matches() && !path.equals("/admin/portals/new")) {
            portals.findBySlug(matcher.group(1)).ifPresent(p -> request.setAttribute(Portal.REQUEST_ATTRIBUTE, p));
            chain.doFilter(request, response);
            return;
        }
        Optional<Portal> byHost = hostOf(request).flatMap(portals::findByHost);
        if (byHost.isPresent() && PLATFORM_PATHS.stream().noneMatch(path::startsWith)) {
            request.setAttribute(Portal.REQUEST_ATTRIBUTE, byHost.get());
            request.getRequestDispatcher("/p/" + byHost.get().slug() + path).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> hostOf(HttpServletRequest request) {
        String host = request.getServerName();
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(host);
    }
}
