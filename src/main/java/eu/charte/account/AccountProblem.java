package eu.charte.account;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request about accounts that cannot be carried out; its problem document names the field. */
public class AccountProblem extends ErrorResponseException {

    private final String field;

    private AccountProblem(HttpStatus status, String field, String message) {
        super(status, problem(status, field, message), null);
        this.field = field;
    }

    static AccountProblem conflict(String field, String message) {
        return new AccountProblem(HttpStatus.CONFLICT, field, message);
    }

    static AccountProblem invalid(String field, String message) {
        return new AccountProblem(HttpStatus.BAD_REQUEST, field, message);
    }

    public String field() {
        return field;
    }

    private static ProblemDetail problem(HttpStatus status, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + ": " + message);
        problem.setType(URI.create(status == HttpStatus.CONFLICT
                ? "https://charte.eu/problems/conflict" : "https://charte.eu/problems/validation"));
        problem.setTitle(status == HttpStatus.CONFLICT ? "Already taken" : "Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
