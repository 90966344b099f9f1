package dev.warden.delegation;

import dev.warden.core.GovernanceContext;
import dev.warden.core.agent.GovernedAgent;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.Objects;

/** A callee in this process: a {@link GovernedAgent} run with the delegated context under its own governor. */
public final class LocalAgentEndpoint implements AgentEndpoint {
    private final GovernedAgent agent;

    public LocalAgentEndpoint(GovernedAgent agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    @Override
    public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
        // Subscribe inside the caller's trace context so the callee's invoke_agent span is its child; cancelling the
        // returned Uni (time-out, orchestration cancelled) cancels the callee's run.
        return Uni.createFrom().emitter(em -> {
            Cancellable run;
            try (Scope ignored = otel.makeCurrent()) {
                run = agent.run(task, calleeContext).map(DelegatedRun::of).subscribe().with(em::complete, em::fail);
            }
            em.onTermination(run::cancel);
        });
    }

    public GovernedAgent agent() {
        return agent;
    }
}
