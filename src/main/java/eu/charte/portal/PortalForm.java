package eu.charte.portal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The back-office form for a portal, as the browser posts it; turned into a {@link PortalDraft}. */
record PortalForm(String slug, String name, String baseUrl, String hosts, String defaultLanguage,
        List<String> languages, String jurisdiction, String controllerOrganisation, String controllerContact) {

    PortalForm {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    static PortalForm empty() {
        return new PortalForm("", "", "https://", "", "fr", List.of(), "BE", "", "");
    }

    static PortalForm of(Portal p) {
        return new PortalForm(p.slug(), p.name(), p.baseUrl().toString(), String.join("\n", p.hosts()),
                p.defaultLanguage().code(), p.languages().stream().map(Language::code).toList(),
                p.jurisdiction().name(), p.controller().organisation(), p.controller().contact());
    }

    /** Public, so that the template can call it. */
    public boolean offers(String code) {
        return code.equals(defaultLanguage) || languages.contains(code);
    }

    /** The draft; unreadable language or jurisdiction values become nulls, which validation names. */
    PortalDraft toDraft() {
        Set<Language> ordered = new LinkedHashSet<>();
        parseLanguage(defaultLanguage).ifPresent(ordered::add);
        Language.ALL.stream().filter(l -> languages.contains(l.code())).forEach(ordered::add);
        List<String> hostList = hosts == null ? List.of()
                : Arrays.stream(hosts.split("[\\s,]+")).filter(h -> !h.isBlank()).collect(Collectors.toList());
        Jurisdiction j = Arrays.stream(Jurisdiction.values()).filter(v -> v.name().equals(jurisdiction))
                .findFirst().orElse(null);
        return new PortalDraft(nullToEmpty(slug), nullToEmpty(name), nullToEmpty(baseUrl), hostList,
                new ArrayList<>(ordered), j,
                new PortalDraft.Controller(nullToEmpty(controllerOrganisation), nullToEmpty(controllerContact)));
    }

    private static Optional<Language> parseLanguage(String code) {
        return Language.parse(code).filter(l -> l.code().equals(code));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Maps a field of the draft to the form field that shows its error. */
    static String formField(String draftPath) {
        if (draftPath.startsWith("controller.organisation")) {
            return "controllerOrganisation";
        }
        if (draftPath.startsWith("controller.contact")) {
            return "controllerContact";
        }
        int cut = draftPath.indexOf('[');
        return cut < 0 ? draftPath : draftPath.substring(0, cut);
    }
}
