package dev.warden.delegation.remote;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Deadlines;
import dev.warden.core.FlowLabels;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.RunDeadline;
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
 *   <li>The context token from {@code Authorization: Warden-Context <jws>} or {@code X-Warden-Context} is verified by
 *       {@link ContextTokenVerifier#authenticate} for the audience it names (signature, issuer, lifetime; 401)
 *       <em>before the body is parsed</em>: an unauthenticated caller costs no JSON parsing.</li>
 *   <li>Body is {@code {"agentId","task"}} (400, {@link DelegationCodes#BAD_REQUEST}) naming the token's audience
 *       (401, {@link DelegationCodes#TOKEN_AUDIENCE}); the agent is served here (404,
 *       {@link DelegationCodes#UNKNOWN_AGENT}).</li>
 *   <li>The token is verified whole by {@link ContextTokenVerifier#verify}: bound to the task received (401, a
 *       task other than the one the token was issued for included), chain faults (403: cycle, depth, widened scopes,
 *       lowered labels), single use (401 replayed; 503 when the replay store cannot answer).</li>
 *   <li>A trust edge last actor → agent must be declared in this service's directory (403,
 *       {@link DelegationCodes#UNTRUSTED_EDGE}), then {@code DELEGATION} passes this service's governor with the
 *       caller's context as the token states it (403 when refused).</li>
 *   <li>The agent runs with the token's principal, chain and labels, as a child of the caller's W3C
 *       {@code traceparent}; 200 with {@link DelegationWire.Reply}.</li>
 * </ol>
 * Every refusal is recorded at {@code DELEGATION} in this service's audit trail; when the token could not be
 * verified, the record's user is {@value #UNVERIFIED} (nothing unverified is attributed to a real user), and such
 * refusals pass a {@link RefusalWindow}: per code and source the first of a window is recorded, the rest are counted
 * into one summary record ({@link #recordSummary}), so a flood of bad tokens is not one durable append each.
 * {@code baggage} and {@code tracestate} are never read. Thread-safe.
 */
public final class DelegationReceiver {
    /** Principal id recorded for refusals whose token could not be verified. */
    public static final String UNVERIFIED = "unverified-caller";
    private static final System.Logger LOG = System.getLogger(DelegationReceiver.class.getName());

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
    private final RefusalWindow unverified;

    /**
     * Records every refusal individually; services exposed to the network use the constructor taking a
     * {@link RefusalWindow}.
     */
    public DelegationReceiver(Map<String, GovernedAgent> agents, AgentDirectory directory, Governor governor,
            ContextTokenVerifier verifier, Duration runTimeout) {
        this(agents, directory, governor, verifier, runTimeout,
                new RefusalWindow(java.time.Clock.systemUTC(), Duration.ZERO, 1, s -> {}));
    }

    /**
     * @param agents agents served here by id
     * @param directory this service's inventory: must declare the trust edges from remote callers
     * @param governor this service's governor, for inbound {@code DELEGATION} decisions and audit
     * @param unverified aggregates refusals of callers whose token did not verify; its summaries should go to
     *     {@link #recordSummary} with the same governor
     */
    public DelegationReceiver(Map<String, GovernedAgent> agents, AgentDirectory directory, Governor governor,
            ContextTokenVerifier verifier, Duration runTimeout, RefusalWindow unverified) {
        this.unverified = Objects.requireNonNull(unverified, "unverified");
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
        return handle(body, headers, "unknown");
    }

    /**
     * Handles one request from {@code source} (the peer address, used only to aggregate refusals of unverified
     * callers).
     */
    public Uni<HttpReply> handle(String body, Function<String, String> headers, String source) {
        return Uni.createFrom().deferred(() -> {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
            ContextClaims claims;
            String token = token(headers);
            try {
                claims = verifier.authenticate(token, claimedAudience(token));
            } catch (ContextTokenException e) {
                return refuse(null, "?", parent, statusOf(e.code()), e.code(), e.getMessage(),
                        e.code() + " " + source);
            }
            DelegationWire.Call call;
            try {
                call = DelegationWire.JSON.readValue(body == null ? "" : body, DelegationWire.Call.class);
            } catch (Exception e) {
                call = null;
            }
            if (call == null || call.agentId() == null || call.task() == null || call.task().isBlank()) {
                return refuse(null, claims.audience(), parent, 400, DelegationCodes.BAD_REQUEST,
                        "body must be {\"agentId\": string, \"task\": non-empty string}", null);
            }
            if (!call.agentId().equals(claims.audience())) {
                return refuse(null, call.agentId(), parent, 401, DelegationCodes.TOKEN_AUDIENCE, "context token is for '"
                        + claims.audience() + "', not '" + call.agentId() + "'", null);
            }
            GovernedAgent agent = agents.get(call.agentId());
            if (agent == null) {
                return refuse(null, call.agentId(), parent, 404, DelegationCodes.UNKNOWN_AGENT,
                        "no agent '" + call.agentId() + "' is served here", null);
            }
            try { // the whole check: bound to this task, chain rules, and single use (claimed last)
                claims = verifier.verify(token, call.agentId(), call.task(), call.request());
            } catch (ContextTokenException e) {
                return refuse(null, call.agentId(), parent, statusOf(e.code()), e.code(), e.getMessage(), null);
            }
            Duration limit = runLimit(headers.apply(DelegationWire.DEADLINE_HEADER));
            return admit(claims, agent, call.task(), call.request(), RunDeadline.after(limit, governor.clock())
                    .storeIn(parent), limit);
        });
    }

    /**
     * Records the summary of a closed {@link RefusalWindow} window of this receiver's unverified refusals: one
     * {@code DELEGATION} DENY record with the code, source and count.
     */
    public static void recordSummary(Governor governor, RefusalWindow.Summary s) {
        String[] key = s.key().split(" ", 2);
        String code = key.length == 2 ? key[0] : DelegationCodes.TOKEN_SIGNATURE;
        String from = key.length == 2 ? "from " + key[1] : "from sources beyond the tracked limit";
        CheckpointRequest cp = inbound("?", null, null);
        governor.record(cp, unverifiedContext(), Verdict.synthetic(cp, Outcome.DENY, s.suppressed()
                + " further refusals of unverified callers " + from + " (" + (key.length == 2 ? code : "any code")
                + ") between " + s.from() + " and " + s.to() + "; aggregated, the first was recorded on its own",
                code), null);
    }

    /** The audience a token names, read without verifying it: the verifier then checks everything, this included. */
    private static String claimedAudience(String token) {
        try {
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            com.fasterxml.jackson.databind.JsonNode aud = DelegationWire.JSON.readTree(payload).path("aud");
            return aud.isArray() ? aud.path(0).asText("") : aud.asText("");
        } catch (RuntimeException | java.io.IOException e) {
            return ""; // the verifier refuses such a token with its own code
        }
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

    private Uni<HttpReply> admit(ContextClaims claims, GovernedAgent agent, String task, String rootRequest,
            Context parent, Duration limit) {
        // the person's words, verified with the task against the token's task_digest (decision 0073)
        GovernanceContext callee = claims.toContext(agent.identity(), rootRequest);
        GovernanceContext caller = claims.callerContext(agent.identity());
        String from = caller.agent().id();
        String agentId = agent.identity().id();
        if (directory.edge(from, agentId).filter(e -> e.admits(claims.purpose())).isEmpty()) {
            return refuse(caller, agentId, parent, 403, DelegationCodes.UNTRUSTED_EDGE, "no trust edge "
                    + from + " -> " + agentId + " is declared by this service");
        }
        CheckpointRequest cp = inbound(agentId, task, callee);
        return governor.evaluate(cp, caller, parent).chain(v -> {
            if (!v.proceeds()) {
                return Uni.createFrom().item(reply(403, DelegationWire.Reply.refused(v.code(), v.reason())));
            }
            return Deadlines.within(Uni.createFrom().<DelegationWire.Reply>emitter(em -> {
                try (Scope ignored = parent.makeCurrent()) {
                    // the caller receives what the answer holds, not everything this run saw (decision 0029)
                    var sub = agent.run(task, callee).subscribe().with(r -> {
                        FlowLabels flow = agent.outputFlow(r, task);
                        em.complete(new DelegationWire.Reply(r.status().name(), r.runId(), r.output(),
                                DelegationWire.WireLabels.of(flow.labels()), r.code(), null, r.decisions(),
                                flow.values().isEmpty() ? null : DelegationWire.WireLabels.of(flow.base()),
                                DelegationWire.WireValue.of(flow.values())));
                    }, em::fail);
                    em.onTermination(sub::cancel);
                }
            }), limit)
                    .map(r -> reply(200, r))
                    .onFailure().recoverWithItem(e -> reply(200, unfinished(agentId, e, limit)));
        });
    }

    /**
     * The reply for a run that ended without a result: a caller learns that it timed out or failed and the stable
     * code, never an exception's class or message (internals stay in this service's log).
     */
    static DelegationWire.Reply unfinished(String agentId, Throwable failure, Duration limit) {
        if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return new DelegationWire.Reply("FAILED", null, "The delegated run did not finish within "
                    + limit.toMillis() + " ms", null, DelegationCodes.TIMEOUT, null, null);
        }
        LOG.log(System.Logger.Level.WARNING, "delegated run of agent '" + agentId + "' failed ("
                + DelegationCodes.CALLEE_FAILED + ")", failure);
        return new DelegationWire.Reply("FAILED", null, "The delegated run failed", null,
                DelegationCodes.CALLEE_FAILED, null, null);
    }

    private Uni<HttpReply> refuse(GovernanceContext caller, String agentId, Context parent, int status, String code,
            String reason) {
        return refuse(caller, agentId, parent, status, code, reason, null);
    }

    /** @param unverifiedKey non-null for a caller whose token did not verify: the refusal passes the window */
    private Uni<HttpReply> refuse(GovernanceContext caller, String agentId, Context parent, int status, String code,
            String reason, String unverifiedKey) {
        if (unverifiedKey == null || unverified.admit(unverifiedKey)) {
            GovernanceContext ctx = caller != null ? caller : unverifiedContext();
            CheckpointRequest cp = inbound(agentId, null, null);
            governor.record(cp, ctx, Verdict.synthetic(cp, Outcome.DENY, reason, code), parent);
        }
        return Uni.createFrom().item(reply(status, DelegationWire.Reply.refused(code, reason)));
    }

    private static GovernanceContext unverifiedContext() {
        return GovernanceContext.of(new Principal(UNVERIFIED, null, null, null), AgentIdentity.of(UNVERIFIED));
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
            case DelegationCodes.REPLAY_STORE_UNAVAILABLE -> 503;
            default -> 401;
        };
    }

    private static HttpReply reply(int status, DelegationWire.Reply body) {
        return new HttpReply(status, DelegationWire.CONTENT_TYPE, DelegationWire.write(body));
    }
}
