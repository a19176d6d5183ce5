package eu.charte.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** What the edge answers when a request is not signed in or not allowed: a problem document or a page. */
final class EdgeErrors {

    private EdgeErrors() {
    }

    /** Not signed in: 401 problem for the API, the sign-in page for people. */
    record EntryPoint(Problems problems) implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            if (Problems.wantsProblem(request)) {
                response.setHeader("WWW-Authenticate", "Bearer");
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in",
                        "Sign in, or send a personal API token as 'Authorization: Bearer ...'.");
                return;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            response.sendRedirect(request.getContextPath() + "/login?next="
                    + URLEncoder.encode(path + query, StandardCharsets.UTF_8));
        }
    }

    /** Signed in but not allowed, or no valid CSRF token: 403, as a problem document or a page. */
    record Denied(Problems problems) implements AccessDeniedHandler {
        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            boolean csrf = e instanceof CsrfException;
            if (Problems.wantsProblem(request) || csrf && !acceptsHtml(request)) {
                problems.write(request, response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden",
                        csrf ? "CSRF token missing or invalid" : "Forbidden",
                        csrf ? "Send the csrftoken cookie's value in the X-CSRFToken header (or the "
                                + "csrfmiddlewaretoken form field)." : "You may not do this on this resource.");
                return;
            }
            request.setAttribute(ErrorPages.CSRF_ATTRIBUTE, csrf);
            response.sendError(HttpStatus.FORBIDDEN.value());
        }

        private static boolean acceptsHtml(HttpServletRequest request) {
            String accept = request.getHeader("Accept");
            return accept != null && accept.contains("text/html");
        }
    }
}
