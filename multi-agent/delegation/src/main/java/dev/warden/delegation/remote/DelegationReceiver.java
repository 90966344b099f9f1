package dev.warden.delegation.remote;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.RunDeadline;
import dev.warden.core.TaskContext;
import dev.warden.core.Verdict;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextClaims;
import dev.warden.delegation.token.ContextTokenException;
import dev.warden.delegation.token.ContextTokenVerifier;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The receiving side of {@code POST /v1/delegations}, framework-neutral: give it the body and a header lookup, get
 * back the HTTP status and JSON to send. The Quarkus starter exposes it as a REST endpoint.
 *
 * <h2>Order</h2>
 * <ol>
 *   <li>Body is {@code {"agentId","task"}} (400, {@link DelegationCodes#BAD_REQUEST}); the agent is served here
 *       (404, {@link DelegationCodes#UNKNOWN_AGENT}).</li>
 *   <li>The context token from {@code Authorization: Warden-Context <jws>} or {@code X-Warden-Context} is verified by
 *       {@link ContextTokenVerifier} with the agent as audience (401 for token faults, 403 for chain faults: cycle,
 *       depth, widened scopes, lowered labels).</li>
 *   <li>A trust edge last actor → agent must be declared in this service's directory (403,
 *       {@link DelegationCodes#UNTRUSTED_EDGE}), then {@code DELEGATION} passes this service's governor with the
 *       caller's context as the token states it (403 when refused).</li>
 *   <li>The agent runs with the token's principal, chain and labels, as a child of the caller's W3C
 *       {@code traceparent}; 200 with {@link DelegationWire.Reply}.</li>
 * </ol>
 * Every refusal is recorded at {@code DELEGATION} in this service's audit trail; when the token could not be
 * verified, the record's user is {@value #UNVERIFIED} (nothing unverified is attributed to a real user).
 * {@code baggage} and {@code tracestate} are never read. Thread-safe.
 */
public final class DelegationReceiver {
    /** Principal id recorded for refusals whose token could not be verified. */
    public static final String UNVERIFIED = "unverified-caller";

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    /** What to send back. */
    public record HttpReply(int status, String contentType, String body) {}

    private final Map<String, GovernedAgent> agents;
    private final AgentDirectory directory;
    private final Governor governor;
    private final ContextTokenVerifier verifier;
    private final Duration runTimeout;

    /**
     * @param agents agents served here by id
     * @param directory this service's inventory: must declare the trust edges from remote callers
     * @param governor this service's governor, for inbound {@code DELEGATION} decisions and audit
     */
    public DelegationReceiver(Map<String, GovernedAgent> agents, AgentDirectory directory, Governor governor,
            ContextTokenVerifier verifier, Duration runTimeout) {
        this.agents = Map.copyOf(agents);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.governor = Objects.requireNonNull(governor, "governor");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.runTimeout = Objects.requireNonNull(runTimeout, "runTimeout");
    }

    /**
     * Handles one request. Never fails: every problem is an {@link HttpReply} with a stable code.
     *
     * @param headers case-insensitive header lookup returning the first value or {@code null}
     */
    public Uni<HttpReply> handle(String body, Function<String, String> headers) {
        return Uni.createFrom().deferred(() -> {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
            DelegationWire.Call call;
            try {
                call = DelegationWire.JSON.readValue(body == null ? "" : body, DelegationWire.Call.class);
            } catch (Exception e) {
                call = null;
            }
            if (call == null || call.agentId() == null || call.task() == null || call.task().isBlank()) {
                return refuse(null, "?", parent, 400, DelegationCodes.BAD_REQUEST,
                        "body must be {\"agentId\": string, \"task\": non-empty string}");
            }
            GovernedAgent agent = agents.get(call.agentId());
            if (agent == null) {
                return refuse(null, call.agentId(), parent, 404, DelegationCodes.UNKNOWN_AGENT,
                        "no agent '" + call.agentId() + "' is served here");
            }
            ContextClaims claims;
            try {
                claims = verifier.verify(token(headers), call.agentId());
            } catch (ContextTokenException e) {
                return refuse(null, call.agentId(), parent, statusOf(e.code()), e.code(), e.getMessage());
            }
            Duration limit = runLimit(headers.apply(DelegationWire.DEADLINE_HEADER));
            return admit(claims, agent, call.task(), RunDeadline.after(limit, governor.clock()).storeIn(parent),
                    limit);
        });
    }

    /** This service's run limit, shortened (never extended) by the caller's remaining time when it sent one. */
    private Duration runLimit(String callerMillis) {
        if (callerMillis == null) {
            return runTimeout;
        }
        try {
            long ms = Long.parseLong(callerMillis.strip());
            return ms > 0 && ms < runTimeout.toMillis() ? Duration.ofMillis(ms) : runTimeout;
        } catch (NumberFormatException e) {
            return runTimeout;
        }
    }

    private Uni<HttpReply> admit(ContextClaims claims, GovernedAgent agent, String task, Context parent,
            Duration limit) {
        GovernanceContext callee = claims.toContext(agent.identity());
        List<Hop> chain = callee.chain();
        Hop last = chain.get(chain.size() - 1);
        GovernanceContext caller = new GovernanceContext(callee.user(), AgentIdentity.of(last.agentId()),
                new TaskContext(null, claims.conversationId(), claims.purpose()), chain.subList(0, chain.size() - 1),
                callee.labels(), null);
        String agentId = agent.identity().id();
        if (directory.edge(last.agentId(), agentId).filter(e -> e.admits(claims.purpose())).isEmpty()) {
            return refuse(caller, agentId, parent, 403, DelegationCodes.UNTRUSTED_EDGE, "no trust edge "
                    + last.agentId() + " -> " + agentId + " is declared by this service");
        }
        CheckpointRequest cp = inbound(agentId, task, callee);
        return governor.evaluate(cp, caller, parent).chain(v -> {
            if (!v.proceeds()) {
                return Uni.createFrom().item(reply(403, DelegationWire.Reply.refused(v.code(), v.reason())));
            }
            return Uni.createFrom().<DelegationWire.Reply>emitter(em -> {
                try (Scope ignored = parent.makeCurrent()) {
                    var sub = agent.run(task, callee).subscribe().with(r -> em.complete(new DelegationWire.Reply(
                            r.status().name(), r.runId(), r.output(), DelegationWire.WireLabels.of(
                                    r.context().labels()), r.code(), null, r.decisions())), em::fail);
                    em.onTermination(sub::cancel);
                }
            }).ifNoItem().after(limit).fail()
                    .map(r -> reply(200, r))
                    .onFailure().recoverWithItem(e -> reply(200, new DelegationWire.Reply("FAILED", null,
                            "The delegated run did not finish: " + e.getClass().getSimpleName(), null,
                            DelegationCodes.TIMEOUT, null, null)));
        });
    }

    private Uni<HttpReply> refuse(GovernanceContext caller, String agentId, Context parent, int status, String code,
            String reason) {
        GovernanceContext ctx = caller != null ? caller
                : GovernanceContext.of(new Principal(UNVERIFIED, null, null, null), AgentIdentity.of(UNVERIFIED));
        CheckpointRequest cp = inbound(agentId, null, null);
        governor.record(cp, ctx, Verdict.synthetic(cp, Outcome.DENY, reason, code), parent);
        return Uni.createFrom().item(reply(status, DelegationWire.Reply.refused(code, reason)));
    }

    private static CheckpointRequest inbound(String agentId, String task, GovernanceContext callee) {
        return new CheckpointRequest(Checkpoint.DELEGATION, 0, null, null, null, task,
                callee == null ? null : callee.labels(), agentId, Map.of("direction", "inbound"));
    }

    private static String token(Function<String, String> headers) {
        String auth = headers.apply("Authorization");
        String prefix = DelegationWire.AUTH_SCHEME + " ";
        if (auth != null && auth.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return auth.substring(prefix.length()).trim();
        }
        return headers.apply(DelegationWire.CONTEXT_HEADER);
    }

    private static int statusOf(String code) {
        return switch (code) {
            case DelegationCodes.CYCLE, DelegationCodes.DEPTH_EXCEEDED, DelegationCodes.SCOPE_WIDENED,
                    DelegationCodes.LABELS_LOWERED -> 403;
            default -> 401;
        };
    }

    private static HttpReply reply(int status, DelegationWire.Reply body) {
        return new HttpReply(status, DelegationWire.CONTENT_TYPE, DelegationWire.write(body));
    }
}
