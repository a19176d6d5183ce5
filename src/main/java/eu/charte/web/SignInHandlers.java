package eu.charte.web;

import eu.charte.account.LoginThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a sign-in: on success, go to {@code next} (a local path) or the back office; on failure, back to the form.
 * Nothing is stored in a session for a failed attempt, so an anonymous visitor never gets a session cookie.
 */
class SignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final LoginThrottle throttle;

    SignInHandlers(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        throttle.recordSuccess(request.getParameter("username"));
        String next = request.getParameter("next");
        String target = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                ? next : "/admin";
        response.sendRedirect(request.getContextPath() + target);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        throttle.recordFailure(request.getParameter("username"), request.getRemoteAddr());
        String next = request.getParameter("next");
        String query = next == null || next.isBlank() ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        response.sendRedirect(request.getContextPath() + "/login?error" + query);
    }
}
