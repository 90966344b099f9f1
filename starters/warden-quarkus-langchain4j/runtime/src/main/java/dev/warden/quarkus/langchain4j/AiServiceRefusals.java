package dev.warden.quarkus.langchain4j;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;

/**
 * How a blocked model step or output of an AI service reaches its caller: as a {@link PolicyDeniedException}
 * carrying the verdict (its {@link Verdict#code()} is the stable code to map), as the core's LangChain4j integration
 * does. Approval cannot be waited for inside an AI-service call, so a required approval is reported as
 * {@link WardenCodes#APPROVAL_UNSUPPORTED}, as the governed agent loop does outside tool calls.
 */
final class AiServiceRefusals {
    private AiServiceRefusals() {}

    static PolicyDeniedException refusal(Verdict v) {
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            return new PolicyDeniedException(new Verdict(v.checkpoint(), v.outcome(), "approval is only supported for"
                    + " tool calls (" + v.reason() + ")", WardenCodes.APPROVAL_UNSUPPORTED, v.decisions(),
                    v.obligations(), v.effectiveRequest(), v.approval(), v.latencyNanos()));
        }
        if (v.outcome() == Outcome.REQUIRE_CONFIRMATION) {
            return new PolicyDeniedException(new Verdict(v.checkpoint(), v.outcome(), "confirmation is only supported"
                    + " for tool calls (" + v.reason() + ")", WardenCodes.CONFIRMATION_UNSUPPORTED, v.decisions(),
                    v.obligations(), v.effectiveRequest(), null, v.confirmation(), v.latencyNanos()));
        }
        return new PolicyDeniedException(v);
    }

    /** Records a denial the runtime decides itself (audited like any decision) and returns the exception to throw. */
    static PolicyDeniedException deny(Governor governor, CheckpointRequest request, GovernanceContext context,
            String reason, String code) {
        Verdict v = governor.record(request, context, Verdict.synthetic(request, Outcome.DENY, reason, code), null);
        return new PolicyDeniedException(v);
    }
}
