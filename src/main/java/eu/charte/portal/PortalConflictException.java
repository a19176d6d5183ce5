package eu.charte.portal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The slug or a host name is already taken by another portal. Answered with 409, naming the field. */
public class PortalConflictException extends ErrorResponseException {

    private final String field;

    PortalConflictException(String field, String value) {
        super(HttpStatus.CONFLICT, problem(field, value), null, "portal." + field + ".taken", new Object[] {value});
        this.field = field;
    }

    public String field() {
        return field;
    }

    private static ProblemDetail problem(String field, String value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "'" + value + "' is already used by another portal.");
        problem.setType(URI.create("https://charte.eu/problems/conflict"));
        problem.setTitle("Already taken");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", "already used by another portal")));
        return problem;
    }
}
