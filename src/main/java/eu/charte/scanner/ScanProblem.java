package eu.charte.scanner;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A scan request that cannot be served; an RFC 9457 problem document on the API. */
class ScanProblem extends ErrorResponseException {

    ScanProblem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    static ScanProblem invalid(String detail) {
        return new ScanProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    }

    static ScanProblem notFound(long id) {
        return new ScanProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no scan " + id + " for this portal");
    }

    static ScanProblem busy() {
        return new ScanProblem(HttpStatus.SERVICE_UNAVAILABLE, "scanner-busy", "Scanner busy",
                "too many scans are waiting; try again later");
    }

    static ScanProblem notFinished(long id) {
        return new ScanProblem(HttpStatus.CONFLICT, "conflict", "Conflict", "scan " + id + " has no report yet");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://charte.eu/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
