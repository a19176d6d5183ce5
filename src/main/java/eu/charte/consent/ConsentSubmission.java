package eu.charte.consent;

import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision as the banner sends it to {@code POST /api/v1/portals/{slug}/consents}, checked field by field
 * against the portal (its languages) and the contract; the revision and the text hash are checked by the ledger.
 */
record ConsentSubmission(UUID consentId, int revision, Language language, ConsentAction action,
        Map<String, Boolean> choices, String textHash, String source, String variant, String userAgent, String ip) {

    /** The non-necessary categories a visitor chooses, in the order records keep them. */
    static final List<String> CATEGORIES = List.of("preferences", "statistics", "marketing");
    static final List<String> SOURCES = List.of("click", "gpc");
    static final List<String> VARIANTS = List.of("banner", "preferences", "api");
    static final int USER_AGENT_LENGTH = 160;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    /**
     * Reads and checks a body.
     *
     * @throws ConsentProblem 400 naming every field at fault, or the body as a whole when it is not a JSON object
     */
    static ConsentSubmission parse(String body, Portal portal, JsonMapper json, String userAgent, String ip) {
        if (body == null || body.isBlank()) {
            throw ConsentProblem.malformed("The body is empty; it must be a JSON object.");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ConsentProblem.malformed("The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw ConsentProblem.malformed("The body must be a JSON object.");
        }
        Map<String, String> errors = new LinkedHashMap<>();

        UUID consentId = null;
        JsonNode id = root.get("consentId");
        if (missing(id)) {
            errors.put("consentId", "required");
        } else if (!id.isString() || !isUuid(id.stringValue())) {
            errors.put("consentId", "must be a UUID");
        } else {
            consentId = UUID.fromString(id.stringValue());
        }

        int revision = 0;
        JsonNode rev = root.get("revision");
        if (missing(rev)) {
            errors.put("revision", "required");
        } else if (!rev.isInt() || rev.intValue() < 1) {
            errors.put("revision", "must be a revision number (1, 2, ...)");
        } else {
            revision = rev.intValue();
        }

        Language language = null;
        JsonNode lang = root.get("language");
        if (missing(lang)) {
            errors.put("language", "required");
        } else {
            String code = lang.isString() ? lang.stringValue() : "";
            language = Language.parse(code).filter(l -> l.code().equals(code)).filter(portal::offers).orElse(null);
            if (language == null) {
                errors.put("language", "must be one of the portal's languages "
                        + portal.languages().stream().map(Language::code).toList());
            }
        }

        ConsentAction action = null;
        JsonNode act = root.get("action");
        if (missing(act)) {
            errors.put("action", "required");
        } else {
            action = act.isString() ? ConsentAction.parse(act.stringValue()).orElse(null) : null;
            if (action == null) {
                errors.put("action", "must be one of accept_all, reject_all, custom, withdraw, gpc");
            }
        }

        Map<String, Boolean> choices = new LinkedHashMap<>();
        JsonNode ch = root.get("choices");
        if (missing(ch)) {
            errors.put("choices", "required");
        } else if (!ch.isObject()) {
            errors.put("choices", "must be an object of category: true|false");
        } else {
            for (String name : ch.propertyNames()) {
                if (!CATEGORIES.contains(name)) {
                    errors.put("choices." + name, "unknown category; the categories are " + CATEGORIES);
                } else if (!ch.get(name).isBoolean()) {
                    errors.put("choices." + name, "must be true or false");
                }
            }
            for (String name : CATEGORIES) {
                if (ch.has(name) && ch.get(name).isBoolean()) {
                    choices.put(name, ch.get(name).booleanValue());
                }
            }
            if (action != null && !errors.keySet().stream().anyMatch(k -> k.startsWith("choices"))) {
                String inconsistent = inconsistency(action, choices);
                if (inconsistent != null) {
                    errors.put("choices", inconsistent);
                }
            }
        }

        String textHash = null;
        JsonNode hash = root.get("textHash");
        if (missing(hash)) {
            errors.put("textHash", "required");
        } else if (!hash.isString() || !isSha256Hex(hash.stringValue())) {
            errors.put("textHash", "must be the lower-case hex SHA-256 of the texts the banner showed");
        } else {
            textHash = hash.stringValue();
        }

        String source = optional(root, "source", SOURCES, "click", errors);
        String variant = optional(root, "variant", VARIANTS, "banner", errors);

        if (!errors.isEmpty()) {
            throw ConsentProblem.invalid(errors);
        }
        return new ConsentSubmission(consentId, revision, language, action, choices, textHash, source, variant,
                truncateUserAgent(userAgent), ip);
    }

    /** Accepting all grants every category sent; refusing and withdrawing grant none; GPC never grants marketing. */
    private static String inconsistency(ConsentAction action, Map<String, Boolean> choices) {
        switch (action) {
            case ACCEPT_ALL:
                return choices.containsValue(false) ? "accept_all grants every category: no choice may be false"
                        : null;
            case REJECT_ALL:
            case WITHDRAW:
                return choices.containsValue(true) ? action.code() + " grants no category: no choice may be true"
                        : null;
            case GPC:
                return Boolean.TRUE.equals(choices.get("marketing"))
                        ? "a Global Privacy Control signal refuses marketing" : null;
            default:
                return null;
        }
    }

    private static String optional(JsonNode root, String field, List<String> allowed, String fallback,
            Map<String, String> errors) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            return fallback;
        }
        if (!node.isString() || !allowed.contains(node.stringValue())) {
            errors.put(field, "must be one of " + allowed);
            return fallback;
        }
        return node.stringValue();
    }

    /**
     * Whether the text is a UUID in its 8-4-4-4-12 hexadecimal form (either case); {@link UUID#fromString} alone is
     * looser. Checked by hand rather than by a regular expression: it runs on every consent.
     */
    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : hex(c) || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text is a SHA-256 in lower-case hexadecimal (64 characters). */
    static boolean isSha256Hex(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (!hex(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static boolean missing(JsonNode node) {
        return node == null || node.isNull();
    }

    /** The user agent cut to {@value #USER_AGENT_LENGTH} characters, control characters removed. */
    static String truncateUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String clean = CONTROL.matcher(userAgent).replaceAll(" ").strip();
        return clean.length() <= USER_AGENT_LENGTH ? clean : clean.substring(0, USER_AGENT_LENGTH);
    }

    /** An address truncated to its network: IPv4 /24 (last byte 0), IPv6 /48. Null for anything unreadable. */
    static String truncateAddress(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.strip();
        if (IPV4.matcher(a).matches()) {
            return a.substring(0, a.lastIndexOf('.')) + ".0";
        }
        if (a.contains(":") && IPV6.matcher(a).matches()) {
            try {
                byte[] bytes = java.net.InetAddress.getByName(a.replaceAll("%.*$", "")).getAddress();
                if (bytes.length == 16) {
                    for (int i = 6; i < 16; i++) {
                        bytes[i] = 0;
                    }
                    return java.net.InetAddress.getByAddress(bytes).getHostAddress().toLowerCase(Locale.ROOT);
                }
                if (bytes.length == 4) {
                    bytes[3] = 0;
                    return java.net.InetAddress.getByAddress(bytes).getHostAddress();
                }
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
