package dev.warden.delegation;

import dev.warden.core.GovernanceContext;
import dev.warden.core.agent.GovernedAgent;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A callee in this process: a {@link GovernedAgent} run with the delegated context under its own governor.
 *
 * <p>The callee runs <em>off the caller's thread</em> (on {@code executor}), so a delegation time-out returns to the
 * caller on time even while the callee is blocked in a model or tool call; cancelling the returned {@link Uni}
 * cancels the callee's run, which interrupts the call it has in flight.
 */
public final class LocalAgentEndpoint implements AgentEndpoint {
    private final GovernedAgent agent;
    private final Executor executor;

    public LocalAgentEndpoint(GovernedAgent agent) {
        this(agent, GovernedAgent.defaultBlockingExecutor());
    }

    /** @param executor where callee runs start (worker or virtual threads) */
    public LocalAgentEndpoint(GovernedAgent agent, Executor executor) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public String transport() {
        return "local";
    }

    @Override
    public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
        // Subscribe on another thread inside the caller's context (trace parent, run deadline), so the callee's
        // invoke_agent span is its child and its run inherits the deadline; cancelling the returned Uni (time-out,
        // orchestration cancelled) cancels the callee's run.
        return Uni.createFrom().emitter(em -> {
            // the caller receives what the answer holds, not everything the callee saw (decision 0029)
            Cancellable run = agent.run(task, calleeContext).map(r -> DelegatedRun.of(r, agent.outputFlow(r, task)))
                    .runSubscriptionOn(otel.wrap(executor))
                    .subscribe().with(em::complete, em::fail);
            em.onTermination(run::cancel);
        });
    }

    @Override
    public Uni<DelegatedRun> confirm(String confirmationId, dev.warden.core.agent.ConfirmationResolution answer,
            Context otel) {
        // the task the callee was given explains its own values, as when it first answered
        String task = agent.store().find(confirmationId).map(dev.warden.core.agent.SuspendedRun::userInput)
                .orElse(null);
        return Uni.createFrom().emitter(em -> {
            Cancellable run = agent.confirm(confirmationId, answer).map(r -> DelegatedRun.of(r,
                    agent.outputFlow(r, task)))
                    .runSubscriptionOn(otel.wrap(executor))
                    .subscribe().with(em::complete, em::fail);
            em.onTermination(run::cancel);
        });
    }

    public GovernedAgent agent() {
        return agent;
    }
}
