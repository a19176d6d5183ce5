package eu.charte.web;

import eu.charte.account.ApiTokenAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <personal API token>} for this request only (no session, no cookie).
 * Such requests need no CSRF token: a browser never adds this header on its own.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokenAuthentication tokens;
    private final Problems problems;

    BearerTokenFilter(ApiTokenAuthentication tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        var authentication = tokens.authenticate(token);
        if (authentication.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid API token",
                    "The bearer token is unknown or revoked.");
            return;
        }
        SecurityContextHolder.setContext(new SecurityContextImpl(authentication.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
