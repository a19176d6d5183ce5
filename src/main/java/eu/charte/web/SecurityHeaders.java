package eu.charte.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers of every answer: those {@link SecurityConfiguration} has Spring Security write, and the
 * same ones, written by the same writers, for the few answers given ahead of the security chain (the public consent
 * endpoint). {@code SecurityHeadersIntegrationTests} checks both sets stay equal.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final ReferrerPolicyHeaderWriter.ReferrerPolicy REFERRER_POLICY =
            ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;

    private static final List<HeaderWriter> WRITERS = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
            new ContentSecurityPolicyHeaderWriter(CSP), new ReferrerPolicyHeaderWriter(REFERRER_POLICY));

    private SecurityHeaders() {
    }

    /** Writes the headers Spring Security writes (HSTS on HTTPS requests only). */
    public static void write(HttpServletRequest request, HttpServletResponse response) {
        for (HeaderWriter writer : WRITERS) {
            writer.writeHeaders(request, response);
        }
    }
}
