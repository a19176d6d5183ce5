package eu.charte;

import eu.charte.cli.CommandLine;
import eu.charte.web.ProductionGuard;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar charte.jar [--property=value ...]} starts the server;
 * {@code java -jar charte.jar <command> [arguments]} runs a command on the configured database and exits with its code.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CharteApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CharteApplication.class);
        application.addListeners(new ProductionGuard());
        Optional<String> command = CommandLine.commandOf(args);
        if (command.isEmpty()) {
            application.run(args);
            return;
        }
        application.setLogStartupInfo(false);
        ConfigurableApplicationContext context = application.run(CommandLine.springArguments(command.get(), args));
        System.exit(SpringApplication.exit(context));
    }
}
