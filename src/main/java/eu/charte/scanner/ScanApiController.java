package eu.charte.scanner;

import eu.charte.portal.Portal;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of a portal's scans. {@code POST .../scans} queues a scan and answers 202 with its {@code Location};
 * {@code GET .../scans/{id}} gives its status, then {@code GET .../scans/{id}/report} the JSON report once done.
 * Members of the portal read, its administrators start and cancel (decided at the edge).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/v1/portals/{slug}/scans")
class ScanApiController {

    private final ScanService scans;

    ScanApiController(ScanService scans) {
        this.scans = scans;
    }

    @PostMapping
    ResponseEntity<ScanRecord> start(Portal portal, @RequestBody(required = false) ScanOptions options,
            Principal user) {
        ScanRecord scan = scans.submit(portal, options == null ? ScanOptions.defaults() : options, "api",
                user == null ? null : user.getName());
        return ResponseEntity.accepted().location(location(portal, scan.id())).body(scan);
    }

    @GetMapping
    List<ScanRecord> history(Portal portal) {
        return scans.history(portal);
    }

    @GetMapping("/{id}")
    ScanRecord scan(Portal portal, @PathVariable long id) {
        return scans.find(portal, id).orElseThrow(() -> ScanProblem.notFound(id));
    }

    @GetMapping("/{id}/report")
    ScanReport report(Portal portal, @PathVariable long id) {
        scans.find(portal, id).orElseThrow(() -> ScanProblem.notFound(id));
        return scans.report(portal, id).orElseThrow(() -> ScanProblem.notFinished(id));
    }

    @GetMapping("/{id}/diff")
    ScanService.ScanDiff diff(Portal portal, @PathVariable long id) {
        scans.find(portal, id).orElseThrow(() -> ScanProblem.notFound(id));
        return scans.diff(portal, id).orElseThrow(() -> ScanProblem.notFinished(id));
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<ScanRecord> cancel(Portal portal, @PathVariable long id) {
        boolean cancelled = scans.cancel(portal, id);
        ScanRecord scan = scans.find(portal, id).orElseThrow(() -> ScanProblem.notFound(id));
        return ResponseEntity.status(cancelled ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(scan);
    }

    private static URI location(Portal portal, long id) {
        return URI.create("/api/v1/portals/" + portal.slug() + "/scans/" + id);
    }
}
