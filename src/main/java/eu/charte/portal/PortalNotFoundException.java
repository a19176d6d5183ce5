package eu.charte.portal;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No portal has this slug (or host name). Answered with 404. */
public class PortalNotFoundException extends ErrorResponseException {

    public PortalNotFoundException(String slug) {
        super(HttpStatus.NOT_FOUND, problem(slug), null, "error.portal.notFound", new Object[] {slug});
    }

    private static ProblemDetail problem(String slug) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No portal is called '" + slug + "'.");
        problem.setType(URI.create("https://charte.eu/problems/portal-not-found"));
        problem.setTitle("Unknown portal");
        return problem;
    }
}
