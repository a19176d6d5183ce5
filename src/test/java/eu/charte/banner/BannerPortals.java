package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.TestClient;
import java.util.UUID;

/**
 * Test portals for the banner tests, made through the public API as a platform administrator: a portal whose base
 * URL is the test page's origin, with declarations in the categories a test needs, published.
 */
final class BannerPortals {

    private final TestClient admin;

    /** @param admin a platform administrator's client that has loaded a page (so that it holds a CSRF token) */
    BannerPortals(TestClient admin) {
        this.admin = admin;
    }

    String create(String baseUrl, String languagesJson, String jurisdiction) {
        String slug = "b-" + UUID.randomUUID().toString().substring(0, 8);
        TestClient.Response created = admin.postJson("/api/v1/portals", """
                {"slug": "%s", "name": "Portail %s", "baseUrl": "%s", "hosts": [],
                 "languages": %s, "jurisdiction": "%s",
                 "controller": {"organisation": "Ville de Test", "contact": "dpo@example.org"}}"""
                .formatted(slug, slug, baseUrl, languagesJson, jurisdiction), admin.csrfHeader());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slug;
    }

    /** Declares a first-party cookie (or a third-party one when {@code domain} is set), in every given language. */
    void declare(String slug, String name, String category, String domain, long lifetimeSeconds, boolean exempt,
            String... languages) {
        StringBuilder texts = new StringBuilder();
        for (String language : languages) {
            texts.append(texts.isEmpty() ? "" : ",").append("""
                    "%s": {"service": "Service %s", "purpose": "Purpose of %s (%s)"}""".formatted(language, name, name,
                    language));
        }
        TestClient.Response added = admin.postJson("/api/v1/portals/" + slug + "/cookies", """
                {"provider": "Provider %s", "name": "%s", "category": "%s", "thirdPartyDomain": %s,
                 "lifetimeSeconds": %d, "hosts": [], "exemptAudienceMeasurement": %s, "texts": {%s}}"""
                .formatted(name, name, category, domain == null ? "null" : '"' + domain + '"', lifetimeSeconds, exempt,
                        texts), admin.csrfHeader());
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    void publish(String slug) {
        TestClient.Response published = admin.send(admin.builder("/api/v1/portals/" + slug + "/revisions",
                admin.csrfHeader()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
    }

    TestClient.Response putSettings(String slug, String json) {
        return admin.putJson("/api/v1/portals/" + slug + "/banner-settings", json, admin.csrfHeader());
    }
}
