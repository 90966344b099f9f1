package dev.warden.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.PlaneDecision;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.RuleVocabulary;
import dev.warden.spi.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The plane contract ({@code docs/plugins.md}) as a test suite. A plugin author extends it in a test, supplies the
 * plane and a representative request, and runs it with the rest of the tests:
 *
 * <pre>{@code
 * class PerUserRatePlaneTckTest extends PlaneTck {
 *     protected PolicyPlane newPlane() { return new PerUserRatePlane(5, Duration.ofHours(1), clock); }
 *     protected PolicyPlane failingPlane() { return new PerUserRatePlane(new ThrowingStore(), clock); }
 *     protected CheckpointRequest request() { return CheckpointRequest.toolCall(1, SEND_MONEY, "c", Map.of()); }
 *     protected GovernanceContext context() { return GovernanceContext.of(Principal.of("alice"), AGENT); }
 *     protected OptionalInt limit() { return OptionalInt.of(5); }
 * }
 * }</pre>
 *
 * <p>What it checks: identity and subscription are well formed; a failing dependency and an overrun time budget
 * block the action (fail closed); verdicts are deterministic for a fixed input; consultations whose action was
 * aborted (denied by another plane, failed, refused at approval) leave no trace in the plane's state; many threads
 * lose no update; hooks for consultations the plane no longer knows change nothing; and the allocation per
 * evaluation is measured, reported and held to a budget.
 */
public abstract class PlaneTck {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private final AtomicInteger callIds = new AtomicInteger();

    /** A new instance of the plane under test with fresh state (each test starts from zero). */
    protected abstract PolicyPlane newPlane();

    /**
     * The plane as built when what it depends on fails: its store or client throws, its policy errors. It must block
     * the request (a failure or a deny), never allow it.
     */
    protected abstract PolicyPlane failingPlane();

    /** A representative request the plane lets proceed on a fresh instance (the TCK varies its call id). */
    protected abstract CheckpointRequest request();

    /** The context of {@link #request()}. */
    protected abstract GovernanceContext context();

    /**
     * For a stateful plane (rate, quota, budget): how many times {@link #request()} proceeds on a fresh plane in
     * {@link #context()} before it is refused. Empty (the default) when the decision does not depend on history.
     */
    protected OptionalInt limit() {
        return OptionalInt.empty();
    }

    /**
     * The plane as built when it does not answer within its time budget (an external service that hangs). By default
     * the TCK delays the plane's own answer past {@link PolicyPlane#timeBudget()}; a plane with its own I/O should
     * supply a real slow dependency instead.
     */
    protected PolicyPlane slowPlane() {
        return SlowPlanes.delayed(newPlane());
    }

    /** Bytes one evaluation may allocate on average; the measured value is always reported. */
    protected long allocationBudgetBytes() {
        return 256 * 1024;
    }

    /** {@link #request()} with a call id of its own, as each real consultation has. */
    protected final CheckpointRequest nextRequest() {
        CheckpointRequest r = request();
        return new CheckpointRequest(r.checkpoint(), r.step(), r.tool(), "tck-" + callIds.incrementAndGet(),
                r.arguments(), r.content(), r.contentLabels(), r.target(), r.attributes());
    }

    /** A Governor over {@code planes}, each with a generous time budget (timing is the time-out test's subject). */
    private static Governor governor(PolicyPlane... planes) {
        Governor.Builder b = Governor.builder();
        for (PolicyPlane p : planes) {
            b.plane(SlowPlanes.unhurried(p));
        }
        return b.build();
    }

    /** Consults through {@code g} and commits the action when it proceeds, as the runtime does after it ran. */
    private Verdict consultAndRun(Governor g) {
        CheckpointRequest r = nextRequest();
        Verdict v = g.check(r, context());
        if (v.proceeds() && r.checkpoint() == Checkpoint.TOOL_CALL) {
            g.committed(r, context(), v);
        }
        return v;
    }

    @Test
    void identity_and_subscription_are_well_formed() {
        PolicyPlane p = newPlane();
        assertThat(p.name()).as("name").matches(NAME);
        assertThat(p.version()).as("version").isNotBlank();
        assertThat(p.checkpoints()).as("checkpoints").isNotEmpty().contains(request().checkpoint());
        Duration budget = p.timeBudget();
        assertThat(budget).as("time budget").isNotNull().isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        RuleVocabulary v = p.vocabulary();
        if (v != null) {
            assertThat(v.plane()).as("vocabulary plane").isEqualTo(p.name());
        }
    }

    @Test
    void representative_request_proceeds_on_a_fresh_plane() {
        Decision d = decide(newPlane(), nextRequest());
        assertThat(d).as("request() must be one the plane lets proceed")
                .isInstanceOfAny(Decision.Allow.class, Decision.Transform.class);
    }

    @Test
    void fails_closed_when_a_dependency_fails() {
        PolicyPlane broken = failingPlane();
        Verdict v = governor(broken).check(nextRequest(), context());
        assertThat(v.proceeds()).as("a plane whose dependency fails must block: %s", v).isFalse();
        assertThat(v.outcome()).isIn(Outcome.ERROR, Outcome.DENY);
        assertThat(v.decisions()).extracting(PlaneDecision::plane).contains(broken.name());
    }

    @Test
    void fails_closed_when_it_overruns_its_time_budget() {
        Verdict v = Governor.builder().plane(slowPlane()).build().check(nextRequest(), context());
        assertThat(v.proceeds()).as("a plane that does not answer in time must block").isFalse();
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(WardenCodes.PLANE_TIMEOUT);
    }

