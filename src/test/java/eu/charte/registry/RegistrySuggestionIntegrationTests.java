package eu.charte.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Adding a cookie by name in the back office: Charte suggests provider, category, purpose and lifetime (issue 3, 5). */
class RegistrySuggestionIntegrationTests extends IntegrationTestSupport {

    @Test
    void addFormIsPrefilledFromTheBuiltInCatalogueForAKnownCookie() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signIn(createUser("ADMIN", slug));
        TestClient.Response page = admin.get("/admin/portals/" + slug + "/cookies/new?suggest=_pk_id.1.abcd&lang=en");
        assertThat(page.status()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("#suggestion-status").text()).contains("_pk_id");
        assertThat(html.select("#provider").val()).containsIgnoringCase("Matomo");
        assertThat(html.select("#name").val()).isEqualTo("_pk_id.*");
        assertThat(html.select("#category option[selected]").val()).isEqualTo("statistics");
        assertThat(html.select("#purpose-fr").text() + html.select("[name=purpose-fr]").val()).isNotBlank();
    }

    @Test
    void unknownCookieLeavesTheFormEmptyAndSaysSo() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signIn(createUser("ADMIN", slug));
        Document html = Jsoup.parse(admin.get("/admin/portals/" + slug + "/cookies/new?suggest=zz_unknown_42&lang=en").body());
        assertThat(html.select("#suggestion-status").text()).contains("does not know");
        assertThat(html.select("#provider").val()).isEmpty();
    }
}
