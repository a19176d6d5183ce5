package eu.charte.registry;

/**
 * One known cookie of a catalogue.
 *
 * @param name the exact name, or the name's fixed start when {@code prefix}
 * @param prefix whether any cookie whose name starts with {@code name} is meant ({@code _ga_} for {@code _ga_ABC123})
 * @param provider who sets the cookie; null when the catalogue does not say
 * @param lifetimeSeconds null for a session cookie or an unknown lifetime
 * @param source {@link CookieCatalogue#BUILTIN} or {@link CookieCatalogue#OPEN_COOKIE_DATABASE}
 */
record CatalogueEntry(String name, boolean prefix, String provider, Category category, String purpose,
        Long lifetimeSeconds, String source) {

    /** The name as a declaration writes it: a prefix ends with {@code *}. */
    String pattern() {
        return prefix ? name + "*" : name;
    }

    CookieCatalogue.Suggestion suggestion() {
        return new CookieCatalogue.Suggestion(provider, category, purpose, lifetimeSeconds, source, pattern());
    }
}
