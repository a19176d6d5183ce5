package eu.charte.consent;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A consent request the ledger refuses; answered as an RFC 9457 problem document naming each field at fault. */
class ConsentProblem extends ErrorResponseException {

    private ConsentProblem(HttpStatus status, String type, String title, String detail, Map<String, String> errors) {
        super(status, problem(status, type, title, detail, errors), null);
    }

    static ConsentProblem invalid(Map<String, String> errors) {
        return new ConsentProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", null, errors);
    }

    static ConsentProblem malformed(String detail) {
        return new ConsentProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body", detail,
                Map.of());
    }

    static ConsentProblem conflict(String field, String message) {
        return new ConsentProblem(HttpStatus.CONFLICT, "conflict", "Conflict", null, Map.of(field, message));
    }

    static ConsentProblem notFound(String field, String message) {
        return new ConsentProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", null, Map.of(field, message));
    }

    static ConsentProblem tooLarge(long limit) {
        return new ConsentProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                "The request body is over " + limit + " bytes.", Map.of());
    }

    static ConsentProblem forbiddenOrigin() {
        return new ConsentProblem(HttpStatus.FORBIDDEN, "forbidden-origin", "Forbidden",
                "Consents of this portal are accepted from its own web site only.", Map.of());
    }

    static ConsentProblem tooManyRequests(int perMinute, long retryAfterSeconds) {
        ConsentProblem problem = new ConsentProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                "Too many requests", "More than " + perMinute + " consents a minute came from this address.", Map.of());
        problem.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return problem;
    }

    /** The ledger could not commit in time (database unreachable or overloaded): the client should send it again. */
    static ConsentProblem unavailable(Duration retryAfter) {
        ConsentProblem problem = new ConsentProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Service unavailable", "The consent could not be recorded now; nothing was acknowledged. "
                        + "Send it again later.", Map.of());
        problem.getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
            Map<String, String> errors) {
        String text = detail != null ? detail
                : String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text);
        problem.setType(URI.create("https://charte.eu/problems/" + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        }
        return problem;
    }
}
