package eu.charte.charter;

import eu.charte.charter.CharterImporter.ImportException;
import eu.charte.charter.CharterImporter.Problem;
import eu.charte.cli.Command;
import eu.charte.cli.CommandLine;
import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code import-charter --portal SLUG [--create] [--lang fr] [--name NAME] [--jurisdiction BE] FILE}: imports a
 * charter (plain text, Markdown or HTML) as the portal's declarations and its text in that language, and publishes
 * a new revision, whose number it prints. Exit codes: 0 imported; 1 the file cannot be imported (each problem on
 * stderr as {@code FILE:LINE: reason}, nothing changed); 2 bad arguments or an unknown portal without
 * {@code --create}.
 */
@Component("import-charter")
class ImportCharterCommand implements Command {

    private static final List<String> VALUED = List.of("portal", "lang", "name", "jurisdiction");
    private static final List<String> FLAGS = List.of("create");
    private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

    private final PortalService portals;
    private final CharterImports imports;
    private final MessageSource messages;

    ImportCharterCommand(PortalService portals, CharterImports imports, MessageSource messages) {
        this.portals = portals;
        this.imports = imports;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "import-charter";
    }

    @Override
    public String usage() {
        return "import-charter --portal SLUG [--create] [--lang fr|nl|de|en] [--name NAME] [--jurisdiction BE|FR|EU] FILE";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Optional<String> unknown = arguments.stream().filter(a -> a.startsWith("--"))
                .map(a -> a.substring(2).split("=", 2)[0])
                .filter(o -> !VALUED.contains(o) && !FLAGS.contains(o)).findFirst();
        List<String> files = CommandLine.positional(arguments, VALUED);
        Optional<String> slug = CommandLine.option(arguments, "portal");
        if (unknown.isPresent() || slug.isEmpty() || files.size() != 1) {
            err.println(unknown.map(o -> "Unknown option --" + o + ". ").orElse("") + "Usage: " + usage());
            return 2;
        }
        Optional<String> languageCode = CommandLine.option(arguments, "lang");
        Language language = languageCode.flatMap(Language::parse)
                .filter(l -> l.code().equalsIgnoreCase(languageCode.get().strip())).orElse(null);
        if (languageCode.isPresent() && language == null) {
            err.println("Unknown language '" + languageCode.get() + "': use fr, nl, de or en.");
            return 2;
        }
        Optional<String> jurisdictionCode = CommandLine.option(arguments, "jurisdiction");
        Jurisdiction jurisdiction = null;
        if (jurisdictionCode.isPresent()) {
            try {
                jurisdiction = Jurisdiction.valueOf(jurisdictionCode.get().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("Unknown jurisdiction '" + jurisdictionCode.get() + "': use BE, FR or EU.");
                return 2;
            }
        }
        boolean create = CommandLine.flag(arguments, "create");
        String file = files.get(0);
        Optional<Portal> portal = portals.findBySlug(slug.get());
        if (portal.isEmpty() && !create) {
            err.println("Unknown portal '" + slug.get() + "' (add --create to create it from the charter).");
            return 2;
        }
        if (portal.isEmpty() && (!slug.get().matches(SLUG) || slug.get().length() > 63)) {
            err.println("'" + slug.get() + "' is not a valid portal slug (lower-case letters, digits and dashes).");
            return 2;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 1;
        }
        Locale previous = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            String name = Path.of(file).getFileName().toString();
            String by = "import-charter (" + System.getenv().getOrDefault("USER", "command line") + ")";
            CharterImports.Outcome outcome;
            if (portal.isPresent()) {
                if (create) {
                    err.println("Portal '" + slug.get() + "' exists: importing into it.");
                }
                outcome = imports.importInto(portal.get(), name, content, language, by);
            } else {
                outcome = imports.importCreating(new CharterImports.NewPortal(slug.get(),
                        CommandLine.option(arguments, "name").orElse(null), jurisdiction), name, content, language, by);
            }
            report(file, outcome, err);
            out.println(outcome.revision().number());
            return 0;
        } catch (ImportException e) {
            for (Problem problem : e.problems()) {
                err.println(file + ":" + problem.line() + ": " + messages.getMessage(problem.resolvable(), Locale.ENGLISH));
            }
            err.println(file + ": not imported; nothing changed.");
            return 1;
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }

    private void report(String file, CharterImports.Outcome outcome, PrintStream err) {
        Portal portal = outcome.portal();
        if (outcome.created()) {
            err.println("Created portal '" + portal.slug() + "' (" + portal.name() + ", " + portal.baseUrl() + ", "
                    + portal.defaultLanguage().code() + ", jurisdiction " + portal.jurisdiction() + ").");
            err.println("Its data controller is a placeholder: set the controller's organisation and contact in the "
                    + "back office (/admin/portals/" + portal.slug() + "); the charter names them.");
            if (outcome.hostTaken() != null) {
                err.println("The host name " + outcome.hostTaken() + " belongs to another portal: the new portal has "
                        + "no host name yet.");
            }
        }
        for (Problem difference : outcome.differences()) {
            err.println(file + ":" + difference.line() + ": warning: "
                    + messages.getMessage(difference.resolvable(), Locale.ENGLISH));
        }
        err.println("Imported " + outcome.charter().declarations().size() + " declarations and the "
                + outcome.charter().language().code() + " text of portal '" + portal.slug() + "' ("
                + outcome.charter().format().name().toLowerCase(Locale.ROOT) + "); published revision "
                + outcome.revision().number() + ".");
    }
}
