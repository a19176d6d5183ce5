package eu.charte.portal;

/** Published once a new portal is committed; other modules set up their per-portal data on it. */
public record PortalCreated(long portalId, String slug) {
}
