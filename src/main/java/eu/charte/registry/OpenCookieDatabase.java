package eu.charte.registry;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a catalogue in the Open Cookie Database CSV format (header {@code ID,Platform,Category,Cookie / Data Key
 * name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match};
 * columns are found by their header name). A file with any bad line is refused whole.
 *
 * <p>Categories map to ours as follows. Analytics: statistics. Marketing: marketing. Security and Necessary:
 * necessary. Personalization: preferences. Functional: preferences, because the Open Cookie Database files under
 * "Functional" both technical cookies and remembered choices; a suggestion must never exempt a cookie from consent
 * by mistake, and an administrator who knows a cookie is strictly necessary says so with the justification that
 * necessary cookies need.
 *
 * <p>"Wildcard match" 1 means the name is the fixed start of the cookie names meant; a name ending with {@code *}
 * means the same. Retention periods are read by {@link Retention}.
 */
final class OpenCookieDatabase {

    static final String ID = "ID";
    static final String PLATFORM = "Platform";
    static final String CATEGORY = "Category";
    static final String NAME = "Cookie / Data Key name";
    static final String DOMAIN = "Domain";
    static final String DESCRIPTION = "Description";
    static final String RETENTION = "Retention period";
    static final String CONTROLLER = "Data Controller";
    static final String PRIVACY = "User Privacy & GDPR Rights Portals";
    static final String WILDCARD = "Wildcard match";

    private static final List<String> REQUIRED = List.of(PLATFORM, CATEGORY, NAME, DESCRIPTION, RETENTION, WILDCARD);
    private static final Map<String, Category> CATEGORIES = Map.of(
            "functional", Category.PREFERENCES,
            "personalization", Category.PREFERENCES,
            "analytics", Category.STATISTICS,
            "marketing", Category.MARKETING,
            "security", Category.NECESSARY,
            "necessary", Category.NECESSARY);
    /** Column sizes of the catalogue table. */
    private static final Map<String, Integer> MAX_LENGTHS = Map.of(ID, 64, PLATFORM, 200, NAME, 200, DOMAIN, 500,
            DESCRIPTION, 4000, RETENTION, 200, CONTROLLER, 200, PRIVACY, 1000);

    /** One row of the file, as written, with what Charte reads from it. */
    record Row(int line, String id, String platform, String sourceCategory, Category category, String name,
            boolean wildcard, String domain, String description, String retention, Long lifetimeSeconds,
            String controller, String privacyUrl) {

        String provider() {
            return OpenCookieDatabase.provider(platform, controller);
        }

        CatalogueEntry entry() {
            return new CatalogueEntry(name, wildcard, provider(), category, description, lifetimeSeconds,
                    CookieCatalogue.OPEN_COOKIE_DATABASE);
        }
    }

    private OpenCookieDatabase() {
    }

    /** Who sets the cookie: the platform, else the data controller, else unknown (null). */
    static String provider(String platform, String controller) {
        return !platform.isEmpty() ? platform : controller.isEmpty() ? null : controller;
    }

    /** The rows of the file, or every problem in it. */
    static List<Row> parse(Reader reader) throws IOException, CatalogueImportException {
        List<CsvRecords.Record> records = CsvRecords.read(reader);
        List<String> problems = new ArrayList<>();
        if (records.isEmpty()) {
            throw new CatalogueImportException(List.of("line 1: the file is empty"));
        }
        CsvRecords.Record header = records.get(0);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            columns.putIfAbsent(header.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String column : REQUIRED) {
            if (!columns.containsKey(column.toLowerCase(Locale.ROOT))) {
                problems.add("line " + header.line() + ": no \"" + column
                        + "\" column: not an Open Cookie Database header");
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogueImportException(problems);
        }
        List<Row> rows = new ArrayList<>();
        for (CsvRecords.Record record : records.subList(1, records.size())) {
            String problem = problem(record, header.fields().size(), columns);
            if (problem != null) {
                problems.add("line " + record.line() + ": " + problem);
            } else if (problems.isEmpty()) {
                rows.add(row(record, columns));
            }
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add("line " + (header.line() + 1) + ": no cookie after the header");
        }
        if (!problems.isEmpty()) {
            throw new CatalogueImportException(problems);
        }
        return rows;
    }

    private static String problem(CsvRecords.Record record, int width, Map<String, Integer> columns) {
        if (record.error() != null) {
            return record.error();
        }
        if (record.fields().size() != width) {
            return record.fields().size() + " fields where the header has " + width;
        }
        for (Map.Entry<String, Integer> max : MAX_LENGTHS.entrySet()) {
            String value = field(record, columns, max.getKey());
            if (value.length() > max.getValue()) {
                return "\"" + max.getKey() + "\" is longer than " + max.getValue() + " characters";
            }
        }
        String name = field(record, columns, NAME);
        if (name.isEmpty() || name.equals("*")) {
            return "no cookie name";
        }
        if (name.indexOf('*') >= 0 && name.indexOf('*') != name.length() - 1) {
            return "\"*\" may only end a cookie name: " + name;
        }
        String category = field(record, columns, CATEGORY);
        if (!CATEGORIES.containsKey(category.toLowerCase(Locale.ROOT))) {
            return "unknown category \"" + category
                    + "\" (expected Functional, Analytics, Marketing, Security, Personalization or Necessary)";
        }
        String wildcard = field(record, columns, WILDCARD);
        if (!wildcard.equals("0") && !wildcard.equals("1")) {
            return "\"" + WILDCARD + "\" is \"" + wildcard + "\", expected 0 or 1";
        }
        return null;
    }

    private static Row row(CsvRecords.Record record, Map<String, Integer> columns) {
        String name = field(record, columns, NAME);
        boolean wildcard = field(record, columns, WILDCARD).equals("1") || name.endsWith("*");
        if (name.endsWith("*")) {
            name = name.substring(0, name.length() - 1);
        }
        String category = field(record, columns, CATEGORY);
        String retention = field(record, columns, RETENTION);
        return new Row(record.line(), field(record, columns, ID), field(record, columns, PLATFORM), category,
                CATEGORIES.get(category.toLowerCase(Locale.ROOT)), name, wildcard, field(record, columns, DOMAIN),
                field(record, columns, DESCRIPTION), retention, Retention.seconds(retention),
                field(record, columns, CONTROLLER), field(record, columns, PRIVACY));
    }

    /** The trimmed value of a column; empty when the file has no such column. */
    private static String field(CsvRecords.Record record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column.toLowerCase(Locale.ROOT));
        return index == null || index >= record.fields().size() ? "" : record.fields().get(index).strip();
    }
}
