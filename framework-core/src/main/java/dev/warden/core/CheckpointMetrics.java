package dev.warden.core;

import static dev.warden.core.telemetry.GenAiConventions.*;

import dev.warden.core.telemetry.WardenTelemetry;
import io.opentelemetry.api.common.Attributes;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoint metrics (an observer: records, never decides). Stateless but for a bounded cache of attribute sets.
 *
 * <ul>
 *   <li>{@code warden.decisions} — one per checkpoint, by {@code warden.checkpoint} and {@code warden.outcome};</li>
 *   <li>{@code warden.checkpoint.duration} (seconds) — one point per plane evaluation, by {@code warden.checkpoint},
 *       {@code warden.plane} and {@code warden.outcome} (that plane's own decision); decisions the runtime or a human
 *       made without evaluating a plane take no time and are not recorded here;</li>
 *   <li>{@code warden.denials} — one per deciding rule of a denied checkpoint, by {@code warden.checkpoint},
 *       {@code warden.rule.id} ({@code _none} when no rule decided, e.g. a run limit) and {@code warden.code}.</li>
 * </ul>
 *
 * <p>Cardinality is bounded: checkpoints, outcomes and codes are closed sets, planes and rule ids come from the loaded
 * configuration and policies; past {@link #MAX_RULE_IDS} distinct rule ids, further ones count as {@code _OTHER}.
 */
final class CheckpointMetrics {
    static final int MAX_RULE_IDS = 1000;
    static final String NO_RULE = "_none";
    static final String OTHER = "_OTHER";
    private static final Set<String> INSTANT_PLANES =
            Set.of(Governor.RUNTIME_PLANE, Verdict.APPROVAL_PLANE, Verdict.CONFIRMATION_PLANE);

    private final WardenTelemetry telemetry;
    private final EnumMap<Checkpoint, Attributes[]> byOutcome = new EnumMap<>(Checkpoint.class);
    /** checkpoint → plane → attributes by outcome ordinal; built once per plane, no allocation per checkpoint. */
    private final EnumMap<Checkpoint, ConcurrentHashMap<String, Attributes[]>> planeAttributes =
            new EnumMap<>(Checkpoint.class);
    private final Set<String> ruleIds = ConcurrentHashMap.newKeySet();

    CheckpointMetrics(WardenTelemetry telemetry) {
        this.telemetry = telemetry;
        for (Checkpoint cp : Checkpoint.values()) {
            Attributes[] attrs = new Attributes[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                attrs[o.ordinal()] = Attributes.of(WARDEN_CHECKPOINT, cp.name(), WARDEN_OUTCOME, o.name());
            }
            byOutcome.put(cp, attrs);
            planeAttributes.put(cp, new ConcurrentHashMap<>());
        }
    }

    /** Counts a decision the runtime refused before it could name a checkpoint's context (malformed input). */
    void malformed(Checkpoint checkpoint) {
        telemetry.decisions().add(1, byOutcome.get(checkpoint)[Outcome.DENY.ordinal()]);
    }

    void record(Verdict verdict) {
        Checkpoint cp = verdict.checkpoint();
        telemetry.decisions().add(1, byOutcome.get(cp)[verdict.outcome().ordinal()]);
        for (PlaneDecision pd : verdict.decisions()) {
            if (INSTANT_PLANES.contains(pd.plane())) {
                continue;
            }
            Attributes[] attrs = planeAttributes.get(cp).computeIfAbsent(pd.plane(), plane -> {
                Attributes[] a = new Attributes[Outcome.values().length];
                for (Outcome o : Outcome.values()) {
                    a[o.ordinal()] = Attributes.of(WARDEN_CHECKPOINT, cp.name(), WARDEN_PLANE, plane, WARDEN_OUTCOME,
                            o.name());
                }
                return a;
            });
            telemetry.checkpointDuration().record(pd.latencyNanos() / 1e9, attrs[outcomeOf(pd.decision()).ordinal()]);
        }
        if (verdict.outcome() == Outcome.DENY) {
            String code = verdict.code() == null ? NO_RULE : verdict.code();
            List<String> rules = verdict.ruleIds();
            if (rules.isEmpty()) {
                telemetry.denials().add(1, Attributes.of(WARDEN_CHECKPOINT, cp.name(), WARDEN_RULE_ID, NO_RULE,
                        WARDEN_CODE, code));
            }
            for (String rule : rules) {
                telemetry.denials().add(1, Attributes.of(WARDEN_CHECKPOINT, cp.name(), WARDEN_RULE_ID, bounded(rule),
                        WARDEN_CODE, code));
            }
        }
    }

    private String bounded(String rule) {
        if (ruleIds.contains(rule)) {
            return rule;
        }
        if (ruleIds.size() >= MAX_RULE_IDS) {
            return OTHER;
        }
        ruleIds.add(rule);
        return rule;
    }

    static Outcome outcomeOf(Decision d) {
        if (d instanceof Decision.Allow) {
            return Outcome.ALLOW;
        }
        if (d instanceof Decision.Transform) {
            return Outcome.TRANSFORM;
        }
        if (d instanceof Decision.RequireConfirmation) {
            return Outcome.REQUIRE_CONFIRMATION;
        }
        if (d instanceof Decision.RequireApproval) {
            return Outcome.REQUIRE_APPROVAL;
        }
        return d instanceof Decision.Deny ? Outcome.DENY : Outcome.ERROR;
    }
}
