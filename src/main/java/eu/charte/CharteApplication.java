package eu.charte;

import eu.charte.web.ProductionGuard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CharteApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CharteApplication.class);
        application.addListeners(new ProductionGuard());
        application.run(args);
    }
}
