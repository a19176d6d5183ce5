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
 * Resolves the portal named in the path ({@code /p/{slug}/}, {@code /api/v1/portals/{slug}},
 * {@code /admin/portals/{slug}}) once, at the edge, ahead of everything that needs it. A request naming no portal in
 * its path may still be for a portal's own host name: {@link PortalResolutionFilter} sees to that later.
 */
@Component
@Order(EdgeOrder.PORTAL_FROM_PATH)
class PortalPathFilter extends OncePerRequestFilter {

    /** The paths that name a portal: the prefix, then its slug (1 to 63 of a-z, 0-9 and -), then the end or a /. */
    private static final List<String> PREFIXES = List.of("/p/", "/api/v1/portals/", "/admin/portals/");

    private final PortalService portals;

    PortalPathFilter(PortalService portals) {
        this.portals = portals;
    }

    /** The slug this path names, if it names one ({@code /admin/portals/new} is the form for a new portal). */
    static Optional<String> slugInPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/admin/portals/new") ? Optional.empty() : Optional.ofNullable(slugInPath(path));
    }

    /** The slug after one of the prefixes, or null (read character by character: every request passes here). */
    static String slugInPath(String path) {
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                int start = prefix.length();
                int end = path.indexOf('/', start);
                end = end < 0 ? path.length() : end;
                if (end == start || end - start > 63) {
                    return null;
                }
                for (int i = start; i < end; i++) {
                    char c = path.charAt(i);
                    if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                        return null;
                    }
                }
                return path.substring(start, end);
            }
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        slugInPath(request).flatMap(portals::findBySlug)
                .ifPresent(portal -> request.setAttribute(Portal.REQUEST_ATTRIBUTE, portal));
        chain.doFilter(request, response);
    }
}
