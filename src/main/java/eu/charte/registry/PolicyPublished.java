package eu.charte.registry;

/** Published after a portal's new revision is committed. */
public record PolicyPublished(long portalId, String slug, int revision) {
}
