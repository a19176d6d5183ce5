package eu.charte.banner;

import java.util.List;
import java.util.Map;

/**
 * What {@code banner.json?lang=xx} serves and {@code banner.js} carries, for one language.
 *
 * @param revision the published revision the banner shows (the choice cookie records it)
 * @param textHash lowercase hex SHA-256 of the canonical JSON of {@link #texts}
 * @param cookie the choice cookie's name and lifetime in seconds
 * @param gpc true when the request for the script carried {@code Sec-GPC: 1}; absent otherwise
 * @param texts every text the banner shows, by key
 */
record BannerConfig(String portal, int revision, String language, String textHash, ChoiceCookie cookie,
        String consentUrl, String charterUrl, String thirdPartiesUrl, String css, boolean consentMode, boolean matomo,
        Boolean gpc, List<CategoryView> categories, Map<String, String> texts) {

    BannerConfig withGpc() {
        return new BannerConfig(portal, revision, language, textHash, cookie, consentUrl, charterUrl, thirdPartiesUrl,
                css, consentMode, matomo, Boolean.TRUE, categories, texts);
    }

    record ChoiceCookie(String name, long maxAge) {
    }

    /** @param exempt FR exempt audience measurement: runs until the visitor opposes it */
    record CategoryView(String id, boolean exempt, List<CookieView> cookies) {
    }

    /** @param lifetime readable, in the configuration's language */
    record CookieView(String name, String provider, String purpose, String lifetime, boolean thirdParty,
            String domain) {
    }
}
