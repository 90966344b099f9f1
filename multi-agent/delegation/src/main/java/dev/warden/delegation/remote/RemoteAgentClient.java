package dev.warden.delegation.remote;

import static dev.warden.delegation.remote.DelegationWire.JSON;

import dev.warden.core.GovernanceContext;
import dev.warden.core.RunDeadline;
import dev.warden.core.agent.RunStatus;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.DelegatedRun;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextClaims;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.core.telemetry.GenAiConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Calls an agent in another service: {@code POST {base}/v1/delegations} with {@code {"agentId","task"}}, the callee
 * context as a signed token ({@code Authorization: Warden-Context <jws>}) and the W3C {@code traceparent} of a
 * {@code CLIENT} span, so the callee's spans join the caller's trace. The token is bound to the task it carries
 * ({@link dev.warden.delegation.token.TaskBinding}) and is single-use. Only {@code traceparent}/{@code tracestate} are
 * sent; no baggage, and nothing a decision depends on travels outside the signed token.
 *
 * <p>A refusal by the receiver (any non-200 answer) becomes a {@link DelegatedRun#refused refused run} carrying the
 * receiver's stable code, so the caller's {@code DELEGATION_RESULT} record shows the same code as the receiver's.
 * Transport failures become {@link DelegationCodes#REMOTE_UNAVAILABLE}. Thread-safe; non-blocking (the JDK client's
 * async API). Cancelling the returned {@link Uni} cancels the HTTP exchange.
 */
public final class RemoteAgentClient implements AgentEndpoint {
    private static final System.Logger LOG = System.getLogger(RemoteAgentClient.class.getName());
    private static final io.opentelemetry.api.common.AttributeKey<String> SERVER_ADDRESS =
            io.opentelemetry.api.common.AttributeKey.stringKey("server.address");
    private static final io.opentelemetry.api.common.AttributeKey<Long> SERVER_PORT =
            io.opentelemetry.api.common.AttributeKey.longKey("server.port");

    private final URI endpoint;
    private final ContextTokenIssuer issuer;
    private final HttpClient http;
    private final Tracer tracer;
    private final Duration requestTimeout;
    private final UnaryOperator<ContextClaims> claimsHook;

    /** @param baseUri the callee service's base URI, e.g. {@code http://analyst-svc:8080} */
    public RemoteAgentClient(URI baseUri, ContextTokenIssuer issuer, HttpClient http, Tracer tracer,
            Duration requestTimeout) {
        this(baseUri, issuer, http, tracer, requestTimeout, UnaryOperator.identity());
    }

    /** Tests only: lets a test play a misbehaving caller that signs claims it should not. */
    RemoteAgentClient(URI baseUri, ContextTokenIssuer issuer, HttpClient http, Tracer tracer, Duration requestTimeout,
            UnaryOperator<ContextClaims> claimsHook) {
        this.endpoint = Objects.requireNonNull(baseUri, "baseUri").resolve(DelegationWire.PATH);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.http = Objects.requireNonNull(http, "http");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.claimsHook = claimsHook;
    }

    @Override
    public String transport() {
        return "warden-http";
    }

    @Override
    public Uni<DelegatedRun> invoke(String task, GovernanceContext callee, Context otel) {
        return Uni.createFrom().deferred(() -> {
            String agentId = callee.agent().id();
            // the GenAI conventions' invoke_agent client span: the remote agent is invoked over HTTP
            Span span = tracer.spanBuilder(GenAiConventions.OP_INVOKE_AGENT + " " + agentId).setParent(otel)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(GenAiConventions.OPERATION_NAME, GenAiConventions.OP_INVOKE_AGENT)
                    .setAttribute(GenAiConventions.PROVIDER_NAME, GenAiConventions.GUARDRAIL_PROVIDER)
                    .setAttribute(GenAiConventions.AGENT_ID, agentId)
                    .setAttribute(GenAiConventions.AGENT_NAME, agentId)
                    .setAttribute(SERVER_ADDRESS, endpoint.getHost())
                    .setAttribute(SERVER_PORT, (long) port(endpoint))
                    .startSpan();
            String token = issuer.sign(claimsHook.apply(issuer.claimsFor(callee, task)));
            // the caller's deadline bounds the exchange and travels along, so the receiver stops its run in time too
            Duration left = RunDeadline.in(otel).map(d -> d.remaining(Clock.systemUTC())).orElse(null);
            Duration timeout = left == null || left.compareTo(requestTimeout) >= 0 ? requestTimeout
                    : left.isZero() ? Duration.ofMillis(1) : left;
            HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", DelegationWire.CONTENT_TYPE)
                    .header("Accept", DelegationWire.CONTENT_TYPE)
                    .header("Authorization", DelegationWire.AUTH_SCHEME + " " + token);
            if (left != null) {
                rb.header(DelegationWire.DEADLINE_HEADER, Long.toString(Math.max(1, left.toMillis())));
            }
            W3CTraceContextPropagator.getInstance().inject(otel.with(span), rb, HttpRequest.Builder::header);
            HttpRequest request = rb.POST(HttpRequest.BodyPublishers.ofString(
                    DelegationWire.write(new DelegationWire.Call(agentId, task, ContextClaims.rootRequest(callee)))))
                    .build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                    .map(r -> toRun(r.statusCode(), r.body()))
                    // a request cut by the caller's deadline is a timeout of the delegation, not an unreachable peer
                    .onFailure(e -> left != null && isTimeout(e)).transform(e -> new java.util.concurrent
                            .TimeoutException("agent '" + agentId + "' did not answer within " + timeout.toMillis()
                                    + " ms"))
                    .onFailure(e -> !(e instanceof java.util.concurrent.TimeoutException)).recoverWithItem(e -> {
                        // the address and the exception stay in this log; the calling model reads only the code
                        LOG.log(System.Logger.Level.WARNING, "agent '" + agentId + "' at " + endpoint
                                + " cannot be reached", e);
                        return DelegatedRun.refused(DelegationCodes.REMOTE_UNAVAILABLE, "agent '" + agentId
                                + "' cannot be reached (see the server log)");
                    })
                    .onItem().invoke(run -> {
                        span.setAttribute(GenAiConventions.WARDEN_RUN_STATUS, run.status().name());
                        if (run.runId() == null) {
                            span.setStatus(StatusCode.ERROR);
                            span.setAttribute(GenAiConventions.WARDEN_CODE, String.valueOf(run.code()));
                            span.setAttribute(GenAiConventions.ERROR_TYPE, String.valueOf(run.code()));
                        }
                    })
                    .onTermination().invoke((item, failure, cancelled) -> {
                        if (failure != null) {
                            span.setStatus(StatusCode.ERROR);
                            span.setAttribute(GenAiConventions.ERROR_TYPE, failure.getClass().getName());
                        }
                        span.end();
                    });
        });
    }

    private static int port(java.net.URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static DelegatedRun toRun(int status, String body) {
        DelegationWire.Reply reply;
        try {
            reply = JSON.readValue(body, DelegationWire.Reply.class);
        } catch (Exception e) {
            return DelegatedRun.refused(DelegationCodes.REMOTE_UNAVAILABLE, "HTTP " + status
                    + " without the documented JSON body");
        }
        if (status != 200 || DelegationWire.Reply.REFUSED.equals(reply.status()) || reply.status() == null) {
            String code = reply.code() == null ? DelegationCodes.REMOTE_UNAVAILABLE : reply.code();
            return DelegatedRun.refused(code, "refused by the remote service (HTTP " + status + ", " + code + "): "
                    + reply.reason());
        }
        try {
            // fail closed: an answer that does not say what it holds counts as holding anything
            dev.warden.core.Labels labels = reply.labels() == null ? dev.warden.core.Labels.UNRESTRICTED
                    .withIntegrity(dev.warden.core.Integrity.UNTRUSTED) : reply.labels().toLabels();
            return new DelegatedRun(reply.runId(), RunStatus.valueOf(reply.status()), reply.output(), labels, reply.code(), reply.decisions(),
                    reply.base() == null ? null : reply.base().toLabels(), reply.values() == null ? List.of()
                            : reply.values().stream().map(DelegationWire.WireValue::toValue).toList());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable delegation reply (HTTP " + status + ")", e);
            return DelegatedRun.refused(DelegationCodes.REMOTE_UNAVAILABLE, "the remote service's reply does not "
                    + "have the documented fields (see the server log)");
        }
    }
}
