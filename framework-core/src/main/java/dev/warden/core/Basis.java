package dev.warden.core;

import java.util.List;
import java.util.Objects;

/**
 * Which plane and which rules produced a {@link Decision}, as Cedar's diagnostics do. Every decision carries one, so
 * an audit record can always answer "which rule, in which version of which policy set".
 *
 * @param plane name of the plane that decided
 * @param policySet policy set name, or {@code null} for built-in logic
 * @param policyVersion version of the policy set, or {@code null}
 * @param ruleIds ids of the rules that matched (empty for a default decision)
 * @param mode {@link Mode#ENFORCE} decisions count; {@link Mode#MONITOR} decisions are recorded but never enforced
 */
public record Basis(String plane, String policySet, String policyVersion, List<String> ruleIds, Mode mode) {

    /** Whether a decision is enforced or only observed (shadow mode for safe roll-out). */
    public enum Mode {
        ENFORCE,
        MONITOR
    }

    public Basis {
        Objects.requireNonNull(plane, "plane");
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        mode = mode == null ? Mode.ENFORCE : mode;
    }

    public static Basis of(String plane) {
        return new Basis(plane, null, null, List.of(), Mode.ENFORCE);
    }

    public static Basis rule(String plane, String policySet, String policyVersion, String... ruleIds) {
        return new Basis(plane, policySet, policyVersion, List.of(ruleIds), Mode.ENFORCE);
    }

    public Basis monitor() {
        return new Basis(plane, policySet, policyVersion, ruleIds, Mode.MONITOR);
    }

    public boolean enforced() {
        return mode == Mode.ENFORCE;
    }
}
