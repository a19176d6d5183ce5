package eu.charte.consent;

import eu.charte.cli.Command;
import eu.charte.cli.CommandLine;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalScope;
import eu.charte.portal.PortalService;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code verify-ledger --portal SLUG} (or {@code --all}): recomputes the portal's hash chain and prints every record
 * altered, removed or reordered. Exit codes: 0 intact; 1 findings; 2 bad arguments or unknown portal.
 */
@Component("verify-ledger")
class VerifyLedgerCommand implements Command {

    private final PortalService portals;
    private final ConsentLedger ledger;

    VerifyLedgerCommand(PortalService portals, ConsentLedger ledger) {
        this.portals = portals;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "verify-ledger";
    }

    @Override
    public String usage() {
        return "verify-ledger --portal SLUG | --all";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Optional<String> slug = CommandLine.option(arguments, "portal");
        boolean all = CommandLine.flag(arguments, "all");
        if (slug.isPresent() == all || !CommandLine.only(arguments, List.of("portal"), List.of("all"))) {
            err.println("Usage: " + usage());
            return 2;
        }
        List<Portal> targets;
        if (all) {
            targets = portals.list(PortalScope.everything());
        } else {
            Optional<Portal> portal = portals.findBySlug(slug.get());
            if (portal.isEmpty()) {
                err.println("Unknown portal '" + slug.get() + "'.");
                return 2;
            }
            targets = List.of(portal.get());
        }
        boolean intact = true;
        for (Portal portal : targets) {
            LedgerVerification result = ledger.verify(portal);
            for (LedgerVerification.Finding finding : result.findings()) {
                out.println(portal.slug() + ": " + finding.kind() + " at " + finding.sequence() + ": "
                        + finding.detail());
            }
            out.println(portal.slug() + ": " + (result.intact() ? "OK" : "FAILED") + ", " + result.records()
                    + " records, head " + result.headHash());
            intact &= result.intact();
        }
        out.flush();
        return intact ? 0 : 1;
    }
}
