package eu.charte.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves a request to a portal's own host name for a public path as {@code /p/{slug}/...}, once Spring Session has
 * wrapped the request and before Spring Security runs. Requests that name their portal in the path were resolved
 * earlier ({@link PortalPathFilter}) and pass through.
 */
@Component
@Order(EdgeOrder.PORTAL_FROM_HOST)
class PortalResolutionFilter extends OncePerRequestFilter {

    private static final List<String> PLATFORM_PATHS = List.of("/p/", "/api/", "/admin", "/login", "/logout",
            "/i18n/", "/actuator", "/css/", "/js/", "/banner/", "/error", "/v3/", "/.well-known/", "/favicon");

    private final PortalService portals;

    PortalResolutionFilter(PortalService portals) {
        this.portals = portals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (PortalPathFilter.slugInPath(request).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
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
