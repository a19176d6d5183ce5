package eu.charte.banner;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Banner settings that cannot be saved; the problem document names each field at fault. */
class BannerProblem extends ErrorResponseException {

    private final Map<String, String> errors;

    private BannerProblem(Map<String, String> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = Map.copyOf(errors);
    }

    static BannerProblem invalid(Map<String, String> errors) {
        return new BannerProblem(errors);
    }

    Map<String, String> errors() {
        return errors;
    }

    private static ProblemDetail problem(Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        problem.setType(URI.create("https://charte.eu/problems/validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        return problem;
    }
}
