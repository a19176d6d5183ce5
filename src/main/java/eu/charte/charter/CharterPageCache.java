package eu.charte.charter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.Language;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Anonymous HTML charter pages, rendered once per portal (and edit), revision, language, path and scheme. A page is
 * kept cut where the visitor's CSRF token goes (the language picker's form), so each copy carries its own token.
 * Once a page has been answered in full by the application, its response headers are kept too, and
 * {@link CharterFastPath} answers later anonymous requests for it without the rest of the stack.
 */
@Component
class CharterPageCache {

    record Key(long portalId, Instant portalUpdatedAt, int revision, Language language, String path, boolean secure) {
    }

    /** A rendered page cut around the CSRF token. */
    record Template(byte[] head, byte[] tail) {

        static Template cut(String html, String token) {
            int at = html.indexOf(token);
            if (at < 0 || html.indexOf(token, at + 1) >= 0) {
                return null;
            }
            return new Template(html.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    html.substring(at + token.length()).getBytes(StandardCharsets.UTF_8));
        }

        byte[] with(String token) {
            byte[] middle = token.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + middle.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(middle, 0, body, head.length, middle.length);
            System.arraycopy(tail, 0, body, head.length + middle.length, tail.length);
            return body;
        }

        /** Writes the page with this token, without assembling it first (no per-request copy of the page). */
        void writeTo(HttpServletResponse response, String token) throws IOException {
            byte[] middle = token.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(head.length + middle.length + tail.length);
            OutputStream out = response.getOutputStream();
            out.write(head);
            out.write(middle);
            out.write(tail);
        }
    }

    /** A page with the headers the full stack answered it with (security headers, ETag, Vary...), cookies excluded. */
    record Page(Template template, String etag, List<Map.Entry<String, String>> headers) {
    }

    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9-]{16,64}$");

    /**
     * Whether a CSRF token may be copied into a cached page as it is: the repository's own tokens are UUIDs, but the
     * cookie comes from the visitor and could carry markup; any other value goes through the template's escaping.
     */
    static boolean copyable(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    private final Cache<Key, Template> templates = Caffeine.newBuilder().maximumSize(2_000).build();
    private final Cache<Key, Page> pages = Caffeine.newBuilder().maximumSize(2_000).build();

    Template template(Key key) {
        return templates.getIfPresent(key);
    }

    void putTemplate(Key key, Template template) {
        templates.put(key, template);
    }

    Page page(Key key) {
        return pages.getIfPresent(key);
    }

    void putPage(Key key, Page page) {
        pages.put(key, page);
    }

    /** The pages the fast path can answer. */
    List<Key> pageKeys() {
        return List.copyOf(pages.asMap().keySet());
    }
}
