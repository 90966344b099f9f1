package dev.warden.core.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool call waiting for a human: exactly what will run if approved.
 *
 * @param approvalId id to approve or deny with
 * @param runId the suspended run
 * @param agentId agent that asked
 * @param tenant tenant of the requester
 * @param requesterId user on whose behalf the call would run; never allowed to approve it
 * @param toolName tool to run
 * @param toolCallId the model's call id
 * @param arguments the exact (post-transform) arguments
 * @param reason why approval is needed
 * @param approverRoles roles allowed to approve (empty: anyone but the requester)
 * @param ruleIds rules that asked for approval
 * @param contextLabels context labels at the time of the request
 * @param requestedAt when the run suspended
 * @param expiresAt when the request turns into a denial
 */
public record PendingApproval(String approvalId, String runId, String agentId, String tenant, String requesterId,
        String toolName, String toolCallId, Map<String, Object> arguments, String reason, Set<String> approverRoles,
        List<String> ruleIds, String contextLabels, Instant requestedAt, Instant expiresAt) {

    public PendingApproval {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(arguments));
        approverRoles = approverRoles == null ? Set.of() : Set.copyOf(approverRoles);
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
