package eu.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages under {@code eu.charte} are application modules: none reaches into another's internals and
 * their dependencies form no cycle (style guide, habit 3). Also writes the module diagrams to
 * {@code target/spring-modulith-docs}.
 */
class ModuleBoundariesTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(CharteApplication.class);

    @Test
    void modulesRespectTheirBoundariesAndFormNoCycle() {
        MODULES.verify();
    }

    @Test
    void theFeaturePackagesAreTheModules() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .contains("account", "platform", "portal", "web");
    }

    @Test
    void writesTheModuleDiagrams() throws Exception {
        Path folder = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, folder.toString()).writeModulesAsPlantUml();
        Path components = folder.resolve("components.puml");
        assertThat(components).exists();
        assertThat(Files.readString(components)).contains("\"Account\"", "\"Platform\"", "\"Portal\"", "\"Web\"");
    }
}
