package dev.warden.core.agent;

import dev.warden.core.ArgumentOrigin;
import dev.warden.core.SecretArguments;
import dev.warden.core.audit.CanonicalJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool call waiting for a human: exactly what will run if approved (or, for a {@link Kind#CONFIRMATION}, confirmed
 * by the requester).
 *
 * @param approvalId id to approve or deny with (for a confirmation: the confirmation id)
 * @param runId the suspended run
 * @param agentId agent that asked
 * @param tenant tenant of the requester
 * @param requesterId user on whose behalf the call would run; never allowed to approve it, and the only one allowed
 *     to confirm it
 * @param toolName tool to run
 * @param toolCallId the model's call id
 * @param arguments the exact (post-transform) arguments, in clear: they are what runs. Show {@link #shownArguments()}
 * @param reason why approval is needed
 * @param approverRoles roles allowed to approve (empty: anyone but the requester); empty for a confirmation
 * @param ruleIds rules that asked for approval
 * @param contextLabels context labels at the time of the request
 * @param requestedAt when the run suspended
 * @param expiresAt when the request turns into a denial
 * @param kind whether a second person approves or the requester confirms
 * @param argumentsDigest digest of the canonical JSON of {@link #arguments()}: a confirmation must quote it, so what
 *     the requester confirmed is exactly what runs
 * @param origins where each argument came from, as the deciding planes knew it
 * @param secretArguments names of arguments labelled SECRET; never shown in clear
 * @param declassification what confirming lowers (decision 0039), {@code null} when nothing
 * @param relay when this entry stands for a delegated callee's confirmation, which one; {@code null} otherwise
 * @param approvalDue on a confirmation that declassifies, the approval a second person must still give once the
 *     requester confirmed (decision 0040: an approval never stands in for a declassification, nor the other way
 *     round); {@code null} otherwise
 */
public record PendingApproval(String approvalId, String runId, String agentId, String tenant, String requesterId,
        String toolName, String toolCallId, Map<String, Object> arguments, String reason, Set<String> approverRoles,
        List<String> ruleIds, String contextLabels, Instant requestedAt, Instant expiresAt, Kind kind,
        String argumentsDigest, List<ArgumentOrigin> origins, Set<String> secretArguments,
        dev.warden.core.Declassification declassification, Relay relay, ApprovalDue approvalDue) {

    /**
     * The approval still owed after the requester's confirmation of a declassification (decision 0040): who may
     * approve, why, for how long once asked, and the rules that asked.
     */
    public record ApprovalDue(String reason, Set<String> approverRoles, java.time.Duration ttl, List<String> ruleIds) {
        public ApprovalDue {
            approverRoles = approverRoles == null ? Set.of() : Set.copyOf(approverRoles);
            ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
            java.util.Objects.requireNonNull(ttl, "ttl");
        }
    }

    /**
     * A confirmation a delegated callee asked for, shown and answered in its caller's run (decision 0039): the
     * caller's pending entry shows the callee's exact call ({@link #toolName()}, {@link #arguments()} and digest are
     * the callee's), and confirming it answers the callee's confirmation, then carries on the caller's run with the
     * callee's answer as the result of the caller's own call.
     *
     * @param calleeAgentId the callee that waits
     * @param calleeConfirmationId the callee's own pending confirmation
     * @param callerToolName the caller's tool whose call relayed it (the delegate tool)
     * @param callerArguments that call's arguments, to resume it with
     */
    public record Relay(String calleeAgentId, String calleeConfirmationId, String callerToolName,
            Map<String, Object> callerArguments) {
        public Relay {
            callerArguments = callerArguments == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(callerArguments));
        }
    }

    /** Who decides. */
    public enum Kind {
        /** A second person holding an approver role; never the requester. */
        APPROVAL,
        /** The requester, about this exact call. */
        CONFIRMATION
    }

    public PendingApproval {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(arguments));
        approverRoles = approverRoles == null ? Set.of() : Set.copyOf(approverRoles);
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        kind = kind == null ? Kind.APPROVAL : kind;
        argumentsDigest = argumentsDigest == null ? digestOf(arguments) : argumentsDigest;
        origins = origins == null ? List.of() : List.copyOf(origins);
        secretArguments = secretArguments == null ? Set.of() : Set.copyOf(secretArguments);
        if (approvalDue != null && (kind != Kind.CONFIRMATION || declassification == null)) {
            throw new IllegalArgumentException("only a confirmation that declassifies leaves an approval due");
        }
    }

    /** A pending call that owes no approval after it (everything but a declassification under approval). */
    public PendingApproval(String approvalId, String runId, String agentId, String tenant, String requesterId,
            String toolName, String toolCallId, Map<String, Object> arguments, String reason, Set<String> approverRoles,
            List<String> ruleIds, String contextLabels, Instant requestedAt, Instant expiresAt, Kind kind,
            String argumentsDigest, List<ArgumentOrigin> origins, Set<String> secretArguments,
            dev.warden.core.Declassification declassification, Relay relay) {
        this(approvalId, runId, agentId, tenant, requesterId, toolName, toolCallId, arguments, reason, approverRoles,
                ruleIds, contextLabels, requestedAt, expiresAt, kind, argumentsDigest, origins, secretArguments,
                declassification, relay, null);
    }

    /** A pending call that declassifies nothing and relays nothing. */
    public PendingApproval(String approvalId, String runId, String agentId, String tenant, String requesterId,
            String toolName, String toolCallId, Map<String, Object> arguments, String reason, Set<String> approverRoles,
            List<String> ruleIds, String contextLabels, Instant requestedAt, Instant expiresAt, Kind kind,
            String argumentsDigest, List<ArgumentOrigin> origins, Set<String> secretArguments) {
        this(approvalId, runId, agentId, tenant, requesterId, toolName, toolCallId, arguments, reason, approverRoles,
                ruleIds, contextLabels, requestedAt, expiresAt, kind, argumentsDigest, origins, secretArguments, null,
                null, null);
    }

    /** An approval by a second person, with no origins known and no secret arguments. */
    public PendingApproval(String approvalId, String runId, String agentId, String tenant, String requesterId,
            String toolName, String toolCallId, Map<String, Object> arguments, String reason, Set<String> approverRoles,
            List<String> ruleIds, String contextLabels, Instant requestedAt, Instant expiresAt) {
        this(approvalId, runId, agentId, tenant, requesterId, toolName, toolCallId, arguments, reason, approverRoles,
                ruleIds, contextLabels, requestedAt, expiresAt, Kind.APPROVAL, null, null, null);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isConfirmation() {
        return kind == Kind.CONFIRMATION;
    }

    /** The arguments as a person may see them: secret values replaced by {@link SecretArguments#REDACTED}. */
    public Map<String, Object> shownArguments() {
        if (secretArguments.isEmpty()) {
            return arguments;
        }
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        for (String name : secretArguments) {
            if (out.containsKey(name)) {
                out.put(name, SecretArguments.REDACTED);
            }
        }
        return out;
    }

    /** The digest a confirmation of {@code arguments} must quote. */
    public static String digestOf(Map<String, Object> arguments) {
        String d = CanonicalJson.digest(arguments == null ? Map.of() : arguments);
        return "sha256:" + (d == null ? CanonicalJson.sha256Hex("{}") : d);
    }
}
