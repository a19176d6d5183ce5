package eu.charte.registry;

import eu.charte.cli.Command;
import eu.charte.cli.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar charte.jar import-cookie-db FILE}: replaces the imported known-cookie catalogue with a file in
 * the Open Cookie Database CSV format (UTF-8). A file with any bad line changes nothing; each bad line is reported
 * as "line N: reason" and the exit code is 1.
 */
@Component
class ImportCookieDatabaseCommand implements Command {

    /** Bad lines shown before "... and N more". */
    private static final int SHOWN = 50;

    private final CookieCatalogue catalogue;

    ImportCookieDatabaseCommand(CookieCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public String name() {
        return "import-cookie-db";
    }

    @Override
    public String usage() {
        return "import-cookie-db FILE    replace the known-cookie catalogue with an Open Cookie Database CSV file";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        List<String> files = CommandLine.positional(arguments, List.of());
        if (files.size() != 1 || arguments.size() != 1) {
            err.println("Usage: " + usage());
            return 2;
        }
        Path file = Path.of(files.get(0));
        int imported;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            imported = catalogue.importOpenCookieDatabase(reader, file.getFileName().toString());
        } catch (CatalogueImportException e) {
            List<String> problems = e.problems();
            problems.stream().limit(SHOWN).forEach(p -> err.println(file + ": " + p));
            if (problems.size() > SHOWN) {
                err.println("... and " + (problems.size() - SHOWN) + " more bad lines");
            }
            err.println("Nothing was imported.");
            return 1;
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return 1;
        } catch (CharacterCodingException e) {
            err.println(file + ": not UTF-8 text. Nothing was imported.");
            return 1;
        } catch (IOException e) {
            err.println(file + ": cannot be read (" + e.getMessage() + "). Nothing was imported.");
            return 1;
        }
        out.println("Imported " + imported + " rows from " + file + " into the known-cookie catalogue.");
        return 0;
    }
}