    @Test
    void verdicts_are_deterministic_for_a_fixed_input() {
        CheckpointRequest r = nextRequest();
        Decision first = decide(newPlane(), r);
        assertSame(first, decide(newPlane(), r));
        if (limit().isEmpty()) {
            PolicyPlane p = newPlane();
            for (int i = 0; i < 50; i++) {
                assertSame(first, decide(p, r));
            }
        }
    }

    /** The plane's own decision, without the Governor's time budget (timing is not what this compares). */
    private Decision decide(PolicyPlane p, CheckpointRequest r) {
        return p instanceof dev.warden.spi.AsyncPolicyPlane a
                ? a.evaluateAsync(r, context()).await().atMost(Duration.ofSeconds(30))
                : p.evaluate(r, context());
    }

    private static void assertSame(Decision expected, Decision actual) {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(actual.basis().ruleIds()).isEqualTo(expected.basis().ruleIds());
        assertThat(actual.basis().plane()).isEqualTo(expected.basis().plane());
        if (expected instanceof Decision.Deny d) {
            assertThat(((Decision.Deny) actual).code()).isEqualTo(d.code());
        }
    }

    @Test
    void actions_aborted_leave_no_trace() {
        PolicyPlane p = newPlane();
        int rounds = limit().orElse(10) + 3;
        Governor vetoed = governor(p, SlowPlanes.veto(request().checkpoint()));
        for (int i = 0; i < rounds; i++) {
            assertThat(vetoed.check(nextRequest(), context()).proceeds()).isFalse();
        }
        Governor alone = governor(p);
        for (Settlement.Abort why : List.of(Settlement.Abort.ACTION_FAILED, Settlement.Abort.REFUSED,
                Settlement.Abort.TIMED_OUT)) {
            for (int i = 0; i < rounds; i++) {
                CheckpointRequest r = nextRequest();
                Verdict v = alone.check(r, context());
                if (v.proceeds() || v.outcome() == Outcome.REQUIRE_APPROVAL
                        || v.outcome() == Outcome.REQUIRE_CONFIRMATION) {
                    alone.aborted(r, context(), v, why, "aborted by the TCK");
                }
            }
        }
        assertProceedsLikeAFreshPlane(alone);
    }

    @Test
    void hooks_for_unknown_consultations_change_nothing() {
        PolicyPlane p = newPlane();
        Governor g = governor(p);
        int used = limit().isPresent() ? limit().getAsInt() : 3;
        for (int i = 0; i < used; i++) {
            assertThat(consultAndRun(g).proceeds()).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            CheckpointRequest stranger = nextRequest();
            // a consultation never evaluated (or forgotten by a restart): decision unknown
            p.aborted(new Settlement(stranger, context(), null, Outcome.DENY, Settlement.Abort.REFUSED, "restart",
                    java.time.Instant.now()));
            p.committed(new Settlement(stranger, context(), null, Outcome.ALLOW, null, null, java.time.Instant.now()));
        }
        if (limit().isPresent()) {
            assertThat(consultAndRun(g).proceeds()).as("capacity must not come back from unknown hooks").isFalse();
        } else {
            assertThat(consultAndRun(g).proceeds()).isTrue();
        }
    }

    @Test
    void concurrent_consultations_lose_no_update() throws Exception {
        PolicyPlane p = newPlane();
        Governor g = governor(p);
        int threads = 8;
        int perThread = limit().isPresent() ? Math.max(4, limit().getAsInt()) : 50;
        AtomicInteger proceeded = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        Verdict v = consultAndRun(g);
                        (v.proceeds() ? proceeded : other).incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (limit().isPresent()) {
            assertThat(proceeded.get()).as("exactly the limit proceeds under contention").isEqualTo(limit().getAsInt());
        } else {
            assertThat(other.get()).as("a history-free plane decides alike on every thread").isZero();
        }
    }

    @Test
    void allocation_per_evaluation_is_reported_and_within_budget(TestReporter reporter) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        if (!mx.isThreadAllocatedMemorySupported()) {
            return;
        }
        PolicyPlane p = newPlane();
        Governor g = governor(p);
        CheckpointRequest r = nextRequest();
        for (int i = 0; i < 2_000; i++) {
            g.check(r, context()); // warm-up
        }
        int n = 5_000;
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        AtomicLong sink = new AtomicLong();
        for (int i = 0; i < n; i++) {
            sink.addAndGet(g.check(r, context()).decisions().size());
        }
        long perCall = (mx.getThreadAllocatedBytes(tid) - before) / n;
        reporter.publishEntry("warden.tck.allocation." + p.name(), perCall + " bytes per checkpoint");
        System.out.println("[warden-tck] plane " + p.name() + ": " + perCall
                + " bytes allocated per checkpoint (plane and Governor, no audit sink)");
        assertThat(perCall).as("bytes allocated per checkpoint").isLessThanOrEqualTo(allocationBudgetBytes());
        assertThat(sink.get()).isPositive();
    }

    private void assertProceedsLikeAFreshPlane(Governor g) {
        if (limit().isPresent()) {
            int n = limit().getAsInt();
            for (int i = 0; i < n; i++) {
                assertThat(consultAndRun(g).proceeds()).as("consultation %d of the limit %d after aborted ones", i + 1,
                        n).isTrue();
            }
            assertThat(consultAndRun(g).proceeds()).as("the limit still holds").isFalse();
        } else {
            assertThat(consultAndRun(g).proceeds()).isTrue();
        }
    }
}
