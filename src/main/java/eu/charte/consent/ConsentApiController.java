package eu.charte.consent;

import eu.charte.portal.Portal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The consent API for the portal's members: proofs, exports and settings (access decided at the edge; changing
 * settings is for its administrators). The banner's {@code POST .../consents} is answered by {@link ConsentEndpoint}.
 */
@RestController
@RequestMapping("/api/v1/portals/{slug}")
class ConsentApiController {

    private static final List<String> CSV_COLUMNS = List.of("sequence", "consent_id", "recorded_at", "revision",
            "language", "action", "preferences", "statistics", "marketing", "text_hash", "source", "variant",
            "user_agent", "ip", "previous_hash", "hash");

    private final ConsentLedger ledger;
    private final ConsentProperties properties;
    private final JsonMapper json;

    ConsentApiController(ConsentLedger ledger, ConsentProperties properties, JsonMapper json) {
        this.ledger = ledger;
        this.properties = properties;
        this.json = json;
    }

    /** The proof of a consent: its records, oldest first, and the texts each one's visitor saw. */
    @GetMapping(path = "/consents/{consentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> proof(Portal portal, @PathVariable String consentId) {
        UUID id = consentId(consentId);
        List<ConsentRecord> records = ledger.history(portal, id);
        if (records.isEmpty()) {
            throw ConsentProblem.notFound("consentId", "the portal has no record of this consent");
        }
        Map<String, Object> texts = new LinkedHashMap<>();
        for (ConsentRecord r : records) {
            if (!texts.containsKey(r.textHash())) {
                ledger.texts(portal, r.textHash()).ifPresent(t -> texts.put(t.hash(), texts(t)));
            }
        }
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("portal", portal.slug());
        proof.put("consentId", id.toString());
        proof.put("records", records.stream().map(r -> new RecordView(r, true)).toList());
        proof.put("texts", texts);
        return proof;
    }

    /** An archived text set, by hash. */
    @GetMapping(path = "/consent-texts/{hash}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> archivedTexts(Portal portal, @PathVariable String hash) {
        return ledger.texts(portal, hash).map(this::texts)
                .orElseThrow(() -> ConsentProblem.notFound("hash", "no text set with this hash is archived"));
    }

