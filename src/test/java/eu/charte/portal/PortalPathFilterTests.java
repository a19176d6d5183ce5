package eu.charte.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which paths name a portal, and which slug: the portal is resolved once, at the edge, from this. */
class PortalPathFilterTests {

    @Test
    void readsTheSlugAfterEachPrefix() {
        assertThat(PortalPathFilter.slugInPath("/p/bruxelles")).isEqualTo("bruxelles");
        assertThat(PortalPathFilter.slugInPath("/p/data-bep/charte-cookies")).isEqualTo("data-bep");
        assertThat(PortalPathFilter.slugInPath("/api/v1/portals/scare/consents")).isEqualTo("scare");
        assertThat(PortalPathFilter.slugInPath("/api/v1/portals/scare/")).isEqualTo("scare");
        assertThat(PortalPathFilter.slugInPath("/admin/portals/ares-2/registry")).isEqualTo("ares-2");
        assertThat(PortalPathFilter.slugInPath("/p/" + "a".repeat(63))).hasSize(63);
    }

    @Test
    void namesNoPortalOtherwise() {
        assertThat(PortalPathFilter.slugInPath("/")).isNull();
        assertThat(PortalPathFilter.slugInPath("/p/")).isNull();
        assertThat(PortalPathFilter.slugInPath("/p//x")).isNull();
        assertThat(PortalPathFilter.slugInPath("/p/Bruxelles")).isNull();
        assertThat(PortalPathFilter.slugInPath("/p/brux_elles/x")).isNull();
        assertThat(PortalPathFilter.slugInPath("/p/" + "a".repeat(64))).isNull();
        assertThat(PortalPathFilter.slugInPath("/pp/bruxelles")).isNull();
        assertThat(PortalPathFilter.slugInPath("/api/v1/portal/bruxelles")).isNull();
        assertThat(PortalPathFilter.slugInPath("/admin/accounts/3")).isNull();
    }

    @Test
    void theNewPortalFormIsNoPortal() {
        assertThat(PortalPathFilter.slugInPath(new MockHttpServletRequest("GET", "/admin/portals/new"))).isEmpty();
        assertThat(PortalPathFilter.slugInPath(new MockHttpServletRequest("GET", "/admin/portals/newer")))
                .contains("newer");
        MockHttpServletRequest inContext = new MockHttpServletRequest("GET", "/charte/p/bruxelles/banner.js");
        inContext.setContextPath("/charte");
        assertThat(PortalPathFilter.slugInPath(inContext)).contains("bruxelles");
    }
}
