package eu.charte.charter;

import eu.charte.charter.CharterImporter.ImportException;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Back office: uploading a portal's existing charter ({@code /admin/portals/{slug}/import}). Members may open the
 * form; only the portal's administrators may post it (decided at the edge). A successful import publishes a revision
 * and leads to the public charter; a refused one changes nothing and lists each line at fault.
 */
@Controller
@RequestMapping("/admin/portals/{slug}/import")
class CharterImportController {

    private final CharterImports imports;
    private final MessageSource messages;

    CharterImportController(CharterImports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    /** A problem as the page shows it. */
    record LineProblem(int line, String message) {
    }

    @GetMapping
    String form(Portal portal, Locale locale, Model model) {
        Language language = Language.parse(locale.getLanguage()).filter(portal::offers).orElse(portal.defaultLanguage());
        return page(model, portal, language, List.of(), false);
    }

    @PostMapping
    String upload(Portal portal, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "language", required = false) String language, Principal user, Locale locale,
            Model model, HttpServletResponse response) throws IOException {
        Language chosen = Language.parse(language).orElse(portal.defaultLanguage());
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, portal, chosen, List.of(), true);
        }
        try {
            imports.importInto(portal, file.getOriginalFilename(), file.getBytes(), chosen, user.getName());
            return "redirect:/p/" + portal.slug() + "/charte-cookies?lang=" + chosen.code();
        } catch (ImportException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            List<LineProblem> problems = e.problems().stream()
                    .map(p -> new LineProblem(p.line(), messages.getMessage(p.resolvable(), locale))).toList();
            return page(model, portal, chosen, problems, false);
        }
    }

    private static String page(Model model, Portal portal, Language language, List<LineProblem> problems,
            boolean fileMissing) {
        model.addAttribute("portal", portal);
        model.addAttribute("languages", portal.languages());
        model.addAttribute("language", language);
        model.addAttribute("problems", problems);
        model.addAttribute("fileMissing", fileMissing);
        return "charter/import";
    }
}
