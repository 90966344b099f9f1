package dev.warden.delegation;

import java.util.Objects;
import java.util.Set;

/**
 * A caller's request to hand a task to another agent.
 *
 * @param targetAgentId the callee
 * @param task the task text given to the callee as its input
 * @param scopes scopes the caller wants to grant; empty means "whatever the caller holds and the edge allows"
 * @param purpose purpose of the delegated task; {@code null} keeps the caller's purpose
 * @param step caller's model step (for the audit record); 0 outside an agent loop
 */
public record DelegationRequest(String targetAgentId, String task, Set<String> scopes, String purpose, int step) {
    public DelegationRequest {
        Objects.requireNonNull(targetAgentId, "targetAgentId");
        Objects.requireNonNull(task, "task");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static DelegationRequest of(String targetAgentId, String task) {
        return new DelegationRequest(targetAgentId, task, Set.of(), null, 0);
    }

    public DelegationRequest withScopes(Set<String> value) {
        return new DelegationRequest(targetAgentId, task, value, purpose, step);
    }
}
