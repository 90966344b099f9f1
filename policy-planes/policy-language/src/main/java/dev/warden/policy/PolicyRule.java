package dev.warden.policy;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Obligation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule of a {@link PolicySet}, as written (not yet compiled).
 *
 * @param id unique within its set
 * @param plane plane that evaluates the rule ({@code identity}, {@code action-boundary}, {@code data-flow}…)
 * @param on checkpoints the rule applies at
 * @param when CEL condition, must be of type {@code bool}
 * @param decision what the rule decides when {@code when} holds
 * @param reason human-readable reason (for the user, the model and the audit record)
 * @param code stable code for a deny, or {@code null} for the default {@link PolicyCodes#RULE_DENY}
 * @param approvers approver roles of a {@code require_approval} rule
 * @param ttl time-to-live of a pending approval or confirmation, or {@code null} for the default
 * @param obligations obligations of an {@code allow} rule
 * @param priority higher wins over lower; equal priorities combine deny-overrides
 * @param mode {@link Basis.Mode#MONITOR} rules are evaluated and recorded but never enforced
 * @param set for a {@code transform}: argument name → CEL expression giving the new value ({@code null} removes it)
 * @param line 1-based line of the rule in its source document
 * @param declassify for a {@code declassify} rule: what the requester may lower (decision 0039), else {@code null}
 */
public record PolicyRule(String id, String plane, Set<Checkpoint> on, String when, DecisionKind decision,
        String reason, String code, Set<String> approvers, Duration ttl, List<Obligation> obligations, int priority,
        Basis.Mode mode, Map<String, String> set, int line, dev.warden.core.Declassification.Grant declassify) {

    /** A rule that declassifies nothing. */
    public PolicyRule(String id, String plane, Set<Checkpoint> on, String when, DecisionKind decision,
            String reason, String code, Set<String> approvers, Duration ttl, List<Obligation> obligations,
            int priority, Basis.Mode mode, Map<String, String> set, int line) {
        this(id, plane, on, when, decision, reason, code, approvers, ttl, obligations, priority, mode, set, line,
                null);
    }

    public PolicyRule {
        on = Set.copyOf(on);
        approvers = approvers == null ? Set.of() : Set.copyOf(approvers);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
    }
}
