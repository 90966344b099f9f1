package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestClock;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delegated callee's confirmation relayed through its caller's run is one question: where callee and caller share a
 * notifier, it is notified once, through the relay entry the requester answers (decision 0049).
 */
class RelayedQuestionNoticesTest {
    final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");
    final List<PendingApproval> pending = new CopyOnWriteArrayList<>();
    final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox(100, clock);
    NotificationEngine engine;

    @AfterEach
    void stop() {
        engine.close();
    }

    /** The callee's own confirmation ({@code cf-callee}, asked in a delegated run) and its caller's relay entry. */
    static PendingApproval calleeConfirmation(Instant at) {
        return new PendingApproval("cf-callee", "run-writer", "writer", "default", "alice", "publish", "call-7",
                Map.of("url", "https://blog.example/post"), "publishing needs your confirmation", Set.of(), List.of(
                        "confirm-publish"), "PUBLIC/TRUSTED", at, at.plusSeconds(600),
                PendingApproval.Kind.CONFIRMATION, null, null, null);
    }

    static PendingApproval relay(PendingApproval callee) {
        return new PendingApproval("cf-relay", "run-supervisor", "supervisor", "default", "alice", "publish",
                "call-1", callee.arguments(), callee.reason() + " (asked by agent 'writer')", Set.of(),
                callee.ruleIds(), callee.contextLabels(), callee.requestedAt(), callee.expiresAt(),
                PendingApproval.Kind.CONFIRMATION, callee.argumentsDigest(), null, null, null,
                new PendingApproval.Relay("writer", callee.approvalId(), "delegate", Map.of("agent", "writer")));
    }

    void start() {
        Deliveries deliveries = new Deliveries(Map.of(Delivery.WEBHOOK_PREFIX + "ops",
                d -> Uni.createFrom().voidItem()), 0, Duration.ofMillis(10), Duration.ofMillis(10), 0);
        engine = new NotificationEngine(outbox, Notices.factory(false, List.of()),
                new Routes(Map.of("ops", Set.of()), null, Map.of(), List.of()), deliveries,
                new DueEvents(null, null, List.of()), () -> List.copyOf(pending),
                new NotificationAudit(new InMemoryAuditSink(), clock), clock, 100, Duration.ofSeconds(10),
                p -> p.approvalId().equals("cf-callee"));
    }

    /** Waits until the notifier thread has done everything handed to it so far (it runs work in order). */
    void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        engine.handOff(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    void scan() throws InterruptedException {
        engine.handOff(engine::tick);
        drain();
    }

    boolean notified(String approvalId, ApprovalNotice.Event event) {
        return outbox.knows(ApprovalNotice.idOf(approvalId, event, 0));
    }

    @Test
    void a_relayed_question_is_notified_once_through_the_relay_entry() throws Exception {
        start();
        PendingApproval callee = calleeConfirmation(clock.instant());
        PendingApproval relay = relay(callee);

        pending.add(callee);
        engine.requested(callee); // the callee suspends first ...
        scan(); // ... a scan may run before the caller's run relays it
        pending.add(relay);
        engine.requested(relay);
        drain();
        clock.advance(Duration.ofMinutes(2));
        scan();

        assertThat(notified("cf-relay", ApprovalNotice.Event.REQUESTED)).isTrue();
        assertThat(notified("cf-callee", ApprovalNotice.Event.REQUESTED)).as("the callee's entry is covered").isFalse();

        // the requester confirms through the relay: the callee's confirmation is answered too; one decision notice
        pending.clear();
        ApprovalOutcome confirmed = new ApprovalOutcome(ApprovalOutcome.Status.CONFIRMED, "alice", null,
                clock.instant(), null);
        engine.resolved(relay, confirmed);
        engine.resolved(callee, confirmed);
        drain();

        assertThat(notified("cf-relay", ApprovalNotice.Event.DECIDED)).isTrue();
        assertThat(notified("cf-callee", ApprovalNotice.Event.DECIDED)).isFalse();
    }

    @Test
    void a_delegated_runs_confirmation_that_nobody_relays_is_notified_after_one_scan_interval() throws Exception {
        start();
        PendingApproval callee = calleeConfirmation(clock.instant());
        pending.add(callee);
        engine.requested(callee);
        scan();
        assertThat(notified("cf-callee", ApprovalNotice.Event.REQUESTED)).as("its relay may still come").isFalse();

        clock.advance(Duration.ofSeconds(6));
        scan();

        assertThat(notified("cf-callee", ApprovalNotice.Event.REQUESTED)).isTrue();
    }

    @Test
    void a_question_notified_before_its_late_relay_still_gets_its_outcome_notified() throws Exception {
        start();
        PendingApproval callee = calleeConfirmation(clock.instant());
        pending.add(callee);
        engine.requested(callee);
        clock.advance(Duration.ofSeconds(6));
        scan();
        assertThat(notified("cf-callee", ApprovalNotice.Event.REQUESTED)).as("no relay came in time").isTrue();

        // a slow remote delegation relays it afterwards; the recipient already holds the callee's question
        PendingApproval relay = relay(callee);
        pending.add(relay);
        engine.requested(relay);
        drain();
        pending.clear();
        ApprovalOutcome confirmed = new ApprovalOutcome(ApprovalOutcome.Status.CONFIRMED, "alice", null,
                clock.instant(), null);
        engine.resolved(relay, confirmed);
        engine.resolved(callee, confirmed);
        drain();

        assertThat(notified("cf-callee", ApprovalNotice.Event.DECIDED))
                .as("the question that was sent is told its outcome").isTrue();
    }
}
