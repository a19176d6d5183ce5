package eu.charte.registry;

import eu.charte.account.AccountPrincipal;
import eu.charte.account.AccountService;
import eu.charte.account.Role;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Back office of a portal's cookie registry: the draft declarations, adding, editing and deleting them, publishing
 * the draft as a new revision, the revisions and what changed between two of them. Members of the portal read, its
 * administrators write (decided at the edge); the pages show the forms to those who may use them.
 * Validation is the registry's: its messages are shown next to the fields and nothing is saved.
 */
@Controller
@RequestMapping("/admin/portals/{slug}/cookies")
class RegistryAdminController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> FIELDS = List.of("provider", "name", "category", "thirdPartyDomain",
            "lifetimeSeconds", "hosts", "justification", "texts");

    private final RegistryService registry;
    private final AccountService accounts;
    private final MessageSource messages;
    private final CookieCatalogue catalogue;

    RegistryAdminController(RegistryService registry, AccountService accounts, MessageSource messages,
            CookieCatalogue catalogue) {
        this.registry = registry;
        this.accounts = accounts;
        this.messages = messages;
        this.catalogue = catalogue;
    }

    /** A declaration as the list shows it. */
    record Row(long id, String name, String provider, String category, String lifetime, String party,
            boolean platform) {
    }

    /** A declaration changed between two revisions: each changed field, before and after. */
    record ChangeRow(String name, List<FieldChange> fields) {
    }

    record FieldChange(String field, String before, String after) {
    }

    /** A revision as the list shows it. */
    record RevisionRow(int number, String when, String by) {
    }

    @GetMapping
    String list(Portal portal, AccountPrincipal me, @RequestParam(required = false) Integer published,
            @RequestParam(required = false) String status, Model model) {
        List<Revision.Summary> revisions = registry.revisions(portal);
        model.addAttribute("portal", portal);
        model.addAttribute("editable", editable(me, portal));
        model.addAttribute("declarations", registry.declarations(portal).stream().map(this::row).toList());
        model.addAttribute("unpublished", registry.hasUnpublishedChanges(portal));
        model.addAttribute("revisions", revisions.stream()
                .map(r -> new RevisionRow(r.number(), WHEN.format(r.publishedAt()), r.publishedBy())).toList());
        model.addAttribute("published", published);
        model.addAttribute("status", status == null ? null : switch (status) {
            case "added", "saved", "deleted", "unchanged" -> "registry.admin.status." + status;
            default -> null;
        });
        diffChoices(model, revisions);
        return "registry/list";
    }

    /** The add form; with {@code ?suggest=name}, pre-filled from the known-cookie catalogue when it knows the name. */
    @GetMapping("/new")
    String newForm(Portal portal, AccountPrincipal me, @RequestParam(required = false) String suggest, Model model) {
        model.addAttribute("editable", editable(me, portal));
        DeclarationForm form = DeclarationForm.empty();
        if (suggest != null && !suggest.isBlank() && suggest.length() <= 200) {
            Optional<CookieCatalogue.Suggestion> suggestion = catalogue.suggest(suggest.trim());
            model.addAttribute("suggested", suggestion.isPresent() ? "found" : "none");
            model.addAttribute("suggestion", suggestion.orElse(null));
            form = suggestion.map(s -> DeclarationForm.suggested(suggest.trim(), s, portal.defaultLanguage()))
                    .orElse(form);
        }
        return form(model, portal, null, form, Map.of());
    }

    @PostMapping("/new")
    String add(Portal portal, @RequestParam Map<String, String> fields, Model model) {
        DeclarationForm form = DeclarationForm.of(fields, portal.languages());
        DeclarationForm.Parsed parsed = form.parse();
        Map<String, String> errors = localised(parsed.errors());
        requireDefaultTexts(portal, parsed.draft(), errors);
        if (!errors.isEmpty()) {
            registry.violations(portal, parsed.draft(), false)
                    .forEach((path, message) -> errors.putIfAbsent(DeclarationForm.formField(path), message));
            return form(model, portal, null, form, errors);
        }
        try {
            registry.add(portal, parsed.draft());
        } catch (RegistryProblem problem) {
            return form(model, portal, null, form, invalid(problem));
        }
        return "redirect:/admin/portals/" + portal.slug() + "/cookies?status=added";
    }

    @GetMapping("/{id:[0-9]+}")
    String editForm(Portal portal, AccountPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("editable", editable(me, portal));
        Declaration declaration = find(portal, id);
        return form(model, portal, declaration, DeclarationForm.of(declaration), Map.of());
    }

    @PostMapping("/{id:[0-9]+}")
    String update(Portal portal, @PathVariable long id, @RequestParam Map<String, String> fields, Model model) {
        Declaration declaration = find(portal, id);
        DeclarationForm form = DeclarationForm.of(fields, portal.languages());
        DeclarationForm.Parsed parsed = form.parse();
        Map<String, String> errors = localised(parsed.errors());
        DeclarationDraft draft = parsed.draft();
        if (declaration.platformKind() != null) {
            // Only the texts of the platform's cookies can change: the rest comes from the platform's cookie data,
            // whatever else was posted.
            form = new DeclarationForm(declaration.provider(), declaration.name(), declaration.category().code(), "",
                    "", "", "", "", form.services(), form.purposes(), false);
            draft = new DeclarationDraft(declaration.provider(), declaration.name(), declaration.category(), null,
                    declaration.lifetimeSeconds(), List.of(), declaration.justification(), draft.texts());
            errors.clear();
        }
        requireDefaultTexts(portal, draft, errors);
        if (!errors.isEmpty()) {
            if (declaration.platformKind() == null) {
                registry.violations(portal, draft, false)
                        .forEach((path, message) -> errors.putIfAbsent(DeclarationForm.formField(path), message));
            }
            return form(model, portal, declaration, form, errors);
        }
        try {
            registry.update(portal, id, draft);
        } catch (RegistryProblem problem) {
            return form(model, portal, declaration, form, invalid(problem));
        }
        return "redirect:/admin/portals/" + portal.slug() + "/cookies?status=saved";
    }

    @PostMapping("/{id:[0-9]+}/delete")
    String delete(Portal portal, @PathVariable long id, Model model) {
        Declaration declaration = find(portal, id);
        if (declaration.platformKind() != null) {
            return form(model, portal, declaration, DeclarationForm.of(declaration),
                    Map.of("id", message("registry.admin.platform.noDelete")));
        }
        registry.delete(portal, id);
        return "redirect:/admin/portals/" + portal.slug() + "/cookies?status=deleted";
    }

    @PostMapping("/publish")
    String publish(Portal portal, AccountPrincipal me) {
        try {
            Revision revision = registry.publish(portal, me.email());
            return "redirect:/admin/portals/" + portal.slug() + "/cookies?published=" + revision.number();
        } catch (RegistryProblem problem) {
            if (problem.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                throw problem;
            }
            return "redirect:/admin/portals/" + portal.slug() + "/cookies?status=unchanged";
        }
    }

    @GetMapping("/diff")
    String diff(Portal portal, @RequestParam int from, @RequestParam int to, Model model) {
        RevisionDiff diff = registry.diff(portal, from, to);
        model.addAttribute("portal", portal);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("diff", diff);
        model.addAttribute("added", diff.added().stream().map(this::row).toList());
        model.addAttribute("removed", diff.removed().stream().map(this::row).toList());
        model.addAttribute("changed", diff.changed().stream().map(this::change).toList());
        diffChoices(model, registry.revisions(portal));
        model.addAttribute("fromChoice", from);
        model.addAttribute("toChoice", to);
        return "registry/diff";
    }

    private void diffChoices(Model model, List<Revision.Summary> revisions) {
        List<Integer> numbers = revisions.stream().map(Revision.Summary::number).sorted().toList();
        model.addAttribute("revisionNumbers", numbers);
        int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        model.addAttribute("fromChoice", numbers.size() > 1 ? numbers.get(numbers.size() - 2) : last);
        model.addAttribute("toChoice", last);
    }

    private String form(Model model, Portal portal, Declaration declaration, DeclarationForm form,
            Map<String, String> errors) {
        boolean platform = declaration != null && declaration.platformKind() != null;
        if (!model.containsAttribute("editable")) {
            model.addAttribute("editable", true); // a POST: only administrators get this far
        }
        Set<String> shown = new LinkedHashSet<>(platform ? List.of("texts") : FIELDS);
        for (Language language : portal.languages()) {
            shown.add("service-" + language.code());
            shown.add("purpose-" + language.code());
        }
        Map<String, String> other = new LinkedHashMap<>(errors);
        other.keySet().removeAll(shown);
        model.addAttribute("portal", portal);
        model.addAttribute("declaration", declaration);
        model.addAttribute("platform", platform);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", new ArrayList<>(other.values()));
        model.addAttribute("categories", Category.values());
        model.addAttribute("units", DeclarationForm.Unit.offered(form));
        model.addAttribute("languages", portal.languages());
        model.addAttribute("defaultLanguage", portal.defaultLanguage());
        model.addAttribute("lifetime", declaration == null ? null : lifetime(declaration.lifetimeSeconds()));
        return "registry/form";
    }

    /**
     * The registry refuses a declaration without texts in the portal's default language; said here first, so that
     * the message names the default language rather than a count of languages.
     */
    private void requireDefaultTexts(Portal portal, DeclarationDraft draft, Map<String, String> errors) {
        if (!draft.texts().containsKey(portal.defaultLanguage())) {
            errors.putIfAbsent("texts", message("registry.texts.default"));
        }
    }

    private Declaration find(Portal portal, long id) {
        return registry.declaration(portal, id).orElseThrow(() -> RegistryProblem.notFound(Long.toString(id)));
    }

    /** The registry's errors by form field; a 404 or a conflict is not a form error. */
    private static Map<String, String> invalid(RegistryProblem problem) {
        if (problem.getStatusCode().value() != HttpStatus.BAD_REQUEST.value()) {
            throw problem;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        problem.errors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> errors.putIfAbsent(DeclarationForm.formField(e.getKey()), e.getValue()));
        return errors;
    }

    private Map<String, String> localised(Map<String, String> keys) {
        Map<String, String> errors = new LinkedHashMap<>();
        keys.forEach((field, key) -> errors.put(field, message(key)));
        return errors;
    }

    private boolean editable(AccountPrincipal me, Portal portal) {
        return accounts.roleOn(me, portal).map(Role::mayWrite).orElse(false);
    }

    private Row row(Declaration d) {
        return new Row(d.id(), d.name(), d.provider(), message("registry.admin.category." + d.category().code()),
                lifetime(d.lifetimeSeconds()),
                d.firstParty() ? message("charter.party.first") : message("charter.party.third", d.thirdPartyDomain()),
                d.platformKind() != null);
    }

    private ChangeRow change(RevisionDiff.Change change) {
        List<FieldChange> fields = change.fields().stream()
                .map(f -> new FieldChange(f, value(change.before(), f), value(change.after(), f))).toList();
        return new ChangeRow(change.after().name(), fields);
    }

    /** A field of a declaration as people read it, in the page's language. */
    private String value(Declaration d, String field) {
        return switch (field) {
            case "provider" -> d.provider();
            case "category" -> message("registry.admin.category." + d.category().code());
            case "thirdPartyDomain" -> d.firstParty() ? message("charter.party.first") : d.thirdPartyDomain();
            case "lifetimeSeconds" -> lifetime(d.lifetimeSeconds());
            case "hosts" -> String.join(", ", d.hosts());
            case "justification" -> d.justification() == null ? "" : d.justification();
            case "texts" -> d.texts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().code() + ": " + e.getValue().service() + " – " + e.getValue().purpose())
                    .collect(java.util.stream.Collectors.joining("\n"));
            default -> "";
        };
    }

    /** The lifetime in the unit the form would show it in. */
    private String lifetime(Long seconds) {
        if (seconds == null) {
            return message("charter.lifetime.session");
        }
        DeclarationForm form = DeclarationForm.of(new Declaration(0, null, "", "x", Category.NECESSARY, null, seconds,
                List.of(), null, Map.of()));
        long value = Long.parseLong(form.lifetimeValue());
        return switch (form.lifetimeUnit()) {
            case "seconds" -> message("registry.admin.lifetime.seconds", value);
            default -> message("charter.lifetime." + form.lifetimeUnit(), value);
        };
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, LocaleContextHolder.getLocale());
    }
}
