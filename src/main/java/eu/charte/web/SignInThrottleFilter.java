package eu.charte.web;

import eu.charte.account.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 429 with Retry-After to a sign-in attempt while its e-mail address or client address is throttled. */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    SignInThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = throttle.retryAfter(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds() + 1)));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }
}
