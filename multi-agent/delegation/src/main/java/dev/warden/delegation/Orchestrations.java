package dev.warden.delegation;

import dev.warden.core.Deadlines;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Orchestration patterns on Mutiny, governed at every hop: each step is a {@link Delegator#delegate} from the
 * coordinator (its own agent id, trust edges and {@link Governor}), so {@code DELEGATION} and
 * {@code DELEGATION_RESULT} are checked and audited per step, and every callee runs under its own governor.
 *
 * <ul>
 *   <li>{@link #sequence}: each agent's output is the next agent's task, the input travels with every step as the
 *       person's root request (unless the coordinator's context already carries one); the coordinator's context labels join each
 *       result's labels, so later callees start at everything earlier ones returned; stops at the first step that
 *       does not complete.</li>
 *   <li>{@link #parallel}: fan-out to several agents at once (bounded by {@link DelegationLimits#maxFanOut()}), join
 *       when all have answered; the result's labels are the join of all delivered results.</li>
 *   <li>Supervisor: a {@link dev.warden.core.agent.GovernedAgent} whose model picks the next agent by calling the
 *       {@link DelegateTool}; see that class.</li>
 * </ul>
 * Each pattern takes an overall deadline; when it passes, the in-flight delegations are cancelled (cancellation
 * reaches local callee runs) and the returned {@link Uni} fails with Mutiny's {@code TimeoutException}. Cancelling the
 * subscription cancels in-flight delegations the same way. Thread-safe.
 *
 * <pre>{@code
 * Orchestrations o = new Orchestrations(delegator, coordinatorGovernor);
 * OrchestrationResult r = o.sequence(ctx, List.of("researcher", "writer"), "memo about X", Duration.ofMinutes(2))
 *         .await().indefinitely();
 * }</pre>
 */
public final class Orchestrations {
    private final Delegator delegator;
    private final Governor governor;

    public Orchestrations(Delegator delegator, Governor coordinatorGovernor) {
        this.delegator = Objects.requireNonNull(delegator, "delegator");
        this.governor = Objects.requireNonNull(coordinatorGovernor, "coordinatorGovernor");
    }

    /**
     * The outcome of an orchestration.
     *
     * @param steps every delegation's outcome in step order (parallel: in the order given)
     * @param context the coordinator's context after joining every delivered result's labels
     * @param completed whether every step completed
     * @param output the last step's output (sequence) or the outputs joined by blank lines (parallel)
     */
    public record OrchestrationResult(List<DelegationOutcome> steps, GovernanceContext context, boolean completed,
            String output) {
        public OrchestrationResult {
            steps = List.copyOf(steps);
        }
    }

    public Uni<OrchestrationResult> sequence(GovernanceContext coordinator, List<String> agents, String input,
            Duration deadline) {
        Context otel = Context.current();
        GovernanceContext start = withRunId(coordinator);
        if (start.chain().isEmpty() && start.task().request() == null && input != null) {
            // the sequence's input is the person's request: it travels with every step (decision 0073)
            start = start.withTask(start.task().withRequest(dev.warden.core.RootRequest.of(start.user(), input)));
        }
        Uni<OrchestrationResult> chain = Uni.createFrom().item(new OrchestrationResult(List.of(), start, true, input));
        for (String agent : agents) {
            chain = chain.chain(acc -> {
                if (!acc.completed()) {
                    return Uni.createFrom().item(acc);
                }
                return delegator.delegate(governor, acc.context(), DelegationRequest.of(agent, acc.output()), otel)
                        .map(out -> {
                            List<DelegationOutcome> steps = new ArrayList<>(acc.steps());
                            steps.add(out);
                            return new OrchestrationResult(steps, acc.context().withLabelsJoined(out.labels()),
                                    out.delivered() && out.completed(), out.output());
                        });
            });
        }
        return Deadlines.within(chain, deadline);
    }

    /** @param tasks agent id → task, delegated concurrently */
    public Uni<OrchestrationResult> parallel(GovernanceContext coordinator, Map<String, String> tasks,
            Duration deadline) {
        Context otel = Context.current();
        GovernanceContext start = withRunId(coordinator);
        Map<String, String> ordered = new LinkedHashMap<>(tasks);
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(new OrchestrationResult(List.of(), start, true, ""));
        }
        List<Uni<DelegationOutcome>> calls = new ArrayList<>();
        ordered.forEach((agent, task) -> calls.add(
                delegator.delegate(governor, start, DelegationRequest.of(agent, task), otel)));
        return Deadlines.within(Uni.join().all(calls).andFailFast().map(outs -> {
            GovernanceContext ctx = start;
            boolean completed = true;
            StringBuilder text = new StringBuilder();
            for (DelegationOutcome o : outs) {
                ctx = ctx.withLabelsJoined(o.labels());
                completed &= o.delivered() && o.completed();
                text.append(text.length() == 0 ? "" : "\n\n").append(o.output());
            }
            return new OrchestrationResult(outs, ctx, completed, text.toString());
        }), deadline);
    }

    /** Fan-out is counted per coordinator run, so an orchestration without a run id gets its own. */
    private static GovernanceContext withRunId(GovernanceContext ctx) {
        return ctx.runId() != null ? ctx : ctx.withTask(ctx.task().withRunId("orchestration-" + UUID.randomUUID()));
    }
}
