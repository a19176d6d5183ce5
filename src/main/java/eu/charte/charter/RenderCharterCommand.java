package eu.charte.charter;

import eu.charte.cli.Command;
import eu.charte.cli.CommandLine;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code render-charter --portal SLUG [--lang fr] [--format text|markdown|json] [--revision N]}: prints the document
 * of the portal's latest (or given) published revision, without the notice Charte adds on the web (what an import
 * reads back). Exit codes: 0 printed; 1 no such revision; 2 bad arguments or unknown portal.
 */
@Component("render-charter")
class RenderCharterCommand implements Command {

    private static final List<String> VALUED = List.of("portal", "lang", "format", "revision");

    private final PortalService portals;
    private final CharterService charters;

    RenderCharterCommand(PortalService portals, CharterService charters) {
        this.portals = portals;
        this.charters = charters;
    }

    @Override
    public String name() {
        return "render-charter";
    }

    @Override
    public String usage() {
        return "render-charter --portal SLUG [--lang fr|nl|de|en] [--format text|markdown|json] [--revision N]";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Optional<String> slug = CommandLine.option(arguments, "portal");
        if (slug.isEmpty() || !CommandLine.onlyValued(arguments, VALUED)) {
            err.println("Usage: " + usage());
            return 2;
        }
        Optional<Portal> portal = portals.findBySlug(slug.get());
        if (portal.isEmpty()) {
            err.println("Unknown portal '" + slug.get() + "'.");
            return 2;
        }
        String code = CommandLine.option(arguments, "lang").orElse(portal.get().defaultLanguage().code());
        Optional<Language> language = Language.parse(code).filter(l -> l.code().equalsIgnoreCase(code.strip()));
        if (language.isEmpty() || !portal.get().offers(language.get())) {
            err.println("Portal '" + slug.get() + "' is not offered in '" + code + "'; it offers "
                    + portal.get().languages().stream().map(Language::code).toList() + ".");
            return 2;
        }
        String formatName = CommandLine.option(arguments, "format").orElse("text");
        Optional<CharterFormat> format = CharterFormat.ofName(formatName).filter(f -> f != CharterFormat.HTML);
        if (format.isEmpty()) {
            err.println("Unknown format '" + formatName + "': use text, markdown or json.");
            return 2;
        }
        Optional<String> revisionOption = CommandLine.option(arguments, "revision");
        Optional<RenderedCharter> charter;
        if (revisionOption.isPresent()) {
            int number;
            try {
                number = Integer.parseInt(revisionOption.get().strip());
            } catch (NumberFormatException e) {
                err.println("--revision takes a number, not '" + revisionOption.get() + "'.");
                return 2;
            }
            charter = charters.revision(portal.get(), number, language.get());
            if (charter.isEmpty()) {
                err.println("Portal '" + slug.get() + "' has no revision " + number + ".");
                return 1;
            }
        } else {
            charter = charters.current(portal.get(), language.get());
            if (charter.isEmpty()) {
                err.println("Portal '" + slug.get() + "' has published no revision yet.");
                return 1;
            }
        }
        String written = charters.write(portal.get(), charter.get(), format.get(), true);
        out.print(written.endsWith("\n") ? written : written + "\n");
        out.flush();
        return 0;
    }
}
