package dev.warden.core;

import static dev.warden.core.telemetry.GenAiConventions.*;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A checkpoint's {@code apply_guardrail Warden} span: what it guards when it starts, the verdict when it ends.
 * Follows the GenAI guardrail draft (see {@code docs/telemetry-conventions.md}); stateless.
 *
 * <p>The draft's single-valued {@code gen_ai.guardrail.policy.id}/{@code .version}/{@code .rule.id} are set only when
 * one policy (one rule) decided; {@code warden.policies} and {@code warden.rule.ids} always list them all. A
 * fail-closed failure ({@link Outcome#ERROR}: a plane threw, timed out, its policy was unavailable, the audit trail
 * failed) sets the span status to {@code ERROR} and {@code error.type} to the stable code.
 */
final class VerdictSpans {
    private VerdictSpans() {}

    static Span start(Tracer tracer, CheckpointRequest request, GovernanceContext context, Context parent) {
        var builder = tracer.spanBuilder(OP_APPLY_GUARDRAIL + " " + GUARDRAIL_COMPONENT)
                .setParent(parent == null ? Context.current() : parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION_NAME, OP_APPLY_GUARDRAIL)
                .setAttribute(PROVIDER_NAME, GUARDRAIL_PROVIDER)
                .setAttribute(GUARDRAIL_COMPONENT_NAME, GUARDRAIL_COMPONENT)
                .setAttribute(GUARDRAIL_SOURCE, request.checkpoint().name());
        if (request.tool() != null) {
            builder.setAttribute(TOOL_NAME, request.tool().name());
        }
        if (request.toolCallId() != null) {
            builder.setAttribute(TOOL_CALL_ID, request.toolCallId());
        }
        if (context != null && context.task().conversationId() != null) {
            builder.setAttribute(CONVERSATION_ID, context.task().conversationId());
        }
        return builder.startSpan();
    }

    static void annotate(Span span, GovernanceContext context, Verdict verdict) {
        span.setAttribute(GUARDRAIL_RESULT_TYPE_KEY, GUARDRAIL_RESULT_TYPE);
        span.setAttribute(GUARDRAIL_RESULT_VALUE, verdict.outcome().name());
        if (verdict.code() != null) {
            span.setAttribute(WARDEN_CODE, verdict.code());
        }
        List<String> rules = verdict.ruleIds(); // computed once: it walks every plane's decision
        Set<List<String>> policySets = decidingPolicies(verdict, rules);
        if (policySets.size() == 1) {
            List<String> p = policySets.iterator().next();
            span.setAttribute(GUARDRAIL_POLICY_ID, p.get(0));
            if (!p.get(1).isEmpty()) {
                span.setAttribute(GUARDRAIL_POLICY_VERSION, p.get(1));
            }
        }
        if (!rules.isEmpty()) {
            if (rules.size() == 1) {
                span.setAttribute(GUARDRAIL_POLICY_RULE_ID, rules.get(0));
            }
            span.setAttribute(WARDEN_RULE_IDS, rules);
        }
        List<String> policies = verdict.policies();
        if (!policies.isEmpty()) {
            span.setAttribute(WARDEN_POLICIES, policies);
        }
        List<String> planeNames = new ArrayList<>(verdict.decisions().size());
        for (PlaneDecision pd : verdict.decisions()) {
            planeNames.add(pd.plane());
        }
        span.setAttribute(WARDEN_PLANES, planeNames);
        span.setAttribute(WARDEN_LABELS, context.labels().toString());
        if (verdict.effectiveRequest() != null) {
            span.setAttribute(WARDEN_CONTENT_LABELS, verdict.effectiveRequest().contentLabels().toString());
        }
        if (!context.chain().isEmpty()) {
            List<String> chain = new ArrayList<>();
            context.chain().forEach(h -> chain.add(h.agentId()));
            span.setAttribute(WARDEN_CHAIN, chain);
        }
        if (context.runId() != null) {
            span.setAttribute(WARDEN_RUN_ID, context.runId());
        }
        if (verdict.outcome() == Outcome.ERROR) {
            String code = verdict.code() == null ? "_OTHER" : verdict.code();
            span.setStatus(StatusCode.ERROR, code);
            span.setAttribute(ERROR_TYPE, code);
        }
    }

    /** (policy set, version or "") of the decisions whose rules are among the verdict's deciding rules. */
    private static Set<List<String>> decidingPolicies(Verdict verdict, List<String> deciding) {
        Set<List<String>> out = new LinkedHashSet<>();
        for (PlaneDecision pd : verdict.decisions()) {
            Basis b = pd.decision().basis();
            if (b.enforced() && b.policySet() != null && b.ruleIds().stream().anyMatch(deciding::contains)) {
                out.add(List.of(b.policySet(), b.policyVersion() == null ? "" : b.policyVersion()));
            }
        }
        return out;
    }
}
