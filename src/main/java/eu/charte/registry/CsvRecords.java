package eu.charte.registry;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes. Each record knows the line it starts on, so that errors can name it. Blank lines are skipped.
 */
final class CsvRecords {

    /** One record: its fields, the line it starts on (from 1), and what was wrong with it, if anything. */
    record Record(int line, List<String> fields, String error) {
    }

    private CsvRecords() {
    }

    static List<Record> read(Reader reader) throws IOException {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStarted = false;
        boolean first = true;
        int c;
        while ((c = reader.read()) != -1) {
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    afterQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (afterQuote && c == '"') {
                // A doubled quote inside a quoted field.
                field.append('"');
                quoted = true;
                afterQuote = false;
                continue;
            }
            switch (c) {
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                    fieldStarted = true;
                }
                case '\r' -> {
                    // Part of a CRLF line end; a lone CR is ignored too.
                }
                case '\n' -> {
                    if (fieldStarted || !fields.isEmpty() || !field.isEmpty()) {
                        fields.add(field.toString());
                        records.add(new Record(start, List.copyOf(fields), error));
                    }
                    fields.clear();
                    field.setLength(0);
                    error = null;
                    afterQuote = false;
                    fieldStarted = false;
                    line++;
                    start = line;
                }
                case '"' -> {
                    if (field.isEmpty() && !afterQuote) {
                        quoted = true;
                        fieldStarted = true;
                    } else if (error == null) {
                        error = "a double quote inside a field that does not start with one";
                        field.append('"');
                    }
                }
                default -> {
                    if (afterQuote && error == null && !Character.isWhitespace(c)) {
                        error = "text after the closing double quote of a field";
                    }
                    if (!afterQuote) {
                        field.append((char) c);
                    }
                    fieldStarted = true;
                }
            }
        }
        if (quoted) {
            fields.add(field.toString());
            records.add(new Record(start, List.copyOf(fields), "a double-quoted field is never closed"));
        } else if (fieldStarted || !fields.isEmpty() || !field.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(start, List.copyOf(fields), error));
        }
        return records;
    }
}