    /**
     * The records committed in a period, as JSON (an array) or CSV, streamed. {@code from} and {@code to} are days
     * (UTC, both included) or instants ({@code to} excluded); without them, everything.
     */
    @GetMapping("/consents")
    void export(Portal portal, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) throws IOException {
        Instant start = from == null || from.isBlank() ? Instant.EPOCH : instant("from", from, false);
        Instant end = to == null || to.isBlank() ? Instant.now().plus(1, ChronoUnit.DAYS) : instant("to", to, true);
        boolean csv = switch (format) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw ConsentProblem.invalid(Map.of("format", "must be json or csv"));
        };
        String name = "consents-" + portal.slug() + "-" + LocalDate.ofInstant(start, ZoneOffset.UTC) + "-"
                + LocalDate.ofInstant(end.minusMillis(1), ZoneOffset.UTC) + (csv ? ".csv" : ".json");
        response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        OutputStream out = response.getOutputStream();
        boolean[] first = {true};
        write(out, csv ? String.join(",", CSV_COLUMNS) + "\r\n" : "[");
        ledger.export(portal, start, end, r -> {
            if (csv) {
                write(out, csvLine(r));
            } else {
                write(out, (first[0] ? "\n" : ",\n") + json.writeValueAsString(new RecordView(r, true)));
            }
            first[0] = false;
        });
        write(out, csv ? "" : "\n]\n");
        out.flush();
    }

    /** The portal's ledger settings. */
    @GetMapping(path = "/consent-settings", produces = MediaType.APPLICATION_JSON_VALUE)
    LedgerSettings settings(Portal portal) {
        return ledger.settings(portal);
    }

    @PutMapping(path = "/consent-settings", produces = MediaType.APPLICATION_JSON_VALUE)
    LedgerSettings saveSettings(Portal portal, @RequestBody JsonNode body) {
        JsonNode retention = body == null ? null : body.get("retentionDays");
        JsonNode storeIp = body == null ? null : body.get("storeIp");
        Map<String, String> errors = new LinkedHashMap<>();
        if (retention == null || !retention.isInt() || retention.intValue() < LedgerSettings.MIN_RETENTION_DAYS
                || retention.intValue() > LedgerSettings.MAX_RETENTION_DAYS) {
            errors.put("retentionDays", "must be a number of days from " + LedgerSettings.MIN_RETENTION_DAYS + " to "
                    + LedgerSettings.MAX_RETENTION_DAYS);
        }
        if (storeIp == null || !storeIp.isBoolean()) {
            errors.put("storeIp", "must be true or false");
        }
        if (!errors.isEmpty()) {
            throw ConsentProblem.invalid(errors);
        }
        LedgerSettings settings = new LedgerSettings(retention.intValue(), storeIp.booleanValue());
        ledger.saveSettings(portal, settings);
        return settings;
    }

    static UUID consentId(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ConsentProblem.invalid(Map.of("consentId", "must be a UUID"));
    }

    private Map<String, Object> texts(ConsentTexts t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("hash", t.hash());
        view.put("revision", t.revision());
        view.put("language", t.language().code());
        view.put("firstSeen", t.firstSeen().toString());
        view.put("texts", json.readTree(t.texts()));
        return view;
    }

    /**
     * A record as the API shows it: the banner's answer ({@code full} false) or a proof's and an export's entry (with
     * the user agent, the address and the previous hash). Written field by field, as the mapper's default inclusion
     * would (absent values left out): the consent POST writes one per request.
     */
    record RecordView(ConsentRecord record, boolean full) implements JacksonSerializable {

        @Override
        public void serialize(JsonGenerator out, SerializationContext context) {
            ConsentRecord r = record;
            out.writeStartObject();
            out.writeStringProperty("consentId", r.consentId().toString());
            out.writeNumberProperty("sequence", r.sequence());
            out.writeStringProperty("recordedAt", r.recordedAt().toString());
            out.writeNumberProperty("revision", r.revision());
            out.writeStringProperty("language", r.language().code());
            out.writeStringProperty("action", r.action().code());
            out.writeName("choices");
            out.writeStartObject();
            for (Map.Entry<String, Boolean> choice : r.choices().entrySet()) {
                out.writeBooleanProperty(choice.getKey(), choice.getValue());
            }
            out.writeEndObject();
            out.writeStringProperty("textHash", r.textHash());
            out.writeStringProperty("source", r.source());
            out.writeStringProperty("variant", r.variant());
            if (full) {
                optional(out, "userAgent", r.userAgent());
                optional(out, "ip", r.ip());
                out.writeStringProperty("previousHash", r.previousHash());
            }
            out.writeStringProperty("hash", r.hash());
            out.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator out, SerializationContext context, TypeSerializer types) {
            serialize(out, context);
        }

        private static void optional(JsonGenerator out, String name, String value) {
            if (value != null) {
                out.writeStringProperty(name, value);
            }
        }
    }

    private static Instant instant(String field, String value, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ConsentProblem.invalid(Map.of(field, "must be a day (2026-01-31) or an instant "
                    + "(2026-01-31T12:00:00Z)"));
        }
    }

    private static String csvLine(ConsentRecord r) {
        List<Object> cells = java.util.Arrays.asList(r.sequence(), r.consentId(), r.recordedAt(), r.revision(),
                r.language().code(), r.action().code(), r.choices().get("preferences"), r.choices().get("statistics"),
                r.choices().get("marketing"), r.textHash(), r.source(), r.variant(), r.userAgent(), r.ip(),
                r.previousHash(), r.hash());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object cell = cells.get(i);
            if (cell != null) {
                String text = cell.toString();
                // A cell starting with = + - @ would be a formula in a spreadsheet: quoted and prefixed.
                if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(cell instanceof Number)) {
                    text = "'" + text;
                }
                line.append(text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"");
            }
        }
        return line.append("\r\n").toString();
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
