package eu.charte.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the portal named in the path ({@code /p/{slug}/}, {@code /api/v1/portals/{slug}},
 * {@code /admin/portals/{slug}}) once, at the edge, ahead of everything that needs it. A request naming no portal in
 * its path may still be for a portal's own host name: {@link PortalResolutionFilter} sees to that later.
 */
@Component
@Order(EdgeOrder.PORTAL_FROM_PATH)
class PortalPathFilter extends OncePerRequestFilter {

    private static final Pattern SLUG_IN_PATH =
            Pattern.compile("^/(?:p|api/v1/portals|admin/portals)/([a-z0-9-]{1,63})(?:/.*)?$");

    private final PortalService portals;

    PortalPathFilter(PortalService portals) {
        this.portals = portals;
    }

    /** The slug this path names, if it names one ({@code /admin/portals/new} is the form for a new portal). */
    static Optional<String> slugInPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher matcher = SLUG_IN_PATH.matcher(path);
        return matcher.matches() && !path.equals("/admin/portals/new") ? Optional.of(matcher.group(1))
                : Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        slugInPath(request).flatMap(portals::findBySlug)
                .ifPresent(portal -> request.setAttribute(Portal.REQUEST_ATTRIBUTE, portal));
        chain.doFilter(request, response);
    }
}
