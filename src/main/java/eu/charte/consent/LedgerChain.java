package eu.charte.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The hash chain of a portal's ledger: {@code hash = SHA-256(previousHash + "\n" + canonical form)}, where the
 * canonical form lists every stored field of the record (portal, sequence, consent id, time in epoch milliseconds,
 * revision, language, action, choices, text hash, source, variant, user agent, address) as a JSON array. Changing,
 * removing or reordering a record changes a hash that the next record or the chain head still names.
 */
final class LedgerChain {

    /** The previous hash of a chain's first record. */
    static final String GENESIS = "0".repeat(64);

    private LedgerChain() {
    }

    static String hash(long portalId, ConsentRecord r) {
        return sha256(r.previousHash() + "\n" + canonical(portalId, r));
    }

    static String canonical(long portalId, ConsentRecord r) {
        return jsonArray(Arrays.asList(1, portalId, r.sequence(), r.consentId().toString(),
                r.recordedAt().toEpochMilli(), r.revision(), r.language().code(), r.action().code(),
                choices(r.choices()), r.textHash(), r.source(), r.variant(), r.userAgent(), r.ip()));
    }

    /** The choices as stored: a JSON object in the order preferences, statistics, marketing. */
    static String choices(Map<String, Boolean> choices) {
        StringJoiner joiner = new StringJoiner(",", "{", "}");
        for (String category : ConsentSubmission.CATEGORIES) {
            Boolean value = choices.get(category);
            if (value != null) {
                joiner.add("\"" + category + "\":" + value);
            }
        }
        return joiner.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String jsonArray(Iterable<?> values) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (Object v : values) {
            if (v == null) {
                joiner.add("null");
            } else if (v instanceof Number) {
                joiner.add(v.toString());
            } else {
                joiner.add(quote(v.toString()));
            }
        }
        return joiner.toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
