package eu.charte.portal;

import org.springframework.core.Ordered;

/**
 * Where the filters at the edge run, against the framework's own: character encoding
 * ({@link Ordered#HIGHEST_PRECEDENCE}), Micrometer's request observation (+1), Spring Session (+50), the request
 * context (-105), Spring Security (-100).
 */
public final class EdgeOrder {

    /** The portal named in the path is resolved first, right after the request's observation starts. */
    public static final int PORTAL_FROM_PATH = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * Answers that need the portal but no session, no security context and no MVC (the anonymous charter page, the
     * consent POST) come next, ahead of Spring Session: they still show in the request metrics.
     */
    public static final int SESSIONLESS_ANSWERS = PORTAL_FROM_PATH + 10;

    /**
     * A request to a portal's own host name is forwarded to its {@code /p/{slug}/...} path here, after Spring Session
     * has wrapped the request (so the forwarded page sees the visitor's session) and before Spring Security.
     */
    public static final int PORTAL_FROM_HOST = -110;

    private EdgeOrder() {
    }
}
