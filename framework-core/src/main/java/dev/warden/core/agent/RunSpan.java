package dev.warden.core.agent;

import static dev.warden.core.telemetry.GenAiConventions.*;

import dev.warden.core.GovernanceContext;
import dev.warden.core.RunDeadline;
import dev.warden.core.telemetry.ModelCallSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * A run's {@code invoke_agent} span and the OpenTelemetry context its steps run in: opened when the run starts or
 * resumes (a resumed run links it to the suspended run's span), carrying the run's deadline, and ended with the
 * run's status, usage and code.
 */
final class RunSpan {
    private RunSpan() {}

    /** Opens the run's span under {@code parent}; {@code suspendedSpan} (a traceparent) or {@code null}. */
    static void open(GovernedAgent agent, RunState s, Context parent, String suspendedSpan) {
        GovernanceContext ctx = s.ctx;
        var b = agent.settings().governor().telemetry().tracer().spanBuilder(OP_INVOKE_AGENT + " " + ctx.agent().id())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION_NAME, OP_INVOKE_AGENT)
                .setAttribute(AGENT_NAME, ctx.agent().id())
                .setAttribute(AGENT_ID, ctx.agent().id())
                .setAttribute(AGENT_VERSION, ctx.agent().version())
                .setAttribute(PROVIDER_NAME, ModelCallSpans.providerName(agent.settings().providerName()))
                .setAttribute(REQUEST_MODEL, agent.settings().requestModel())
                .setAttribute(ENDUSER_ID, ctx.user().id())
                .setAttribute(WARDEN_TENANT, ctx.tenant())
                .setAttribute(WARDEN_RUN_ID, s.runId);
        if (ctx.task().conversationId() != null) {
            b.setAttribute(CONVERSATION_ID, ctx.task().conversationId());
        }
        RunLinks.linkTo(b, suspendedSpan);
        s.agentSpan = b.startSpan();
        s.otel = parent.with(s.agentSpan);
        if (s.deadline != null) {
            s.otel = s.deadline.storeIn(s.otel);
        }
    }

    /** The earlier of this agent's own budget and a deadline inherited from the caller (a delegating run). */
    static RunDeadline deadline(GovernedAgent agent, Context parent) {
        RunDeadline own = agent.runTimeout() == null ? null
                : RunDeadline.after(agent.runTimeout(), agent.settings().governor().clock());
        return RunDeadline.earliest(own, RunDeadline.in(parent).orElse(null));
    }

    /** Ends the run's span (if one was opened) with how the run ended. */
    static void end(RunState s, RunStatus status, String code) {
        if (s.agentSpan == null) {
            return;
        }
        s.agentSpan.setAttribute(WARDEN_RUN_STATUS, status.name());
        if (s.ctx.usage().inputTokens() > 0) {
            s.agentSpan.setAttribute(USAGE_INPUT_TOKENS, s.ctx.usage().inputTokens());
            s.agentSpan.setAttribute(USAGE_OUTPUT_TOKENS, s.ctx.usage().outputTokens());
        }
        if (code != null) {
            s.agentSpan.setAttribute(WARDEN_CODE, code);
        }
        if (status == RunStatus.FAILED) {
            s.agentSpan.setStatus(StatusCode.ERROR);
            s.agentSpan.setAttribute(ERROR_TYPE, code == null ? "failed" : code);
        }
        s.agentSpan.end();
    }
}
