package dev.warden.a2a.remote;

import dev.warden.a2a.A2aCodes;
import dev.warden.a2a.A2aMetadata;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.agent.RunStatus;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.DelegatedRun;
import dev.warden.delegation.token.ContextTokenIssuer;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.common.A2AHeaders;
import io.a2a.spec.Artifact;
import io.a2a.spec.EventKind;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendConfiguration;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A remote A2A agent as a delegation target: the {@link dev.warden.delegation.Delegator} has passed
 * {@code DELEGATION} (trust edge, scopes, policy) before {@link #invoke}, and runs {@code DELEGATION_RESULT} on what
 * this returns, exactly as for a native Warden callee.
 *
 * <ol>
 *   <li>The card the remote serves now must match its pin ({@link RemoteCards#check}); otherwise nothing is sent and
 *       the delegation is refused with {@link A2aCodes#CARD_NOT_PINNED}, {@link A2aCodes#CARD_CHANGED} or
 *       {@link A2aCodes#CARD_UNAVAILABLE}.</li>
 *   <li>{@code message/send} (blocking) to the card's URL with the task as one text part and the configured bearer
 *       credential. A {@link A2aRemoteAgent.Trust#PEER} also gets the signed context token in Warden's context
 *       extension (bound to this task and to the callee id); an {@link A2aRemoteAgent.Trust#EXTERNAL} agent gets
 *       neither the user nor the labels.</li>
 *   <li>The answer (artifact text, else the status message) is labelled by the trust edge
 *       ({@link A2aRemoteAgent#answerLabels}): untrusted content for an external agent, the labels a peer states —
 *       or "anything, untrusted" when it states none. {@code input-required}/{@code auth-required} end the
 *       delegation ({@link A2aCodes#REMOTE_INPUT_REQUIRED}); {@code rejected}, {@code failed}, {@code canceled} are
 *       {@link A2aCodes#REMOTE_TASK_FAILED} (a peer's own Warden code is kept).</li>
 * </ol>
 * Transport failures are {@link A2aCodes#REMOTE_UNREACHABLE}. The exchange blocks a thread of {@code executor} for at
 * most its deadline (headers and body, {@link CappedExchange}); give it a bounded executor — a delegation it rejects
 * is refused with {@link A2aCodes#DELEGATE_BUSY}. Thread-safe.
 */
public final class A2aDelegateEndpoint implements AgentEndpoint {
    /** No redirects, a deadline per exchange, answers capped at 4 MiB (decision 0036). */
    private static final NoRedirectHttpClient HTTP = new NoRedirectHttpClient(java.time.Duration.ofSeconds(120),
            4 * 1024 * 1024);
    private final A2aRemoteAgent remote;
    private final RemoteCards cards;
    private final ContextTokenIssuer issuer;
    private final Executor executor;

    /** @param issuer signs context tokens for a {@link A2aRemoteAgent.Trust#PEER}; may be {@code null} otherwise */
    public A2aDelegateEndpoint(A2aRemoteAgent remote, RemoteCards cards, ContextTokenIssuer issuer,
            Executor executor) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (remote.trust() == A2aRemoteAgent.Trust.PEER && issuer == null) {
            throw new IllegalArgumentException("A2A peer '" + remote.agentId() + "' needs a context token issuer");
        }
        this.issuer = issuer;
    }

    @Override
    public Uni<DelegatedRun> invoke(String task, GovernanceContext callee, Context otel) {
        return Uni.createFrom().item(() -> call(task, callee)).runSubscriptionOn(otel.wrap(executor))
                // a bounded executor that is full refuses the delegation rather than queue it without bound
                .onFailure(RejectedExecutionException.class).recoverWithItem(() -> DelegatedRun.refused(
                        A2aCodes.DELEGATE_BUSY, "too many delegations to A2A agents are in flight; '"
                        + remote.agentId() + "' was not called"));
    }

    private DelegatedRun call(String task, GovernanceContext callee) {
        RemoteCards.Checked checked = cards.check(remote);
        if (!checked.usable()) {
            return DelegatedRun.refused(checked.code(), checked.reason());
        }
        String endpoint = checked.card().card().url();
        if (!sameOrigin(endpoint, remote.baseUrl())) {
            // the card is pinned, but what it names must be where the operator pointed: a card cannot move the
            // task, the credential and a peer's context token to another host
            return DelegatedRun.refused(A2aCodes.CARD_URL_ELSEWHERE, "A2A agent '" + remote.agentId()
                    + "': its card names an endpoint on another origin than " + remote.baseUrl() + "; nothing sent");
        }
        boolean peer = remote.trust() == A2aRemoteAgent.Trust.PEER;
        Message.Builder message = new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .parts(List.<Part<?>>of(new TextPart(task)));
        Map<String, String> headers = new HashMap<>();
        if (peer) {
            Map<String, Object> md = new HashMap<>();
            md.put(A2aMetadata.CONTEXT_TOKEN, issuer.issue(callee, task));
            String root = dev.warden.delegation.token.ContextClaims.rootRequest(callee);
            if (root != null) { // bound with the task to the token's task_digest (decision 0073)
                md.put(A2aMetadata.ROOT_REQUEST, root);
            }
            message.metadata(md)
                    .extensions(List.of(A2aMetadata.CONTEXT_EXTENSION));
            headers.put(A2AHeaders.X_A2A_EXTENSIONS, A2aMetadata.CONTEXT_EXTENSION);
        }
        String bearer = remote.bearer() == null ? null : remote.bearer().get();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        MessageSendParams params = new MessageSendParams.Builder().message(message.build())
                .configuration(new MessageSendConfiguration.Builder().blocking(true)
                        .acceptedOutputModes(List.of("text")).build())
                .build();
        EventKind answer;
        JSONRPCTransport transport = new JSONRPCTransport(HTTP, checked.card().card(), endpoint, null);
        try {
            answer = transport.sendMessage(params, new ClientCallContext(Map.of(), headers));
        } catch (Exception e) {
            return DelegatedRun.refused(A2aCodes.REMOTE_UNREACHABLE, "A2A agent '" + remote.agentId() + "' at "
                    + checked.card().card().url() + " failed: " + (e.getCause() instanceof java.net.http
                    .HttpTimeoutException ? "no complete answer in time" : "no valid A2A answer"));
        } finally {
            transport.close();
        }
        return toRun(answer);
    }

    static boolean sameOrigin(String url, java.net.URI base) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() != null && u.getScheme().equalsIgnoreCase(base.getScheme()) && u.getHost() != null
                    && u.getHost().equalsIgnoreCase(base.getHost()) && port(u) == port(base);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(java.net.URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    DelegatedRun toRun(EventKind answer) {
        if (answer instanceof Message m) {
            return new DelegatedRun(null, RunStatus.COMPLETED, text(m.getParts()), remote.answerLabels(
                    A2aMetadata.readLabels(meta(m.getMetadata(), A2aMetadata.LABELS))), null, List.of());
        }
        if (!(answer instanceof Task t) || t.getStatus() == null) {
            return DelegatedRun.refused(A2aCodes.REMOTE_UNREACHABLE, "A2A agent '" + remote.agentId()
                    + "' answered neither a task nor a message");
        }
        Message status = t.getStatus().message();
        Map<String, Object> statusMeta = status == null ? Map.of() : status.getMetadata();
        StringBuilder out = new StringBuilder();
        Object stated = null;
        for (Artifact a : t.getArtifacts() == null ? List.<Artifact>of() : t.getArtifacts()) {
            out.append(out.isEmpty() ? "" : "\n").append(text(a.parts()));
            stated = stated != null ? stated : meta(a.metadata(), A2aMetadata.LABELS);
        }
        String output = out.isEmpty() && status != null ? text(status.getParts()) : out.toString();
        Labels labels = remote.answerLabels(A2aMetadata.readLabels(stated != null ? stated
                : meta(statusMeta, A2aMetadata.LABELS)));
        TaskState state = t.getStatus().state();
        if (state == TaskState.COMPLETED) {
            return new DelegatedRun(t.getId(), RunStatus.COMPLETED, output, labels, null, List.of());
        }
        boolean peer = remote.trust() == A2aRemoteAgent.Trust.PEER;
        boolean waiting = state == TaskState.INPUT_REQUIRED || state == TaskState.AUTH_REQUIRED;
        // an outside agent's own status text is attacker-controlled: a refusal notice travels on as TRUSTED
        // (Labels.PUBLIC, nothing delivered), so for EXTERNAL it carries only the state and the code
        String notice = "A2A agent '" + remote.agentId() + "' " + state.asString()
                + (peer ? ": " + output : "");
        Object statedCode = peer ? meta(statusMeta, A2aMetadata.CODE) : null;
        String code = statedCode != null ? String.valueOf(statedCode)
                : waiting ? A2aCodes.REMOTE_INPUT_REQUIRED : A2aCodes.REMOTE_TASK_FAILED;
        if (!peer || meta(statusMeta, A2aMetadata.RUN_ID) == null) {
            // an outside agent's task, or a peer that refused before running (token, trust edge, inbound policy):
            // a refusal, recorded at DELEGATION_RESULT with the code
            return DelegatedRun.refused(code, notice);
        }
        // a peer's governed run that stopped: reported like a native callee's run, with its own code
        return new DelegatedRun(t.getId(), waiting ? RunStatus.AWAITING_APPROVAL : state == TaskState.REJECTED
                ? RunStatus.DENIED : RunStatus.FAILED, notice, labels, code, List.of());
    }

    private static Object meta(Map<String, Object> metadata, String key) {
        return metadata == null ? null : metadata.get(key);
    }

    private static String text(List<Part<?>> parts) {
        StringBuilder sb = new StringBuilder();
        for (Part<?> p : parts == null ? List.<Part<?>>of() : parts) {
            if (p instanceof TextPart tp) {
                sb.append(sb.isEmpty() ? "" : "\n").append(tp.getText());
            }
        }
        return sb.toString();
    }
}
