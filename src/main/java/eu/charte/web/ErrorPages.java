package eu.charte.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The last stop for every error Spring MVC did not answer itself (unknown paths, filters, the container):
 * a problem document for the API, a localised page for people. Never a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

    static final String CSRF_ATTRIBUTE = ErrorPages.class.getName() + ".csrf";

    private final Problems problems;

    ErrorPages(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        HttpStatus status = statusOf(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path.startsWith("/api/") || Problems.wantsProblem(request)) {
            problems.write(response, status, Problems.body(status, typeOf(status), status.getReasonPhrase(), null,
                    path.equals("null") ? null : path));
            return null;
        }
        response.setStatus(status.value());
        return page(model, status, Boolean.TRUE.equals(request.getAttribute(CSRF_ATTRIBUTE)));
    }

    static String page(Model model, HttpStatus status, boolean csrf) {
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", csrf ? "error.csrf" : messageKey(status));
        return "web/error";
    }

    static String messageKey(HttpStatus status) {
        return switch (status.value()) {
            case 400, 401, 403, 404, 405, 409, 413, 415, 429, 503 -> "error." + status.value();
            default -> status.is4xxClientError() ? "error.400" : "error.500";
        };
    }

    static String typeOf(HttpStatus status) {
        return switch (status.value()) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 429 -> "too-many-requests";
            default -> "http-" + status.value();
        };
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
