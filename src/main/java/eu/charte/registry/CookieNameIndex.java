package eu.charte.registry;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the catalogue entry for a cookie name without scanning the catalogue: one hash look-up for the exact name,
 * then one for each length that a known prefix has, longest first. When several entries have the same name, the
 * first one given wins.
 */
final class CookieNameIndex {

    /** An entry that covers a name; {@code specificity} is how many characters of the name it fixes. */
    record Match(CatalogueEntry entry, boolean exact, int specificity) {
    }

    private final Map<String, CatalogueEntry> exact = new HashMap<>();
    private final Map<String, CatalogueEntry> prefixes = new HashMap<>();
    /** The lengths of the prefixes, longest first: only these are looked up. */
    private final int[] prefixLengths;

    CookieNameIndex(List<CatalogueEntry> entries) {
        TreeSet<Integer> lengths = new TreeSet<>(Comparator.reverseOrder());
        for (CatalogueEntry entry : entries) {
            if (entry.prefix()) {
                prefixes.putIfAbsent(entry.name(), entry);
                lengths.add(entry.name().length());
            } else {
                exact.putIfAbsent(entry.name(), entry);
            }
        }
        this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The exact entry for the name, else the entry with the longest prefix of it. */
    Optional<Match> match(String name) {
        CatalogueEntry entry = exact.get(name);
        if (entry != null) {
            return Optional.of(new Match(entry, true, name.length()));
        }
        for (int length : prefixLengths) {
            if (length > name.length()) {
                continue;
            }
            entry = prefixes.get(name.substring(0, length));
            if (entry != null) {
                return Optional.of(new Match(entry, false, length));
            }
        }
        return Optional.empty();
    }
}
