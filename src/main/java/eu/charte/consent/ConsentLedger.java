package eu.charte.consent;

import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalScope;
import eu.charte.portal.PortalService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent module's facade: the ledger of visitors' decisions (proofs of consent), the archive of the texts they
 * saw, exports, retention and verification. Every method is scoped to the portal passed first.
 * The ledger is append-only and hash-chained per portal ({@link LedgerChain}); retention removes the oldest
 * records and moves the chain's anchor, so verification keeps working.
 */
@Service
public class ConsentLedger {

    private static final Logger log = LoggerFactory.getLogger(ConsentLedger.class);

    private final ConsentRepository repository;
    private final ConsentWriter writer;
    private final LedgerReferences references;
    private final ConsentProperties properties;
    private final PortalService portals;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - 20_000_000_000L);

    ConsentLedger(ConsentRepository repository, ConsentWriter writer, LedgerReferences references,
            ConsentProperties properties, PortalService portals, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.writer = writer;
        this.references = references;
        this.properties = properties;
        this.portals = portals;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = Clock.systemUTC();
    }

    /**
     * Archives a text set a banner shows, under its hash; idempotent (the first archiving is kept).
     *
     * @param textHash lower-case hex SHA-256 of the UTF-8 bytes of {@code textsJson}
     * @throws IllegalArgumentException when the hash is not the texts' hash
     */
    public void archiveTexts(Portal portal, int revision, Language language, String textHash, String textsJson) {
        if (!LedgerChain.sha256(textsJson).equals(textHash)) {
            throw new IllegalArgumentException("textHash is not the SHA-256 of the texts");
        }
        repository.archive(portal.id(), textHash, revision, language, textsJson, clock.instant());
        references.archived(portal, textHash, repository.archivedLanguage(portal.id(), textHash)
                .map(Language::of).orElse(language));
    }

    /** A decision's fate: the record it is (new or the same as before). */
    record Recorded(ConsentRecord record, boolean created) {
    }

    /**
     * Records a decision and returns once it is committed.
     *
     * @throws ConsentProblem 400 (unknown revision or text set), 409 (conflict with the consent's history), 503
     *     (not committed within {@code charte.consent.commit-timeout})
     */
    Recorded record(Portal portal, ConsentSubmission submission) {
        CompletableFuture<ConsentWriter.Outcome> future = writer.submit(portal, submission);
        ConsentWriter.Outcome outcome;
        try {
            outcome = future.get(properties.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            warn("not committed within " + properties.commitTimeout());
            throw ConsentProblem.unavailable(properties.retryAfter());
        } catch (ExecutionException e) {
            warn(String.valueOf(e.getCause()));
            throw ConsentProblem.unavailable(properties.retryAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConsentProblem.unavailable(properties.retryAfter());
        }
        switch (outcome.kind()) {
            case CREATED:
                return new Recorded(outcome.record(), true);
            case SAME:
                return new Recorded(outcome.record(), false);
            case CONFLICT:
                throw ConsentProblem.conflict(outcome.field(), outcome.message());
            default:
                throw ConsentProblem.invalid(java.util.Map.of(outcome.field(), outcome.message()));
        }
    }

    /** Logs why consents are answered 503, once per 10 s at most: an outage must not flood the log. */
    private void warn(String why) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > 10_000_000_000L && lastWarning.compareAndSet(last, now)) {
            log.warn("Consents answered 503 (sent again by the banners): {}", why);
        }
    }

    /** A consent's records, oldest first; empty when the portal has none for it. */
    public List<ConsentRecord> history(Portal portal, UUID consentId) {
        return repository.history(portal.id(), consentId);
    }

    /** An archived text set of the portal. */
    public Optional<ConsentTexts> texts(Portal portal, String hash) {
        return repository.texts(portal.id(), hash);
    }

    /** The records committed in [from, to), in chain order, streamed one by one. */
    public void export(Portal portal, Instant from, Instant to, Consumer<ConsentRecord> each) {
        transactions.executeWithoutResult(status -> repository.period(portal.id(), from, to, each));
    }

    public LedgerSettings settings(Portal portal) {
        return references.settings(portal);
    }

    /** @throws IllegalArgumentException when the retention is out of bounds */
    public void saveSettings(Portal portal, LedgerSettings settings) {
        if (settings.retentionDays() < LedgerSettings.MIN_RETENTION_DAYS
                || settings.retentionDays() > LedgerSettings.MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retention out of bounds");
        }
        repository.saveSettings(portal.id(), settings, clock.instant());
        references.settingsChanged(portal);
    }

    /**
     * Removes the records older than the portal's retention at {@code now}: always a prefix of the chain, whose last
     * record's hash becomes the chain's anchor, so the remaining chain still verifies.
     *
     * @return how many records were removed
     */
    public long purge(Portal portal, Instant now) {
        references.settingsChanged(portal);
        Instant cutoff = now.minus(Duration.ofDays(settings(portal).retentionDays()));
        repository.ensureChain(portal.id());
        Long removed = transactions.execute(status -> {
            ConsentRepository.Chain head = repository.lockChain(portal.id());
            if (head.lastSeq() == head.anchorSeq()) {
                return 0L;
            }
            long upTo = repository.firstSeqFrom(portal.id(), cutoff).map(first -> first - 1).orElse(head.lastSeq());
            if (upTo <= head.anchorSeq()) {
                return 0L;
            }
            String anchor = repository.hashAt(portal.id(), upTo).orElse(null);
            if (anchor == null) {
                log.warn("Ledger of portal {} misses record {}: not purged; run verify-ledger", portal.slug(), upTo);
                return 0L;
            }
            return repository.purgeUpTo(portal.id(), upTo, anchor, now);
        });
        return removed == null ? 0 : removed;
    }

    /** Purges every portal's ledger; what the retention job runs. A portal that fails does not stop the others. */
    public long purgeAll(Instant now) {
        long total = 0;
        for (Portal portal : portals.list(PortalScope.everything())) {
            try {
                total += purge(portal, now);
            } catch (RuntimeException e) {
                log.warn("Retention purge of portal {} failed: {}", portal.slug(), e.toString());
            }
        }
        return total;
    }

    /** Recomputes the portal's chain from its anchor to its head and reports every record altered, removed or moved. */
    public LedgerVerification verify(Portal portal) {
        return transactions.execute(status -> {
            Optional<ConsentRepository.Chain> head = repository.chain(portal.id());
            List<LedgerVerification.Finding> findings = new ArrayList<>();
            if (head.isEmpty()) {
                long count = repository.count(portal.id());
                if (count > 0) {
                    findings.add(new LedgerVerification.Finding(0, LedgerVerification.Kind.HEAD_MISSING,
                            "the portal has " + count + " records but no chain head"));
                }
                return new LedgerVerification(portal.slug(), count, LedgerChain.GENESIS, findings);
            }
            ConsentRepository.Chain chain = head.get();
            long[] expected = {chain.anchorSeq() + 1};
            String[] previous = {chain.anchorHash()};
            long[] count = {0};
            repository.chainOrder(portal.id(), (seq, record) -> {
                count[0]++;
                if (seq > expected[0]) {
                    findings.add(new LedgerVerification.Finding(expected[0], LedgerVerification.Kind.REMOVED,
                            (seq - expected[0] == 1 ? "record " + expected[0] : "records " + expected[0] + " to "
                                    + (seq - 1)) + " missing"));
                } else if (seq < expected[0]) {
                    findings.add(new LedgerVerification.Finding(seq, LedgerVerification.Kind.REMOVED,
                            "record " + seq + " lies before the chain's anchor " + chain.anchorSeq()));
                }
                if (record == null) {
                    findings.add(new LedgerVerification.Finding(seq, LedgerVerification.Kind.ALTERED,
                            "record " + seq + " cannot be read: a field was changed"));
                } else if (!LedgerChain.hash(portal.id(), record).equals(record.hash())) {
                    findings.add(new LedgerVerification.Finding(seq, LedgerVerification.Kind.ALTERED,
                            "record " + seq + " (consent " + record.consentId() + ") does not match its hash"));
                } else if (!record.previousHash().equals(previous[0]) && seq == expected[0]) {
                    findings.add(new LedgerVerification.Finding(seq, LedgerVerification.Kind.REORDERED,
                            "record " + seq + " (consent " + record.consentId() + ") does not follow the record "
                                    + "before it: records were moved or replaced"));
                }
                previous[0] = record == null ? "" : record.hash();
                expected[0] = seq + 1;
            });
            if (expected[0] - 1 < chain.lastSeq()) {
                findings.add(new LedgerVerification.Finding(expected[0], LedgerVerification.Kind.REMOVED,
                        "the chain head names record " + chain.lastSeq() + " but the ledger ends at "
                                + (expected[0] - 1)));
            } else if (expected[0] - 1 > chain.lastSeq()) {
                findings.add(new LedgerVerification.Finding(chain.lastSeq() + 1, LedgerVerification.Kind.ALTERED,
                        "records after the chain head's " + chain.lastSeq() + " were added outside the ledger"));
            } else if (!previous[0].equals(chain.lastHash())) {
                findings.add(new LedgerVerification.Finding(chain.lastSeq(), LedgerVerification.Kind.ALTERED,
                        "the last record's hash is not the chain head's"));
            }
            return new LedgerVerification(portal.slug(), count[0], chain.lastHash(), findings);
        });
    }
}
