package eu.charte.portal;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Seeds the five demo portals into an empty database when {@code charte.demo=true}. */
@Component
@Order(10)
class DemoPortals implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPortals.class);

    static final List<PortalDraft> DEMO = List.of(
            demo("ares-digitalwallonia", "ARES – Digital Wallonia", "https://ares-digitalwallonia.opendatasoft.com",
                    List.of(Language.FR), Jurisdiction.BE, "Agence du Numérique", "privacy@digitalwallonia.be"),
            demo("ardennemetropole", "Ardenne Métropole – Open Data", "https://ardennemetropole.opendatasoft.com",
                    List.of(Language.FR), Jurisdiction.FR, "Ardenne Métropole", "dpo@ardenne-metropole.fr"),
            demo("opendata-bruxelles", "Open Data Bruxelles", "https://opendata.bruxelles.be",
                    List.of(Language.FR, Language.NL, Language.EN), Jurisdiction.BE, "Ville de Bruxelles",
                    "privacy@brucity.be"),
            demo("data-bep", "BEP – Open Data", "https://data.bep.be",
                    List.of(Language.FR), Jurisdiction.BE, "BEP (Bureau Economique de la Province de Namur)",
                    "dpo@bep.be"),
            demo("scare", "SCARE – Open Data", "https://scare.opendatasoft.com",
                    List.of(Language.FR), Jurisdiction.BE, "SCARE", "privacy@scare.be"));

    private final PortalService portals;
    private final PortalProperties properties;

    DemoPortals(PortalService portals, PortalProperties properties) {
        this.portals = portals;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demo() && portals.isEmpty()) {
            DEMO.forEach(portals::create);
            log.info("Seeded {} demo portals", DEMO.size());
        }
    }

    private static PortalDraft demo(String slug, String name, String baseUrl, List<Language> languages,
            Jurisdiction jurisdiction, String organisation, String contact) {
        return new PortalDraft(slug, name, baseUrl, List.of(URI.create(baseUrl).getHost()), languages, jurisdiction,
                new PortalDraft.Controller(organisation, contact));
    }
}
