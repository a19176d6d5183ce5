package eu.charte.registry;

import eu.charte.portal.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two revisions: declarations added, removed or changed (with the fields that changed, matched
 * by cookie name), and the languages whose charter text changed.
 */
public record RevisionDiff(List<Declaration> added, List<Declaration> removed, List<Change> changed,
        List<Language> textsChanged) {

    /** A declaration present in both revisions whose fields differ. */
    public record Change(Declaration before, Declaration after, List<String> fields) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && textsChanged.isEmpty();
    }

    static RevisionDiff between(List<Declaration> from, List<Declaration> to, Map<Language, CharterDocument> fromDocs,
            Map<Language, CharterDocument> toDocs) {
        Map<String, Declaration> before = byName(from);
        Map<String, Declaration> after = byName(to);
        List<Declaration> added = after.values().stream().filter(d -> !before.containsKey(d.name())).toList();
        List<Declaration> removed = before.values().stream().filter(d -> !after.containsKey(d.name())).toList();
        List<Change> changed = new ArrayList<>();
        for (Declaration b : before.values()) {
            Declaration a = after.get(b.name());
            if (a != null) {
                List<String> fields = fields(b, a);
                if (!fields.isEmpty()) {
                    changed.add(new Change(b, a, fields));
                }
            }
        }
        TreeSet<Language> languages = new TreeSet<>(fromDocs.keySet());
        languages.addAll(toDocs.keySet());
        List<Language> texts = languages.stream()
                .filter(l -> !Objects.equals(fromDocs.get(l), toDocs.get(l))).toList();
        return new RevisionDiff(added, removed, changed, texts);
    }

    private static Map<String, Declaration> byName(List<Declaration> declarations) {
        Map<String, Declaration> map = new LinkedHashMap<>();
        declarations.forEach(d -> map.putIfAbsent(d.name(), d));
        return map;
    }

    private static List<String> fields(Declaration b, Declaration a) {
        List<String> fields = new ArrayList<>();
        check(fields, "provider", b.provider(), a.provider());
        check(fields, "category", b.category(), a.category());
        check(fields, "thirdPartyDomain", b.thirdPartyDomain(), a.thirdPartyDomain());
        check(fields, "lifetimeSeconds", b.lifetimeSeconds(), a.lifetimeSeconds());
        check(fields, "hosts", b.hosts(), a.hosts());
        check(fields, "justification", b.justification(), a.justification());
        check(fields, "texts", b.texts(), a.texts());
        return fields;
    }

    private static void check(List<String> fields, String name, Object b, Object a) {
        if (!Objects.equals(b, a)) {
            fields.add(name);
        }
    }
}
