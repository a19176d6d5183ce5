package eu.charte.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Charte's own catalogue of cookies that portals commonly meet (analytics, video, maps, social networks), in
 * {@code catalogue/builtin.csv}: {@code name,provider,category,lifetime,purpose}. A name ending with {@code *} is a
 * prefix; the category is one of ours; the lifetime is "session", "unknown" or a duration such as "13 months".
 * A mistake in the file stops Charte at start-up.
 */
final class BuiltinCatalogue {

    static final String RESOURCE = "catalogue/builtin.csv";
    private static final List<String> HEADER = List.of("name", "provider", "category", "lifetime", "purpose");

    private BuiltinCatalogue() {
    }

    static List<CatalogueEntry> load() {
        InputStream in = BuiltinCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Missing " + RESOURCE);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CatalogueEntry> parse(Reader reader) throws IOException {
        List<CsvRecords.Record> records = CsvRecords.read(reader);
        if (records.isEmpty() || !records.get(0).fields().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + ": the header must be " + String.join(",", HEADER));
        }
        List<CatalogueEntry> entries = new ArrayList<>();
        for (CsvRecords.Record record : records.subList(1, records.size())) {
            entries.add(entry(record));
        }
        return entries;
    }

    private static CatalogueEntry entry(CsvRecords.Record record) {
        String where = RESOURCE + " line " + record.line() + ": ";
        if (record.error() != null || record.fields().size() != HEADER.size()) {
            throw new IllegalStateException(where + (record.error() != null ? record.error()
                    : record.fields().size() + " fields, expected " + HEADER.size()));
        }
        String name = record.fields().get(0).strip();
        boolean prefix = name.endsWith("*");
        String fixed = prefix ? name.substring(0, name.length() - 1) : name;
        if (fixed.isEmpty() || fixed.contains("*") || !name.matches(DeclarationDraft.COOKIE_NAME)) {
            throw new IllegalStateException(where + "a cookie name, with * only at its end: " + name);
        }
        Category category = Category.parse(record.fields().get(2).strip())
                .orElseThrow(() -> new IllegalStateException(where + "unknown category " + record.fields().get(2)));
        String lifetime = record.fields().get(3).strip();
        Long seconds = Retention.seconds(lifetime);
        if (seconds == null && !Retention.isSession(lifetime) && !lifetime.equals("unknown")) {
            throw new IllegalStateException(where + "unreadable lifetime " + lifetime);
        }
        String provider = record.fields().get(1).strip();
        String purpose = record.fields().get(4).strip();
        if (provider.isEmpty() || purpose.isEmpty()) {
            throw new IllegalStateException(where + "provider and purpose are required");
        }
        return new CatalogueEntry(fixed, prefix, provider, category, purpose, seconds, CookieCatalogue.BUILTIN);
    }
}
