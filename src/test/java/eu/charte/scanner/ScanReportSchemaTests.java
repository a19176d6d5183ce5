package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The documented JSON Schema of the scan report ({@code docs/scanner-report.schema.json}) says what the code writes. */
class ScanReportSchemaTests {

    private final JsonNode schema = JsonMapper.builder().build()
            .readTree(Files.readString(Path.of("docs", "scanner-report.schema.json")));

    ScanReportSchemaTests() throws Exception {
    }

    @Test
    void enumerationsAreTheCodes() {
        JsonNode finding = schema.path("$defs").path("finding").path("properties");
        assertThat(strings(finding.path("type").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(FindingType.values()).map(FindingType::code).toList());
        assertThat(strings(finding.path("severity").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::code).toList());
        assertThat(strings(schema.path("$defs").path("profile").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(Profile.values()).map(Profile::code).toList());
    }

    @Test
    void everyFieldOfTheReportIsDocumented() {
        assertThat(names(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ScanReport.class.getRecordComponents()).map(c -> c.getName()).toList());
        JsonNode finding = schema.path("$defs").path("finding").path("properties");
        assertThat(names(finding)).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ScanReport.Finding.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(names(finding.path("cookie").path("properties"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ScanReport.Cookie.class.getRecordComponents()).map(c -> c.getName()).toList());
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> names(JsonNode object) {
        return object.propertyStream().map(java.util.Map.Entry::getKey).toList();
    }
}
