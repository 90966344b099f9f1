package dev.warden.core;

import static dev.warden.core.telemetry.GenAiConventions.*;

import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;

/** The attributes a checkpoint's {@code run_guardrail} span carries about its verdict. Stateless. */
final class VerdictSpans {
    private VerdictSpans() {}

    static void annotate(Span span, GovernanceContext context, Verdict verdict) {
        span.setAttribute(GUARDRAIL_VERDICT_TYPE, verdict.outcome().verdictType());
        span.setAttribute(WARDEN_OUTCOME, verdict.outcome().name());
        if (verdict.code() != null) {
            span.setAttribute(GUARDRAIL_VERDICT_REASON, verdict.code()); // low cardinality: the stable code
            span.setAttribute(WARDEN_CODE, verdict.code());
        }
        List<String> rules = verdict.ruleIds();
        if (!rules.isEmpty()) {
            span.setAttribute(SECURITY_RULE_ID, rules);
        }
        List<String> policies = verdict.policies();
        if (!policies.isEmpty()) {
            span.setAttribute(SECURITY_POLICY_ID, policies);
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
    }
}
