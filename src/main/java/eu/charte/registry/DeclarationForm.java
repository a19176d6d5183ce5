package eu.charte.registry;

import eu.charte.portal.Language;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declaration as the back-office form shows and posts it: the lifetime as a number and a unit, the hosts one per
 * line, and the texts as {@code service-xx} and {@code purpose-xx} fields per portal language.
 */
record DeclarationForm(
        String provider,
        String name,
        String category,
        String thirdPartyDomain,
        String lifetimeValue,
        String lifetimeUnit,
        String hosts,
        String justification,
        Map<Language, String> services,
        Map<Language, String> purposes,
        boolean exemptAudienceMeasurement) {

    /** The units a lifetime is entered in; months and years are the fixed lengths the charter shows. */
    enum Unit {
        SESSION(0), SECONDS(1), MINUTES(60), HOURS(3_600), DAYS(86_400), MONTHS(30L * 86_400), YEARS(365L * 86_400);

        private final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Unit> parse(String code) {
            return Arrays.stream(values()).filter(u -> u.code().equals(code)).findFirst();
        }

        /** The units offered in the form; seconds only when a lifetime set through the API needs them. */
        static List<Unit> offered(DeclarationForm form) {
            return Arrays.stream(values()).filter(u -> u != SECONDS || SECONDS.code().equals(form.lifetimeUnit()))
                    .toList();
        }
    }

    private static final Pattern TEXT_PATH = Pattern.compile("texts\\[([A-Za-z]+)]\\.(service|purpose)");

    DeclarationForm {
        services = services == null ? Map.of() : Map.copyOf(services);
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
    }

    static DeclarationForm empty() {
        return new DeclarationForm("", "", Category.STATISTICS.code(), "", "13", Unit.MONTHS.code(), "", "", Map.of(),
                Map.of(), false);
    }

    /**
     * A form pre-filled from the catalogue: the exact name typed when the catalogue knows it exactly, else the
     * catalogue's pattern; its provider, category, typical lifetime and purpose (in the default language's field).
     */
    static DeclarationForm suggested(String typed, CookieCatalogue.Suggestion s, Language language) {
        String name = s.matchedName().equals(typed) || !s.matchedName().contains("*") ? typed : s.matchedName();
        DeclarationForm lifetime = of(new Declaration(0, null, s.provider(), name, s.category(), null,
                s.lifetimeSeconds(), List.of(), null, Map.of()));
        return new DeclarationForm(s.provider(), name, s.category().code(), "", lifetime.lifetimeValue(),
                lifetime.lifetimeUnit(), "", "", Map.of(language, s.provider()),
                Map.of(language, s.purpose() == null ? "" : s.purpose()), false);
    }

    static DeclarationForm of(Declaration d) {
        Map<Language, String> services = new EnumMap<>(Language.class);
        Map<Language, String> purposes = new EnumMap<>(Language.class);
        d.texts().forEach((language, text) -> {
            services.put(language, text.service());
            purposes.put(language, text.purpose());
        });
        String value = "";
        Unit unit = Unit.SESSION;
        if (d.lifetimeSeconds() != null) {
            long seconds = d.lifetimeSeconds();
            unit = Unit.SECONDS;
            for (Unit u : List.of(Unit.YEARS, Unit.MONTHS, Unit.DAYS, Unit.HOURS, Unit.MINUTES)) {
                if (seconds % u.seconds == 0) {
                    unit = u;
                    break;
                }
            }
            value = Long.toString(seconds / unit.seconds);
        }
        return new DeclarationForm(d.provider(), d.name(), d.category().code(),
                d.thirdPartyDomain() == null ? "" : d.thirdPartyDomain(), value, unit.code(),
                String.join("\n", d.hosts()), d.justification() == null ? "" : d.justification(), services, purposes,
                d.exemptAudienceMeasurement());
    }

    /** Reads the posted fields; the texts of the languages given. */
    static DeclarationForm of(Map<String, String> fields, List<Language> languages) {
        Map<Language, String> services = new EnumMap<>(Language.class);
        Map<Language, String> purposes = new EnumMap<>(Language.class);
        for (Language language : languages) {
            services.put(language, fields.getOrDefault("service-" + language.code(), "").trim());
            purposes.put(language, fields.getOrDefault("purpose-" + language.code(), "").trim());
        }
        return new DeclarationForm(trim(fields.get("provider")), trim(fields.get("name")), trim(fields.get("category")),
                trim(fields.get("thirdPartyDomain")), trim(fields.get("lifetimeValue")),
                trim(fields.get("lifetimeUnit")), fields.getOrDefault("hosts", ""), trim(fields.get("justification")),
                services, purposes, "true".equals(fields.get("exemptAudienceMeasurement")));
    }

    public String service(Language language) {
        return services.getOrDefault(language, "");
    }

    public String purpose(Language language) {
        return purposes.getOrDefault(language, "");
    }

    /**
     * The draft to hand to the registry, and the errors of what the form itself reads (lifetime, category) keyed by
     * the draft's field names, as the registry names its own.
     */
    Parsed parse() {
        Map<String, String> errors = new LinkedHashMap<>();
        Category parsedCategory = Category.parse(category).orElse(null);
        if (parsedCategory == null) {
            errors.put("category", "registry.admin.error.category");
        }
        Long lifetimeSeconds = null;
        Optional<Unit> unit = Unit.parse(lifetimeUnit);
        if (unit.isEmpty()) {
            errors.put("lifetimeSeconds", "registry.admin.error.lifetimeUnit");
        } else if (unit.get() != Unit.SESSION) {
            try {
                long value = Long.parseLong(lifetimeValue);
                if (value < 1) {
                    errors.put("lifetimeSeconds", "registry.admin.error.lifetimeValue");
                } else {
                    lifetimeSeconds = Math.multiplyExact(value, unit.get().seconds);
                    if (lifetimeSeconds > DeclarationDraft.MAX_LIFETIME_SECONDS) {
                        errors.put("lifetimeSeconds", "registry.admin.error.lifetimeTooLong");
                    }
                }
            } catch (NumberFormatException e) {
                errors.put("lifetimeSeconds", "registry.admin.error.lifetimeValue");
            } catch (ArithmeticException e) {
                errors.put("lifetimeSeconds", "registry.admin.error.lifetimeTooLong");
            }
        }
        List<String> hostList = hosts == null ? List.of()
                : hosts.lines().map(String::trim).filter(h -> !h.isEmpty()).toList();
        Map<Language, DeclarationText> texts = new EnumMap<>(Language.class);
        for (Language language : services.keySet()) {
            String service = service(language);
            String purpose = purpose(language);
            if (!service.isEmpty() || !purpose.isEmpty()) {
                texts.put(language, new DeclarationText(service, purpose));
            }
        }
        DeclarationDraft draft = new DeclarationDraft(provider, name, parsedCategory, thirdPartyDomain,
                lifetimeSeconds, hostList, justification, texts, exemptAudienceMeasurement);
        return new Parsed(draft, errors);
    }

    /** @param errors field to message key */
    record Parsed(DeclarationDraft draft, Map<String, String> errors) {
    }

    /**
     * The form field an error of the registry belongs to: {@code texts[FR].service} is shown next to
     * {@code service-fr}, {@code hosts[2].<list element>} next to {@code hosts}.
     */
    static String formField(String path) {
        Matcher text = TEXT_PATH.matcher(path);
        if (text.matches()) {
            return text.group(2) + "-" + text.group(1).toLowerCase(Locale.ROOT);
        }
        int bracket = path.indexOf('[');
        if (bracket > 0) {
            return path.substring(0, bracket);
        }
        int dot = path.indexOf('.');
        return dot > 0 ? path.substring(0, dot) : path;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
