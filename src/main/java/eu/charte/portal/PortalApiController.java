package eu.charte.portal;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for portals. Authorisation (platform administrators write, members read) is enforced at the edge. */
@RestController
@RequestMapping("/api/v1/portals")
class PortalApiController {

    private final PortalService portals;

    PortalApiController(PortalService portals) {
        this.portals = portals;
    }

    @GetMapping
    List<PortalView> list(PortalScope scope) {
        return portals.list(scope).stream().map(PortalView::of).toList();
    }

    @PostMapping
    ResponseEntity<PortalView> create(@Valid @RequestBody PortalDraft draft) {
        Portal portal = portals.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/portals/" + portal.slug())).body(PortalView.of(portal));
    }

    @GetMapping("/{slug}")
    PortalView get(Portal portal) {
        return PortalView.of(portal);
    }

    @PutMapping("/{slug}")
    PortalView update(Portal portal, @PathVariable String slug, @Valid @RequestBody PortalDraft draft) {
        return PortalView.of(portals.update(portal, draft));
    }

    record PortalView(String slug, String name, String baseUrl, List<String> hosts, List<Language> languages,
            Language defaultLanguage, Jurisdiction jurisdiction, PortalDraft.Controller controller,
            Instant createdAt, Instant updatedAt) {

        static PortalView of(Portal p) {
            return new PortalView(p.slug(), p.name(), p.baseUrl().toString(), p.hosts(), p.languages(),
                    p.defaultLanguage(), p.jurisdiction(),
                    new PortalDraft.Controller(p.controller().organisation(), p.controller().contact()),
                    p.createdAt(), p.updatedAt());
        }
    }
}
