package eu.charte.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem documents from filters and handlers outside Spring MVC. */
@Component
class Problems {

    static final String TYPE_BASE = "https://charte.eu/problems/";

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    /** Whether the caller wants a problem document rather than a page: API paths and non-HTML clients. */
    static boolean wantsProblem(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && !accept.contains("text/html")
                && (accept.contains("json") || accept.contains("problem"));
    }

    static Map<String, Object> body(HttpStatus status, String type, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_BASE + type).toString());
        body.put("title", title);
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    void write(HttpServletResponse response, HttpStatus status, Map<String, Object> body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
            String detail) throws IOException {
        write(response, status, body(status, type, title, detail, request.getRequestURI()));
    }
}
