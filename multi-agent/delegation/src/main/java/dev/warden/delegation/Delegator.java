package dev.warden.delegation;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.FlowLabels;
import dev.warden.core.Labels;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Deadlines;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Outcome;
import dev.warden.core.RunDeadline;
import dev.warden.core.TaskContext;
import dev.warden.core.Usage;
import dev.warden.core.Verdict;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Governed delegation: the one path from a caller agent to a callee agent.
 *
 * <h2>Order</h2>
 * <ol>
 *   <li>Runtime checks, each recorded at {@code DELEGATION} in the caller's audit trail when it refuses: the target is
 *       known ({@link DelegationCodes#UNKNOWN_AGENT}), not already in the chain nor the caller itself
 *       ({@link DelegationCodes#CYCLE}), the chain stays within {@link DelegationLimits#maxDepth()}
 *       ({@link DelegationCodes#DEPTH_EXCEEDED}), the caller's run stays within its fan-out
 *       ({@link DelegationCodes#FAN_OUT_EXCEEDED}), a trust edge caller → target is declared for the task's purpose
 *       ({@link DelegationCodes#UNTRUSTED_EDGE}), and the granted scopes are not empty
 *       ({@link DelegationCodes#NO_COMMON_SCOPE}).</li>
 *   <li>{@code DELEGATION} through the caller's {@link Governor} (target = callee id, content = the task, content
 *       labels = the caller's context labels, arguments {@code agent}, {@code task}, {@code scopes}): policy decides
 *       whether the edge is trusted for this task.</li>
 *   <li>The callee runs with the same principal, the chain plus {@code Hop(caller, granted)} where granted = held ∩
 *       edge scopes ∩ requested scopes (rights only narrow), and the labels of its task as its starting labels
 *       ({@link FlowLabels#of}: value-scoped where the caller's data-flow plane can tell, else the caller's whole
 *       context label; the caller's integrity always), and the caller's root request ({@link
 *       dev.warden.core.RootRequest}): only values in it count as the user's in the callee (decision 0073).</li>
 *   <li>The callee's output passes {@code DELEGATION_RESULT} in the caller's governor, labelled with what the
 *       output holds (the callee's {@link DelegatedRun#labels()}) joined with the caller's labels, its value-bound
 *       values as {@link CheckpointAttributes#VALUE_LABELS}; the outcome's {@link DelegationOutcome#labels()} must be
 *       joined into the caller's context (the delegate tool and the orchestrations do this).</li>
 * </ol>
 * A callee that does not answer within {@link DelegationLimits#timeout()} — or before the caller's own
 * {@link RunDeadline}, whichever comes first — is cancelled ({@link DelegationCodes#TIMEOUT}); the callee runs under
 * that same deadline (it travels in the OpenTelemetry context handed to the endpoint), so its model calls, tools and
 * further delegations are cut off with it; one that fails is {@link DelegationCodes#CALLEE_FAILED}; both are recorded at
 * {@code DELEGATION_RESULT} as errors.
 *
 * <h2>Threading</h2>
 * Thread-safe; one instance serves every caller of a service. {@link #delegate} never fails: refusals are values.
 */
public final class Delegator {
    private static final System.Logger LOG = System.getLogger(Delegator.class.getName());
    private final AgentDirectory directory;
    private final Map<String, AgentEndpoint> endpoints;
    private final DelegationLimits limits;
    private final FanOutCounter fanOut = new FanOutCounter(10_000);
    private final boolean sendRootRequest;

    public Delegator(AgentDirectory directory, Map<String, AgentEndpoint> endpoints, DelegationLimits limits) {
        this(directory, endpoints, limits, true);
    }

    /**
     * @param sendRootRequest whether the person's root request may go to remote peers at all (decision 0073,
     *     {@code warden.delegation.send-root-request}); when it may, it still goes only where its text passes the
     *     data-flow check for that peer
     */
    public Delegator(AgentDirectory directory, Map<String, AgentEndpoint> endpoints, DelegationLimits limits,
            boolean sendRootRequest) {
        this.sendRootRequest = sendRootRequest;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.endpoints = Map.copyOf(endpoints);
        this.limits = Objects.requireNonNull(limits, "limits");
        for (String id : this.endpoints.keySet()) {
            if (directory.find(id).isEmpty()) {
                throw new IllegalArgumentException("endpoint for agent '" + id + "' which is not in the directory");
            }
        }
    }

    public AgentDirectory directory() {
        return directory;
    }

    public DelegationLimits limits() {
        return limits;
    }

    /** The endpoint that reaches {@code agentId}, if this delegator can reach it. */
    public Optional<AgentEndpoint> endpoint(String agentId) {
        return Optional.ofNullable(agentId == null ? null : endpoints.get(agentId));
    }

    /** Delegates with the current OpenTelemetry context as parent. */
    public Uni<DelegationOutcome> delegate(Governor callerGovernor, GovernanceContext caller, DelegationRequest req) {
        return delegate(callerGovernor, caller, req, Context.current());
    }

    public Uni<DelegationOutcome> delegate(Governor callerGovernor, GovernanceContext caller, DelegationRequest req,
            Context otel) {
        return Uni.createFrom().deferred(() -> {
            String target = req.targetAgentId();
            Map<String, Object> args = new HashMap<>();
            args.put("agent", target);
            args.put("task", req.task());
            args.put("scopes", req.scopes().stream().sorted().toList());
            String purpose = req.purpose() != null ? req.purpose() : caller.task().purpose();
            CheckpointRequest cp = new CheckpointRequest(Checkpoint.DELEGATION, req.step(), null, null, args,
                    req.task(), caller.labels(), target, purpose == null ? Map.of() : Map.of("purpose", purpose));
            Refusal pre = precheck(caller, target, purpose);
            Optional<Set<String>> granted = Optional.empty();
            if (pre == null) {
                Optional<TrustEdge> edge = directory.edge(caller.agent().id(), target);
                granted = ScopeAttenuation.narrow(ScopeAttenuation.narrow(ScopeAttenuation.held(caller.chain()),
                        edge.map(TrustEdge::scopes).orElse(Set.of())), req.scopes());
                if (granted.isPresent() && granted.get().isEmpty()) {
                    pre = new Refusal(DelegationCodes.NO_COMMON_SCOPE, "the scopes requested " + req.scopes()
                            + " leave agent '" + target + "' no right the caller holds");
                }
            }
            if (pre != null) {
                Verdict v = callerGovernor.record(cp, caller, Verdict.synthetic(cp, Outcome.DENY, pre.reason,
                        pre.code), otel);
                return Uni.createFrom().item(DelegationOutcome.refused(v));
            }
            Set<String> hopScopes = granted.orElse(Set.of());
            dev.warden.core.RootRequest root = RootRequestRelease.of(caller);
            boolean remote = !"local".equals(endpoints.get(target).transport());
            boolean attach = root != null && RootRequestRelease.releases(callerGovernor, caller, root, target, remote,
                    sendRootRequest);
            if (root != null) {
                cp = cp.withAttributes(RootRequestRelease.audited(cp.attributes(), root,
                        attach ? "attached" : remote && !sendRootRequest ? "disabled" : "withheld"));
            }
            return callerGovernor.evaluate(cp, caller, otel).chain(v -> v.proceeds()
                    ? run(callerGovernor, caller, v, target, hopScopes, purpose, attach, otel)
                    : Uni.createFrom().item(DelegationOutcome.refused(v)));
        });
    }

    /**
     * Passes the requester's answer to a callee's confirmation that the caller's run relayed (decision 0039), then
     * takes the callee's new answer as this delegation's result: {@code DELEGATION_RESULT} in the caller's governor,
     * labelled as any delegated answer. The callee itself checks the answer (requester, digest, exactly once); an
     * endpoint that cannot reach the waiting callee is recorded as {@link dev.warden.core.Declassification#RELAY_FAILED}.
     *
     * @param step the caller's step of the relayed call
     */
    public Uni<DelegationOutcome> answer(Governor callerGovernor, GovernanceContext caller,
            dev.warden.core.agent.PendingApproval.Relay relay, dev.warden.core.agent.ConfirmationResolution answer,
            int step, Context otel) {
        return Uni.createFrom().deferred(() -> {
            String target = relay.calleeAgentId();
            Object task = relay.callerArguments().get("task");
            CheckpointRequest cp = new CheckpointRequest(Checkpoint.DELEGATION, step, null, null,
                    relay.callerArguments(), task == null ? "" : String.valueOf(task), caller.labels(), target,
                    Map.of());
            // carries the hand-over's step and target to DELEGATION_RESULT; the hand-over itself was decided before
            Verdict resumed = Verdict.synthetic(cp, Outcome.ALLOW, "the requester answered agent '" + target
                    + "' through this run", null);
            AgentEndpoint endpoint = endpoints.get(target);
            Uni<DelegatedRun> call = endpoint == null
                    ? Uni.createFrom().failure(new IllegalStateException("no endpoint for agent '" + target + "'"))
                    : endpoint.confirm(relay.calleeConfirmationId(), answer, otel);
            Duration wait = limits.timeout();
            return Deadlines.within(call, wait).onItemOrFailure().transformToUni((run, failure) -> {
                if (failure != null) {
                    CheckpointRequest rc = resultRequest(resumed, target, "", caller);
                    // the exception stays in this log: its class and text are no business of the calling model
                    LOG.log(System.Logger.Level.WARNING, "run " + caller.runId() + ": the answer to agent '" + target
                            + "' could not be passed on", failure);
                    Verdict v = callerGovernor.record(rc, caller, Verdict.synthetic(rc, Outcome.ERROR, "the answer "
                            + "could not be passed to agent '" + target + "' (see the server log)",
                            dev.warden.core.Declassification.RELAY_FAILED), otel);
                    return Uni.createFrom().item(new DelegationOutcome(false, false, "Delegation failed ["
                            + v.code() + "]: " + v.reason(), Labels.PUBLIC, v.code(), resumed, v, null));
                }
                return result(callerGovernor, caller, resumed, target, run, otel);
            });
        });
    }

    private Refusal precheck(GovernanceContext caller, String target, String purpose) {
        if (directory.find(target).isEmpty() || !endpoints.containsKey(target)) {
            return new Refusal(DelegationCodes.UNKNOWN_AGENT, "no agent '" + target + "' can be delegated to");
        }
        String callerId = caller.agent().id();
        if (target.equals(callerId) || caller.chain().stream().anyMatch(h -> h.agentId().equals(target))) {
            return new Refusal(DelegationCodes.CYCLE, "agent '" + target + "' is already in the delegation chain "
                    + chainOf(caller) + ": cycles are refused");
        }
        if (caller.chain().size() + 1 > limits.maxDepth()) {
            return new Refusal(DelegationCodes.DEPTH_EXCEEDED, "delegating to '" + target + "' would make a chain of "
                    + (caller.chain().size() + 1) + " hops; the limit is " + limits.maxDepth());
        }
        Optional<TrustEdge> edge = directory.edge(callerId, target);
        if (edge.isEmpty() || !edge.get().admits(purpose)) {
            return new Refusal(DelegationCodes.UNTRUSTED_EDGE, "no trust edge " + callerId + " -> " + target
                    + (edge.isPresent() ? " for purpose '" + purpose + "'" : "") + " is declared");
        }
        if (!fanOut.tryAcquire(caller.runId(), limits.maxFanOut())) {
            return new Refusal(DelegationCodes.FAN_OUT_EXCEEDED, "run " + caller.runId() + " already delegated "
                    + limits.maxFanOut() + " times, the limit");
        }
        return null;
    }

    private Uni<DelegationOutcome> run(Governor governor, GovernanceContext caller, Verdict delegation, String target,
            Set<String> scopes, String purpose, boolean attachRoot, Context otel) {
        String task = delegation.effectiveRequest().content() != null ? delegation.effectiveRequest().content()
                : String.valueOf(delegation.effectiveRequest().arguments().get("task"));
        // the callee starts at the labels of what it is sent, not at everything the caller saw (decision 0029)
        Labels taskLabels = FlowLabels.of(governor, caller, task, null).labels();
        GovernanceContext callee = calleeContext(caller, directory.find(target).orElseThrow().identity(), scopes,
                purpose, taskLabels);
        if (!attachRoot && callee.task().request() != null) {
            callee = callee.withTask(callee.task().withRequest(null));
        }
        // the subtree's deadline: the delegation's own limit, or the caller's run deadline if that comes first
        RunDeadline inherited = RunDeadline.in(otel).orElse(null);
        RunDeadline deadline = RunDeadline.earliest(RunDeadline.after(limits.timeout(), governor.clock()), inherited);
        boolean callerBound = deadline == inherited;
        Duration left = deadline.remaining(governor.clock());
        Duration wait = left.isZero() ? Duration.ofMillis(1) : left;
        return Deadlines.within(endpoints.get(target).invoke(task, callee, deadline.storeIn(otel)), wait)
                .onItemOrFailure().transformToUni((run, failure) -> {
                    if (failure != null) {
                        boolean timeout = timedOut(failure);
                        if (!timeout) {
                            // the exception stays in this log: its class and text are no business of the calling model
                            LOG.log(System.Logger.Level.WARNING, "run " + caller.runId() + ": delegation to agent '"
                                    + target + "' failed", failure);
                        }
                        CheckpointRequest cp = resultRequest(delegation, target, "", caller);
                        Verdict v = governor.record(cp, caller, Verdict.synthetic(cp, Outcome.ERROR, timeout
                                ? "agent '" + target + "' did not answer within " + wait.toMillis() + " ms"
                                        + (callerBound ? " (the caller's run deadline)" : "")
                                : "agent '" + target + "' failed (see the server log)",
                                timeout ? DelegationCodes.TIMEOUT : DelegationCodes.CALLEE_FAILED), otel);
                        return Uni.createFrom().item(new DelegationOutcome(false, false, "Delegation failed ["
                                + v.code() + "]: " + v.reason(), dev.warden.core.Labels.PUBLIC, v.code(), delegation,
                                v, null));
                    }
                    return result(governor, caller, delegation, target, run, otel);
                });
    }

    private Uni<DelegationOutcome> result(Governor governor, GovernanceContext caller, Verdict delegation,
            String target, DelegatedRun run, Context otel) {
        if (run.runId() == null && run.status() != dev.warden.core.agent.RunStatus.COMPLETED) {
            // refused before the callee ran (e.g. by a remote receiver): record the callee side's code here too
            CheckpointRequest cp = resultRequest(delegation, target, run.output(), caller);
            Verdict v = governor.record(cp, caller, Verdict.synthetic(cp, Outcome.DENY, "agent '" + target
                    + "' refused the delegation: " + run.output(), run.code() == null
                    ? DelegationCodes.CALLEE_FAILED : run.code()), otel);
            return Uni.createFrom().item(new DelegationOutcome(false, false, "Delegation refused [" + v.code() + "]: "
                    + v.reason(), dev.warden.core.Labels.PUBLIC, v.code(), delegation, v, run));
        }
        Labels arrived = caller.labels().join(run.labels());
        CheckpointRequest cp = resultRequest(delegation, target, run.output(), caller).withContentLabels(arrived);
        if (!run.values().isEmpty()) {
            Map<String, Object> attrs = new HashMap<>(cp.attributes());
            attrs.put(CheckpointAttributes.VALUE_LABELS, run.values());
            attrs.put(CheckpointAttributes.BASE_LABELS, caller.labels().join(run.base()));
            cp = cp.withAttributes(attrs);
        }
        CheckpointRequest asked = cp;
        return governor.evaluate(cp, caller, otel).map(v -> {
            boolean completed = run.status() == dev.warden.core.agent.RunStatus.COMPLETED;
            String code = completed ? null : run.code() == null ? DelegationCodes.CALLEE_FAILED : run.code();
            if (!v.proceeds()) {
                return new DelegationOutcome(false, completed, "Result of agent '" + target + "' withheld by policy ["
                        + v.code() + "]: " + v.reason(), dev.warden.core.Labels.PUBLIC, v.code(), delegation, v, run);
            }
            CheckpointRequest eff = v.effectiveRequest();
            // values stay apart only for the answer as the callee gave it and as labelled on arrival
            boolean asGiven = eff.contentLabels().equals(asked.contentLabels())
                    && java.util.Objects.equals(eff.content(), asked.content());
            return new DelegationOutcome(true, completed, eff.content(), eff.contentLabels(), code, delegation, v,
                    run, asGiven ? caller.labels().join(run.base()) : null, asGiven ? run.values() : List.of());
        });
    }

    private static CheckpointRequest resultRequest(Verdict delegation, String target, String content,
            GovernanceContext caller) {
        return new CheckpointRequest(Checkpoint.DELEGATION_RESULT, delegation.effectiveRequest().step(), null, null,
                null, content, caller.labels(), target, delegation.effectiveRequest().attributes());
    }

    /**
     * Same principal, chain + the caller's hop, the task's labels, a fresh run id, no usage yet, and the caller's root
     * request (decision 0073): the person's words travel with every hop; a caller without one passes none on.
     */
    static GovernanceContext calleeContext(GovernanceContext caller, dev.warden.core.AgentIdentity callee,
            Set<String> scopes, String purpose, Labels taskLabels) {
        dev.warden.core.RootRequest root = caller.task().request();
        TaskContext task = new TaskContext(null, caller.task().conversationId(), purpose,
                root != null && root.madeBy(caller.user()) ? root : null);
        return new GovernanceContext(caller.user(), callee, task, caller.chain(), taskLabels, Usage.ZERO)
                .withHop(new Hop(caller.agent().id(), scopes));
    }

    private static String chainOf(GovernanceContext ctx) {
        return ctx.chain().stream().map(Hop::agentId).toList() + " -> " + ctx.agent().id();
    }

    private record Refusal(String code, String reason) {}

    /** Whether a delegation failed by running out of time: its own wait, or a request cut at the deadline. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
