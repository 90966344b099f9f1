package dev.warden.core;

import dev.warden.core.internal.DeadlineTimers;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Time limits on asynchronous work whose timers are <em>released as soon as the work ends</em> — the way every
 * time limit outside the core (delegations, orchestrations, delegated runs received over HTTP, planes that ask a
 * remote service) should bound a {@link Uni} (decision 0077).
 *
 * <p>Why not a plain {@code uni.ifNoItem().after(limit).fail()}: without {@code .on(...)} Mutiny schedules the timer
 * on its default worker pool, which in Quarkus is the {@code EnhancedQueueExecutor}; a cancelled timer stays queued
 * there — with what its task reaches (the subscriber chain of the bounded work) — until it would have fired
 * (decision 0071). Most bounded work ends long before its limit, so each call left its timer on the heap for the rest
 * of the limit, growing with the request rate. The timers here live on one daemon thread of a
 * {@code ScheduledThreadPoolExecutor} with {@code removeOnCancelPolicy}: when the work emits an item or a failure, or
 * the subscriber cancels, the timer leaves the queue at once.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>If {@code work} emits neither an item nor a failure within {@code limit}, its subscription is cancelled (what
 *       it started is asked to stop) and the returned {@code Uni} fails — with Mutiny's {@link TimeoutException}, or
 *       with what {@code failure} supplies. A caller that governs an action must treat that failure as a refusal
 *       (fail closed).</li>
 *   <li>The failure is delivered on Mutiny's default worker pool, never on the timer thread, so what follows a timeout
 *       cannot hold up the other timers; should that pool refuse the hand-off (shut down, saturated), the failure is
 *       delivered on the timer thread rather than not at all: a limit always takes effect.</li>
 *   <li>The limit counts from subscription, not from this call; resubscribing starts a new timer. The subscriber is
 *       always subscribed before it hears of the timeout, however short the limit.</li>
 * </ul>
 * Thread-safe; every method is static and may be called from any thread, the Vert.x event loop included (scheduling
 * does not block).
 *
 * <pre>{@code
 * Uni<Decision> answer = Deadlines.within(askPdp(request), Duration.ofSeconds(2))
 *         .onFailure().recoverWithItem(e -> Decision.failure("no answer from the PDP", code, basis));
 * }</pre>
 */
public final class Deadlines {
    private Deadlines() {}

    /**
     * {@code work}, failing with Mutiny's {@link TimeoutException} when it has emitted nothing within {@code limit}.
     *
     * @param limit positive
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public static <T> Uni<T> within(Uni<T> work, Duration limit) {
        return within(work, limit, TimeoutException::new);
    }

    /**
     * {@code work}, failing with {@code failure.get()} when it has emitted nothing within {@code limit}.
     *
     * @param limit positive
     * @param failure called once per timeout, on the thread that delivers it
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public static <T> Uni<T> within(Uni<T> work, Duration limit, Supplier<? extends Throwable> failure) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(failure, "failure");
        if (limit == null || limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("a time limit must be positive, got " + limit);
        }
        Uni<T> bounded = work.ifNoItem().after(limit).on(DeadlineTimers.scheduler()).failWith(failure);
        // Mutiny schedules the timer before it passes the subscription downstream: a limit that passes in between (a
        // limit of a millisecond, a thread descheduled under load) fails the subscriber before it is subscribed, and
        // the flat-mapping operators after it (transformToUni, onItemOrFailure().transformToUni) then take their inner
        // Uni's item for the upstream's (a ClassCastException, or the mapper applied twice). An emitter has passed its
        // subscription on before it subscribes to the bounded work, so the order holds whatever the timing.
        return Uni.createFrom().emitter(em -> {
            Cancellable subscription = bounded.subscribe().with(em::complete, em::fail);
            em.onTermination(subscription::cancel);
        });
    }

    /**
     * How many time limits are running: scheduled, neither fired nor released. For tests and diagnostics — after
     * bounded work has ended, its limit is no longer counted.
     */
    public static int pending() {
        return DeadlineTimers.pending();
    }
}
