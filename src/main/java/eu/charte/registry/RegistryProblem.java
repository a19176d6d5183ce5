package eu.charte.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A registry change that cannot be made; the problem document names each field at fault. */
public class RegistryProblem extends ErrorResponseException {

    private final Map<String, String> errors;

    RegistryProblem(HttpStatus status, String type, String title, Map<String, String> errors) {
        super(status, problem(status, type, title, errors), null);
        this.errors = Map.copyOf(errors);
    }

    static RegistryProblem invalid(Map<String, String> errors) {
        return new RegistryProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", errors);
    }

    static RegistryProblem notFound(String what) {
        return new RegistryProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", Map.of("id", what));
    }

    static RegistryProblem unknownCookie() {
        return new RegistryProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                Map.of("name", "no known cookie has this name"));
    }

    static RegistryProblem conflict(String field, String message) {
        return new RegistryProblem(HttpStatus.CONFLICT, "conflict", "Conflict", Map.of(field, message));
    }

    /** Field to message, as shown next to form fields. */
    public Map<String, String> errors() {
        return errors;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        problem.setType(URI.create("https://charte.eu/problems/" + type));
        problem.setTitle(title);
        problem.setProperty("errors", errors.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        return problem;
    }

    List<String> fields() {
        return List.copyOf(errors.keySet());
    }
}
