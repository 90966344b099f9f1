package dev.warden.core.agent;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** A streaming run's events as a {@link Multi} ({@link GovernedAgent#stream}). */
final class StreamedRuns {
    private StreamedRuns() {
    }

    /**
     * Starts the run on subscription, on the agent's bounded executor, through {@code start}; completes after the
     * terminal event; a cancelled subscription cancels the run's session (the run then ends cancelled, audited).
     */
    static Multi<RunEvent> events(Function<StreamSession, Uni<RunResult>> start, AgentSettings settings) {
        return Multi.createFrom().<RunEvent>emitter(em -> {
            AtomicBoolean over = new AtomicBoolean();
            StreamSession session = new StreamSession(e -> {
                if (!over.get()) {
                    em.emit(e);
                    if (e.terminal() && over.compareAndSet(false, true)) {
                        em.complete();
                    }
                }
            }, settings.holdBackChars());
            em.onTermination(() -> {
                if (over.compareAndSet(false, true)) {
                    session.cancel();
                }
            });
            start.apply(session)
                    .runSubscriptionOn(settings.boundedExecutor())
                    .subscribe().with(r -> { }, f -> {
                        if (over.compareAndSet(false, true)) {
                            em.fail(f);
                        }
                    });
        }, BackPressureStrategy.BUFFER);
    }
}
