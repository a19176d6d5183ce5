package eu.charte.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Portal settings.
 *
 * @param demo seed the demo portals into an empty database at start-up
 * @param cacheTtl how long a node serves a portal it looked up before reading it again (in the background, at the
 *     next look-up); bounds how long another node's edit takes to show here
 */
@ConfigurationProperties("charte")
record PortalProperties(@DefaultValue("false") boolean demo, @DefaultValue("5s") Duration cacheTtl) {
}
