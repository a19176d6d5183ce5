package eu.charte.banner;

import eu.charte.portal.Portal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/v1/portals/{slug}/banner-settings}: a portal's banner settings. Members read, the portal's
 * administrators write (decided at the edge); invalid values get a problem document naming each field.
 */
@RestController
class BannerSettingsApiController {

    private final BannerService banners;

    BannerSettingsApiController(BannerService banners) {
        this.banners = banners;
    }

    @GetMapping("/api/v1/portals/{slug}/banner-settings")
    BannerSettings get(Portal portal) {
        return banners.settings(portal);
    }

    @PutMapping("/api/v1/portals/{slug}/banner-settings")
    BannerSettings put(Portal portal, @RequestBody BannerSettings settings) {
        return banners.save(portal, settings);
    }
}
