package eu.charte.charter;

import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.Revision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * The public "Charte cookies" of a portal: {@code /p/{slug}/charte-cookies} in HTML, Markdown, text or JSON (by
 * extension or {@code Accept}), in the page language; every published revision by number or by date.
 * Responses carry an ETag and answer {@code If-None-Match} with 304.
 */
@Controller
@ConditionalOnWebApplication
class CharterController {

    /** Changes when the templates or writers change, so that ETags of old renderings stop matching. */
    private static final String RENDERING_VERSION = "1";

    private final CharterService charters;
    private final ViewResolver views;
    /** Anonymous HTML pages (signed-in users' pages are not cached). */
    private final CharterPageCache pages;

    CharterController(CharterService charters, @Qualifier("thymeleafViewResolver") ViewResolver views,
            CharterPageCache pages) {
        this.charters = charters;
        this.views = views;
        this.pages = pages;
    }

    @GetMapping("/p/{slug}/charte-cookies")
    ModelAndView current(Portal portal, Locale locale, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            ServletWebRequest request, Model model) {
        RenderedCharter charter = charters.current(portal, language(portal, locale)).orElseThrow(CharterController::none);
        return respond(portal, charter, negotiate(accept), request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies.{extension}")
    ModelAndView currentAs(Portal portal, @PathVariable String extension, Locale locale, ServletWebRequest request,
            Model model) {
        CharterFormat format = CharterFormat.ofExtension(extension).orElseThrow(CharterController::none);
        RenderedCharter charter = charters.current(portal, language(portal, locale)).orElseThrow(CharterController::none);
        return respond(portal, charter, format, request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies/revisions/{number:[0-9]+}")
    ModelAndView revision(Portal portal, @PathVariable int number, Locale locale,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request,
            Model model) {
        RenderedCharter charter = charters.revision(portal, number, language(portal, locale))
                .orElseThrow(CharterController::none);
        return respond(portal, charter, negotiate(accept), request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies/revisions/{number:[0-9]+}.{extension}")
    ModelAndView revisionAs(Portal portal, @PathVariable int number, @PathVariable String extension, Locale locale,
            ServletWebRequest request, Model model) {
        CharterFormat format = CharterFormat.ofExtension(extension).orElseThrow(CharterController::none);
        RenderedCharter charter = charters.revision(portal, number, language(portal, locale))
                .orElseThrow(CharterController::none);
        return respond(portal, charter, format, request, model);
    }

    /** {@code ?at=2026-03-01} or an instant: redirects to the revision that was in force then. */
    @GetMapping("/p/{slug}/charte-cookies/revisions")
    String revisionAt(Portal portal, @RequestParam String at) {
        Instant instant;
        try {
            instant = at.length() == 10 ? LocalDate.parse(at).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .minusNanos(1) : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST);
        }
        Revision.Summary revision = charters.revisionAt(portal, instant).orElseThrow(CharterController::none);
        return "redirect:/p/" + portal.slug() + "/charte-cookies/revisions/" + revision.number();
    }

    private ModelAndView respond(Portal portal, RenderedCharter charter, CharterFormat format,
            ServletWebRequest request, Model model) {
        HttpServletResponse response = request.getResponse();
        String etag = etag(portal, charter, format);
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, charter.language().code());
        response.setHeader(HttpHeaders.VARY, "Accept, Accept-Language, Cookie");
        if (request.checkNotModified(etag)) {
            return null;
        }
        if (format == CharterFormat.HTML) {
            model.addAttribute("portal", portal);
            model.addAttribute("charter", charter);
            CsrfToken token = (CsrfToken) request.getRequest().getAttribute(CsrfToken.class.getName());
            if (model.getAttribute("me") != null || token == null || !CharterPageCache.copyable(token.getToken())) {
                return new ModelAndView("charter/charter", model.asMap());
            }
            CharterPageCache.Key key = new CharterPageCache.Key(portal.id(), portal.updatedAt(), charter.revision(),
                    charter.language(), String.valueOf(model.getAttribute("currentPath")),
                    request.getRequest().isSecure());
            CharterPageCache.Template page = pages.template(key);
            String value = token.getToken();
            if (page == null) {
                String html = renderPage(model, charter, request);
                page = CharterPageCache.Template.cut(html, value);
                if (page == null) {
                    return bytes(html.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_HTML_VALUE);
                }
                pages.putTemplate(key, page);
            }
            request.getRequest().setAttribute(CharterFastPath.PENDING, new CharterFastPath.Pending(key, page, etag));
            return bytes(page.with(value), MediaType.TEXT_HTML_VALUE);
        }
        return bytes(charters.write(portal, charter, format, false).getBytes(StandardCharsets.UTF_8),
                format.mediaType().toString());
    }

    /** A response whose body is already made. */
    private static ModelAndView bytes(byte[] body, String contentType) {
        return new ModelAndView(new View() {
            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                response.setContentType(contentType);
                response.setCharacterEncoding("UTF-8");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        });
    }

    /** Renders the page template into a string, with the model the request built. */
    private String renderPage(Model model, RenderedCharter charter, ServletWebRequest request) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        HttpServletResponseWrapper capture = new HttpServletResponseWrapper(request.getResponse()) {
            @Override
            public PrintWriter getWriter() {
                return writer;
            }

            @Override
            public void flushBuffer() {
                writer.flush();
            }
        };
        try {
            View view = views.resolveViewName("charter/charter", charter.language().locale());
            if (view == null) {
                throw new IllegalStateException("no charter/charter template");
            }
            view.render(model.asMap(), request.getRequest(), capture);
        } catch (Exception e) {
            throw new IllegalStateException("could not render the charter page", e);
        }
        writer.flush();
        return out.toString();
    }

    private static String etag(Portal portal, RenderedCharter charter, CharterFormat format) {
        String key = String.join("|", RENDERING_VERSION, Long.toString(portal.id()), portal.updatedAt().toString(),
                charter.revisionHash(), Integer.toString(charter.revision()), charter.language().code(), format.name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Language language(Portal portal, Locale locale) {
        return Language.parse(locale.getLanguage()).filter(portal::offers).orElse(portal.defaultLanguage());
    }

    static CharterFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return CharterFormat.HTML;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return CharterFormat.HTML;
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            for (CharterFormat format : CharterFormat.values()) {
                if (type.getQualityValue() > 0 && !type.isWildcardType() && type.isCompatibleWith(format.mediaType())) {
                    return format;
                }
            }
        }
        return CharterFormat.HTML;
    }

    private static ErrorResponseException none() {
        return new ErrorResponseException(HttpStatus.NOT_FOUND);
    }
}
