package dev.warden.quarkus.notify;

import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Turns approval events into deliveries in the outbox and sends what is due. Nothing here runs on a caller's thread:
 * {@link #handOff} puts work on one notifier thread behind a bounded queue and returns at once (a full queue drops the
 * work with a logged {@link NotifyCodes#QUEUE_FULL}; a dropped request is found again by the next scan of the store).
 * Every {@code scanInterval} the notifier scans the pending approvals — the shared store, so every replica sees the
 * same — for requests not yet notified, expiry warnings and escalations that are due, adds them (the outbox keeps one
 * of each, whichever replica adds it first) and sends what it can claim.
 *
 * <p>One question, one notice (decision 0049): a delegated callee's confirmation that its caller's run relays
 * ({@link PendingApproval.Relay}) is asked once, through the relay entry — the one the requester answers. The callee's
 * own entry is covered by the relay: none of its events is notified. Since the callee's entry is requested a moment
 * before its relay, a confirmation asked in a delegated run ({@code mayBeRelayed}) is left to the scan, which notifies
 * it only when no relay covers it once the grace (one scan interval) has passed.
 */
final class NotificationEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationEngine.class);
    private static final int MAX_IN_FLIGHT = 32;

    private final NotificationOutbox outbox;
    private final NoticeFactory notices;
    private final Routes routes;
    private final Deliveries deliveries;
    private final DueEvents due;
    private final Supplier<List<PendingApproval>> pending;
    private final NotificationAudit audit;
    private final Clock clock;
    private final Duration lease;
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService ticker;
    private final java.util.Map<String, Set<String>> known = new ConcurrentHashMap<>(); // by approval id
    private final java.util.function.Predicate<PendingApproval> mayBeRelayed;
    /** Callee confirmations covered by a relay entry, with when the relay expires (then they are forgotten). */
    private final java.util.Map<String, java.time.Instant> relayed = new ConcurrentHashMap<>();
    private volatile Duration relayGrace = Duration.ofSeconds(5);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    NotificationEngine(NotificationOutbox outbox, NoticeFactory notices, Routes routes, Deliveries deliveries,
            DueEvents due, Supplier<List<PendingApproval>> pending, NotificationAudit audit, Clock clock,
            int queueCapacity, Duration lease) {
        this(outbox, notices, routes, deliveries, due, pending, audit, clock, queueCapacity, lease, p -> false);
    }

    /**
     * @param mayBeRelayed whether a pending entry is a confirmation asked in a delegated run, which its caller's run
     *     may relay (its notices then wait for the scan); called on the notifier thread, may read the store
     */
    NotificationEngine(NotificationOutbox outbox, NoticeFactory notices, Routes routes, Deliveries deliveries,
            DueEvents due, Supplier<List<PendingApproval>> pending, NotificationAudit audit, Clock clock,
            int queueCapacity, Duration lease, java.util.function.Predicate<PendingApproval> mayBeRelayed) {
        this.mayBeRelayed = mayBeRelayed;
        this.outbox = outbox;
        this.notices = notices;
        this.routes = routes;
        this.deliveries = deliveries;
        this.due = due;
        this.pending = pending;
        this.audit = audit;
        this.clock = clock;
        this.lease = lease;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), daemon("warden-notify"),
                (r, pool) -> {
                    dropped.incrementAndGet();
                    LOG.warnf("%s notification queue full; work dropped (a dropped request is found again by the"
                            + " next scan)", NotifyCodes.QUEUE_FULL);
                });
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("warden-notify-scan"));
    }

    void start(Duration scanInterval) {
        long every = Math.max(10, scanInterval.toMillis());
        relayGrace = Duration.ofMillis(every);
        ticker.scheduleWithFixedDelay(() -> handOff(this::tick), every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} on the notifier thread; never blocks the caller. */
    void handOff(Runnable work) {
        worker.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "notification work failed");
            }
        });
    }

    void requested(PendingApproval a) {
        handOff(() -> {
            coverCallee(a);
            if (relayed.containsKey(a.approvalId()) || mayBeRelayed.test(a)) {
                return; // covered by its relay, or the scan decides once a relay had time to come
            }
            add(a, ApprovalNotice.Event.REQUESTED, 0, List.copyOf(a.approverRoles()), null);
        });
    }

    void resolved(PendingApproval a, ApprovalOutcome o) {
        ApprovalNotice.Event event = o.status() == ApprovalOutcome.Status.EXPIRED ? ApprovalNotice.Event.EXPIRED
                : ApprovalNotice.Event.DECIDED;
        handOff(() -> {
            if (relayed.remove(a.approvalId()) != null && !asked(a)) {
                return; // the relay entry's own resolution is notified
            }
            // a question whose notice went out before its relay came is told its outcome too (twice rather than never)
            add(a, event, 0, List.copyOf(a.approverRoles()), o);
        });
    }

    /** Whether the REQUESTED notice of {@code a} was sent (by this replica or, through the outbox, another). */
    private boolean asked(PendingApproval a) {
        String id = ApprovalNotice.idOf(a.approvalId(), ApprovalNotice.Event.REQUESTED, 0);
        return known.getOrDefault(a.approvalId(), Set.of()).contains(id) || outbox.knows(id);
    }

    /** A relay entry covers its callee's confirmation: that question is asked (and settled) through the relay. */
    private void coverCallee(PendingApproval a) {
        if (a.relay() != null && a.relay().calleeConfirmationId() != null) {
            relayed.put(a.relay().calleeConfirmationId(), a.expiresAt());
        }
    }

    /** Adds the event's deliveries (once across replicas) and sends them. */
    void add(PendingApproval a, ApprovalNotice.Event event, int level, List<String> roles, ApprovalOutcome o) {
        ApprovalNotice n = notices.notice(a, event, level, roles, clock.instant(), o);
        List<Delivery> added;
        try {
            added = outbox.add(routes.of(n));
        } catch (RuntimeException e) {
            LOG.warnf("%s notice %s not queued: %s", NotifyCodes.OUTBOX_FAILED, n.id(), e.getMessage());
            return;
        }
        remember(a.approvalId(), n.id());
        if (event == ApprovalNotice.Event.ESCALATED && !added.isEmpty()) {
            audit.escalated(n);
        }
        dispatch();
    }

    void tick() {
        scan();
        dispatch();
    }

    /** Notices due from the store's pending approvals: requests not notified yet, expiry warnings, escalations. */
    void scan() {
        List<PendingApproval> waiting = pending.get();
        Set<String> stillPending = new java.util.HashSet<>();
        java.time.Instant now = clock.instant();
        waiting.forEach(this::coverCallee);
        relayed.values().removeIf(expires -> expires.plus(Duration.ofHours(1)).isBefore(now));
        for (PendingApproval p : waiting) {
            stillPending.add(p.approvalId());
            if (relayed.containsKey(p.approvalId()) || awaitingRelay(p, now)) {
                continue;
            }
            ensure(p, ApprovalNotice.Event.REQUESTED, 0, List.copyOf(p.approverRoles()));
            for (DueEvents.Due d : due.at(p, clock.instant())) {
                ensure(p, d.event(), d.level(), d.roles());
            }
        }
        known.keySet().retainAll(stillPending);
    }

    /** A fresh confirmation of a delegated run, not notified yet: its relay may still be on its way. */
    private boolean awaitingRelay(PendingApproval p, java.time.Instant now) {
        return p.isConfirmation() && p.relay() == null && now.isBefore(p.requestedAt().plus(relayGrace))
                && !known.getOrDefault(p.approvalId(), Set.of()).contains(ApprovalNotice.idOf(p.approvalId(),
                        ApprovalNotice.Event.REQUESTED, 0))
                && mayBeRelayed.test(p);
    }

    private void ensure(PendingApproval p, ApprovalNotice.Event event, int level, List<String> roles) {
        String id = ApprovalNotice.idOf(p.approvalId(), event, level);
        if (known.getOrDefault(p.approvalId(), Set.of()).contains(id)) {
            return;
        }
        if (outbox.knows(id)) {
            remember(p.approvalId(), id);
            return;
        }
        add(p, event, level, roles, null);
    }

    /** Claims what is due and sends it; settles each delivery when it is sent or given up. */
    void dispatch() {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            return;
        }
        List<Delivery> claimed;
        try {
            claimed = outbox.claim(room, lease);
        } catch (RuntimeException e) {
            LOG.warnf("%s claiming notifications failed: %s", NotifyCodes.OUTBOX_FAILED, e.getMessage());
            return;
        }
        for (Delivery d : claimed) {
            inFlight.incrementAndGet();
            deliveries.deliver(d).emitOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(
                    ok -> settle(d, null), e -> settle(d, e));
        }
    }

    private void settle(Delivery d, Throwable failure) {
        inFlight.decrementAndGet();
        try {
            if (failure == null) {
                outbox.sent(d.id());
                audit.delivered(d);
                return;
            }
            String code = failure instanceof DeliveryException de && !de.retryable() ? NotifyCodes.WEBHOOK_REJECTED
                    : NotifyCodes.DELIVERY_FAILED;
            outbox.failed(d.id(), String.valueOf(failure.getMessage()));
            audit.failed(d, code, String.valueOf(failure.getMessage()));
            LOG.warnf("%s %s notice %s to %s not delivered: %s", code, d.notice().event().key(), d.id(), d.channel(),
                    failure.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("%s settling notification %s failed (its lease will run out and it is sent again): %s",
                    NotifyCodes.OUTBOX_FAILED, d.id(), e.getMessage());
        }
    }

    private void remember(String approvalId, String noticeId) {
        known.computeIfAbsent(approvalId, k -> ConcurrentHashMap.newKeySet()).add(noticeId);
    }

    long dropped() {
        return dropped.get();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        worker.shutdown();
    }
}
