package eu.charte.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registry settings.
 *
 * @param cacheTtl how long a node keeps using the imported known-cookie catalogue before checking whether another
 *     process (another node, or {@code import-cookie-db}) imported a new one; the same {@code charte.cache-ttl} as
 *     the other per-node caches
 */
@ConfigurationProperties("charte")
record RegistryProperties(@DefaultValue("5s") Duration cacheTtl) {
}
