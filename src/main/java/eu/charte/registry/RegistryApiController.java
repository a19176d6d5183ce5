package eu.charte.registry;

import eu.charte.portal.Portal;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of a portal's cookie registry: the draft declarations, publishing, and the published revisions.
 * Members of the portal read; its administrators write (decided at the edge). Bodies are validated by the service,
 * so that one problem document names every bad field, field rules and portal rules alike.
 */
@RestController
@RequestMapping("/api/v1/portals/{slug}")
class RegistryApiController {

    private final RegistryService registry;
    private final CookieCatalogue catalogue;

    RegistryApiController(RegistryService registry, CookieCatalogue catalogue) {
        this.registry = registry;
        this.catalogue = catalogue;
    }

    @GetMapping("/cookies")
    List<Declaration> list(Portal portal) {
        return registry.declarations(portal);
    }

    @PostMapping("/cookies")
    ResponseEntity<Declaration> add(Portal portal, @RequestBody DeclarationDraft draft) {
        Declaration added = registry.add(portal, draft);
        return ResponseEntity.created(URI.create("/api/v1/portals/" + portal.slug() + "/cookies/" + added.id()))
                .body(added);
    }

    /**
     * What the known-cookie catalogue suggests for a cookie name (provider, category, purpose, lifetime), to fill
     * in a new declaration; 404 when no known cookie matches. The catalogue is the same for every portal.
     */
    @GetMapping("/cookies/suggestions")
    CookieCatalogue.Suggestion suggestion(Portal portal, @RequestParam String name) {
        if (name.isBlank() || name.length() > 200) {
            throw RegistryProblem.invalid(Map.of("name", "give a cookie name of 1 to 200 characters"));
        }
        return catalogue.suggest(name).orElseThrow(RegistryProblem::unknownCookie);
    }

    @GetMapping("/cookies/{id}")
    Declaration get(Portal portal, @PathVariable long id) {
        return registry.declaration(portal, id).orElseThrow(() -> RegistryProblem.notFound(Long.toString(id)));
    }

    @PutMapping("/cookies/{id}")
    Declaration update(Portal portal, @PathVariable long id, @RequestBody DeclarationDraft draft) {
        return registry.update(portal, id, draft);
    }

    @DeleteMapping("/cookies/{id}")
    ResponseEntity<Void> delete(Portal portal, @PathVariable long id) {
        registry.delete(portal, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/revisions")
    List<Revision.Summary> revisions(Portal portal) {
        return registry.revisions(portal);
    }

    @PostMapping("/revisions")
    ResponseEntity<Revision.Summary> publish(Portal portal, Principal user) {
        Revision revision = registry.publish(portal, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/portals/" + portal.slug() + "/revisions/" + revision.number()))
                .body(new Revision.Summary(revision.number(), revision.publishedAt(), revision.publishedBy(),
                        revision.hash()));
    }

    @GetMapping("/revisions/{number}")
    RevisionView revision(Portal portal, @PathVariable int number) {
        Revision revision = registry.revision(portal, number)
                .orElseThrow(() -> RegistryProblem.notFound("revision " + number));
        return new RevisionView(revision.number(), revision.publishedAt(), revision.publishedBy(), revision.hash(),
                registry.declarations(revision));
    }

    @GetMapping("/revisions/diff")
    RevisionDiff diff(Portal portal, @RequestParam int from, @RequestParam int to) {
        return registry.diff(portal, from, to);
    }

    record RevisionView(int number, java.time.Instant publishedAt, String publishedBy, String hash,
            List<Declaration> declarations) {
    }
}
