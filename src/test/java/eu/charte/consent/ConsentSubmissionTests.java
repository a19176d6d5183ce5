package eu.charte.consent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.portal.Language;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a record keeps of the visitor (rule 20: never the full address, a truncated user agent) and its hash. */
class ConsentSubmissionTests {

    @Test
    void addressesAreTruncatedToTheirNetwork() {
        assertThat(ConsentSubmission.truncateAddress("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(ConsentSubmission.truncateAddress("2001:db8:85a3:1234:5678:8a2e:370:7334"))
                .isEqualTo("2001:db8:85a3:0:0:0:0:0");
        assertThat(ConsentSubmission.truncateAddress("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0");
        assertThat(ConsentSubmission.truncateAddress("not an address")).isNull();
        assertThat(ConsentSubmission.truncateAddress(null)).isNull();
    }

    @Test
    void userAgentsAreCutAndCleaned() {
        assertThat(ConsentSubmission.truncateUserAgent("a".repeat(500))).hasSize(ConsentSubmission.USER_AGENT_LENGTH);
        assertThat(ConsentSubmission.truncateUserAgent("Mozilla\n/5.0\u0000")).isEqualTo("Mozilla /5.0");
        assertThat(ConsentSubmission.truncateUserAgent(" ")).isNull();
    }

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        choices.put("marketing", false);
        choices.put("statistics", true);
        ConsentRecord record = new ConsentRecord(7, UUID.fromString("123e4567-e89b-42d3-a456-426614174000"),
                Instant.ofEpochMilli(1_700_000_000_123L), 3, Language.FR, ConsentAction.CUSTOM, choices, "ab".repeat(32),
                "click", "preferences", "UA \"quoted\"", null, LedgerChain.GENESIS, "");
        assertThat(LedgerChain.canonical(1, record)).isEqualTo("[1,1,7,\"123e4567-e89b-42d3-a456-426614174000\","
                + "1700000000123,3,\"fr\",\"custom\",\"{\\\"statistics\\\":true,\\\"marketing\\\":false}\",\""
                + "ab".repeat(32) + "\",\"click\",\"preferences\",\"UA \\\"quoted\\\"\",null]");
        String hash = LedgerChain.hash(1, record);
        assertThat(hash).hasSize(64).isEqualTo(LedgerChain.sha256(LedgerChain.GENESIS + "\n"
                + LedgerChain.canonical(1, record)));
        ConsentRecord otherPrevious = new ConsentRecord(7, record.consentId(), record.recordedAt(), 3, Language.FR,
                ConsentAction.CUSTOM, choices, record.textHash(), "click", "preferences", record.userAgent(), null,
                "1".repeat(64), "");
        assertThat(LedgerChain.hash(1, otherPrevious)).isNotEqualTo(hash);
        assertThat(LedgerChain.hash(2, record)).as("another portal").isNotEqualTo(hash);
    }

    @Test
    void consentIdsAndTextHashesAreCheckedCharacterByCharacter() {
        assertThat(ConsentSubmission.isUuid("123e4567-e89b-42d3-a456-426614174000")).isTrue();
        assertThat(ConsentSubmission.isUuid("123E4567-E89B-42D3-A456-426614174000")).isTrue();
        for (String bad : new String[] {"", "123e4567e89b42d3a456426614174000", "123e4567-e89b-42d3-a456-42661417400",
                "123e4567-e89b-42d3-a456-4266141740000", "123e4567-e89b-42d3-a456_426614174000",
                "123e4567-e89b-42d3-a456-42661417400g", "1-3e4567-e89b-42d3-a456-426614174000",
                "\u0661\u0662\u0663e4567-e89b-42d3-a456-426614174000"}) {
            assertThat(ConsentSubmission.isUuid(bad)).as(bad).isFalse();
        }
        assertThat(ConsentSubmission.isSha256Hex("0123456789abcdef".repeat(4))).isTrue();
        assertThat(ConsentSubmission.isSha256Hex("0123456789ABCDEF".repeat(4))).as("upper case").isFalse();
        assertThat(ConsentSubmission.isSha256Hex("0123456789abcdef".repeat(4) + "0")).isFalse();
        assertThat(ConsentSubmission.isSha256Hex("0123456789abcdeg".repeat(4))).isFalse();
    }
}
