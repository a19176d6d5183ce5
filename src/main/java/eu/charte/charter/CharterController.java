package eu.charte.charter;

import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.Revision;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The public "Charte cookies" of a portal: {@code /p/{slug}/charte-cookies} in HTML, Markdown, text or JSON (by
 * extension or {@code Accept}), in the page language; every published revision by number or by date.
 * Responses carry an ETag and answer {@code If-None-Match} with 304.
 */
@Controller
class CharterController {

    /** Changes when the templates or writers change, so that ETags of old renderings stop matching. */
    private static final String RENDERING_VERSION = "1";

    private final CharterService charters;

    CharterController(CharterService charters) {
        this.charters = charters;
    }

    @GetMapping("/p/{slug}/charte-cookies")
    String current(Portal portal, Locale locale, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            ServletWebRequest request, Model model) {
        RenderedCharter charter = charters.current(portal, language(portal, locale)).orElseThrow(CharterController::none);
        return respond(portal, charter, negotiate(accept), request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies.{extension}")
    String currentAs(Portal portal, @PathVariable String extension, Locale locale, ServletWebRequest request,
            Model model) {
        CharterFormat format = CharterFormat.ofExtension(extension).orElseThrow(CharterController::none);
        RenderedCharter charter = charters.current(portal, language(portal, locale)).orElseThrow(CharterController::none);
        return respond(portal, charter, format, request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies/revisions/{number:[0-9]+}")
    String revision(Portal portal, @PathVariable int number, Locale locale,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request,
            Model model) {
        RenderedCharter charter = charters.revision(portal, number, language(portal, locale))
                .orElseThrow(CharterController::none);
        return respond(portal, charter, negotiate(accept), request, model);
    }

    @GetMapping("/p/{slug}/charte-cookies/revisions/{number:[0-9]+}.{extension}")
    String revisionAs(Portal portal, @PathVariable int number, @PathVariable String extension, Locale locale,
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

    private String respond(Portal portal, RenderedCharter charter, CharterFormat format, ServletWebRequest request,
            Model model) {
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
            return "charter/charter";
        }
        byte[] body = charters.write(portal, charter, format, false).getBytes(StandardCharsets.UTF_8);
        response.setContentType(format.mediaType().toString());
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
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
