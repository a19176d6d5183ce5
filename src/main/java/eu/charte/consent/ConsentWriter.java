package eu.charte.consent;

import eu.charte.portal.Portal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The node's single writer of the ledger (group commit). Requests queue their decision and wait; the writer takes
 * every decision waiting (up to {@code charte.consent.max-batch}), and in ONE transaction locks each portal's chain
 * head, decides each (same as the latest record, conflict, invalid reference or new record), appends the new
 * records to the chain and moves the head. Only after the commit does it complete the requests, so a 201 always
 * means committed. One commit for many records is what makes thousands per second possible; the head row lock
 * keeps the chain in one order when several nodes write.
 */
@Component
class ConsentWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsentWriter.class);

    /** What became of a decision. */
    enum Kind { CREATED, SAME, CONFLICT, INVALID }

    record Outcome(Kind kind, ConsentRecord record, String field, String message) {
    }

    private record Pending(Portal portal, ConsentSubmission submission, CompletableFuture<Outcome> result) {
    }

    /** What tells whether a chain moved: its last record and its anchor (a purge moves the anchor). */
    private record HeadState(long lastSeq, long anchorSeq) {
    }

    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final ConsentRepository repository;
    private final LedgerReferences references;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final Set<Long> chainsKnown = ConcurrentHashMap.newKeySet();
    /** Per portal, the chain head as this node's last committed transaction left it (the writer thread's only). */
    private final Map<Long, HeadState> committed = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    ConsentWriter(ConsentProperties properties, ConsentRepository repository, LedgerReferences references,
            PlatformTransactionManager transactionManager) {
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.maxBatch = properties.maxBatch();
        this.repository = repository;
        this.references = references;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Queues a decision; the future completes after the commit, or at once exceptionally when the queue is full. */
    CompletableFuture<Outcome> submit(Portal portal, ConsentSubmission submission) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(portal, submission, result))) {
            result.completeExceptionally(new IllegalStateException("the ledger's queue is full or stopped"));
        }
        return result;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                // A request that gave up (503 already sent) is not written: its client will send it again.
                batch.removeIf(p -> p.result().isDone());
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Consent batch of {} not written: {}", batch.size(), e.toString());
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        Map<Long, List<Pending>> byPortal = new LinkedHashMap<>();
        for (Pending p : batch) {
            byPortal.computeIfAbsent(p.portal().id(), id -> new ArrayList<>()).add(p);
        }
        for (Long portalId : byPortal.keySet()) {
            if (!chainsKnown.contains(portalId)) {
                repository.ensureChain(portalId);
                chainsKnown.add(portalId);
            }
        }
        List<Long> order = new ArrayList<>(byPortal.keySet());
        // Locks taken in one order on every node: two nodes' batches never wait on each other in a cycle.
        Collections.sort(order);
        Map<Long, HeadState> heads = new HashMap<>();
        Map<Pending, Outcome> outcomes = transactions.execute(status -> {
            Map<Pending, Outcome> decided = new IdentityHashMap<>();
            for (Long portalId : order) {
                heads.put(portalId, append(portalId, byPortal.get(portalId), decided));
            }
            return decided;
        });
        committed.putAll(heads);
        outcomes.forEach((pending, outcome) -> pending.result().complete(outcome));
    }

    /** Decides and appends a portal's decisions; returns the chain head as it will be once committed. */
    private HeadState append(long portalId, List<Pending> pendings, Map<Pending, Outcome> decided) {
        Set<UUID> ids = new LinkedHashSet<>();
        pendings.forEach(p -> ids.add(p.submission().consentId()));
        ConsentRepository.Locked locked = repository.lockAndLookUp(portalId, ids);
        ConsentRepository.Chain head = locked.head();
        Map<UUID, ConsentRecord> latest = locked.latest();
        if (!locked.lookedUpUnderLock()
                && !new HeadState(head.lastSeq(), head.anchorSeq()).equals(committed.get(portalId))) {
            // The look-up read the snapshot taken before the lock was granted, and the chain is not as this node's
            // last commit left it (another node appended, a purge ran, or this node just started): what was
            // committed in between may be missing from it. Look again, under the lock.
            latest = repository.latest(portalId, ids);
        }
        long seq = head.lastSeq();
        String previous = head.lastHash();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<ConsentRecord> appended = new ArrayList<>();
        for (Pending p : pendings) {
            ConsentSubmission s = p.submission();
            // The address is kept only when the portal asked for it (and then only its network).
            String ip = references.settings(p.portal()).storeIp() ? s.ip() : null;
            ConsentRecord before = latest.get(s.consentId());
            ConsentRecord candidate = new ConsentRecord(seq + 1, s.consentId(), now, s.revision(), s.language(),
                    s.action(), s.choices(), s.textHash(), s.source(), s.variant(), s.userAgent(), ip, previous,
                    "");
            Outcome outcome = decide(p.portal(), candidate, before);
            if (outcome == null) {
                ConsentRecord record = new ConsentRecord(candidate.sequence(), candidate.consentId(), now,
                        candidate.revision(), candidate.language(), candidate.action(), candidate.choices(),
                        candidate.textHash(), candidate.source(), candidate.variant(), candidate.userAgent(),
                        candidate.ip(), previous, LedgerChain.hash(portalId, candidate));
                seq = record.sequence();
                previous = record.hash();
                appended.add(record);
                latest.put(record.consentId(), record);
                outcome = new Outcome(Kind.CREATED, record, null, null);
            }
            decided.put(p, outcome);
        }
        if (!appended.isEmpty()) {
            repository.append(portalId, appended, seq, previous);
        }
        return new HeadState(seq, head.anchorSeq());
    }

    /**
     * The rule of {@code docs/consent-ledger.md}: the same decision as the consent's latest record is that record
     * (idempotent); a decision under an older revision than the latest, or the latest decision again with other
     * details, is a conflict; anything else is the visitor's later decision. Null means: append it.
     */
    private Outcome decide(Portal portal, ConsentRecord candidate, ConsentRecord latest) {
        if (latest != null && candidate.sameDecisionAs(latest)) {
            return new Outcome(Kind.SAME, latest, null, null);
        }
        if (!references.revisionExists(portal, candidate.revision())) {
            return new Outcome(Kind.INVALID, null, "revision", "the portal has published no revision "
                    + candidate.revision());
        }
        var language = references.archivedLanguage(portal, candidate.textHash());
        if (language.isEmpty()) {
            return new Outcome(Kind.INVALID, null, "textHash", "no text set with this hash was archived for the "
                    + "portal");
        }
        if (language.get() != candidate.language()) {
            return new Outcome(Kind.INVALID, null, "textHash", "this text set is in '" + language.get().code()
                    + "', not in '" + candidate.language().code() + "'");
        }
        if (latest != null && candidate.revision() < latest.revision()) {
            return new Outcome(Kind.CONFLICT, latest, "revision", "this consent's latest decision is under revision "
                    + latest.revision() + "; a later decision cannot be under an older one");
        }
        if (latest != null && candidate.revision() == latest.revision() && candidate.action() == latest.action()
                && candidate.choices().equals(latest.choices())) {
            return new Outcome(Kind.CONFLICT, latest, "consentId", "this decision is already recorded for this "
                    + "consent with other details (language, texts, source or variant)");
        }
        return null;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "consent-ledger-writer");
        thread.start();
    }

    /** Stops taking decisions, writes those already queued, then ends. */
    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.forEach(p -> p.result().completeExceptionally(new IllegalStateException("stopped")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at higher phases), so requests in flight get their answer. */
    @Override
    public int getPhase() {
        return 0;
    }
}
