package eu.charte;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The executable's own wiring, as {@code java -jar target/charte.jar} runs it. */
class CharteApplicationTests {

    @Test
    void productionProfileRefusesToStartOnTheEmbeddedDatabase() {
        assertThatThrownBy(() -> CharteApplication.main(new String[] {"--spring.profiles.active=prod",
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:prod-guard"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL");
    }
}
