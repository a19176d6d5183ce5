package eu.charte.portal;

import java.util.Set;

/**
 * The portals a signed-in user may see: all of them (platform administrator) or those of the given ids.
 * Built by the account module at the edge and passed to {@link PortalService#list(PortalScope)}.
 */
public record PortalScope(boolean all, Set<Long> portalIds) {

    public PortalScope {
        portalIds = Set.copyOf(portalIds);
    }

    public static PortalScope everything() {
        return new PortalScope(true, Set.of());
    }

    public boolean includes(Portal portal) {
        return all || portalIds.contains(portal.id());
    }
}
