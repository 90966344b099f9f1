package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DecisionCombinerProperties {
    private static final CheckpointRequest REQ =
            CheckpointRequest.toolCall(1, ToolDescriptor.named("t"), "c1", Map.of("a", 1));

    @Provide
    Arbitrary<List<PlaneDecision>> decisions() {
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        Arbitrary<Boolean> monitor = Arbitraries.of(true, false, false, false);
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 99);
        Arbitrary<PlaneDecision> one = Combinators.combine(kind, monitor, id).as((k, m, i) -> {
            Basis b = Basis.rule("p" + i, "set", "1", "r" + i);
            if (m) {
                b = b.monitor();
            }
            Decision d = switch (k) {
                case 0 -> new Decision.Allow(List.of(Obligation.of("o" + i)), b);
                case 1 -> Decision.deny("no " + i, "C-" + i, b);
                case 2 -> Decision.requireApproval("ask " + i, Set.of("manager"), Duration.ofMinutes(i + 1), b);
                case 3 -> Decision.redactArguments(Map.of("a", i), "redact " + i, b);
                case 4 -> Decision.requireConfirmation("confirm " + i, Duration.ofMinutes(i + 1),
                        List.of(new ArgumentOrigin("a", ArgumentOrigin.UNTRUSTED, "src" + i, null)), b);
                default -> Decision.failure("err " + i, WardenCodes.PLANE_ERROR, b);
            };
            return new PlaneDecision("p" + i, d, 0);
        });
        return one.list().ofMaxSize(12);
    }

    private static Verdict combine(List<PlaneDecision> ds) {
        return DecisionCombiner.combine(Checkpoint.TOOL_CALL, ds, REQ, 0);
    }

    private static boolean any(List<PlaneDecision> ds, Class<? extends Decision> type) {
        return ds.stream().anyMatch(pd -> type.isInstance(pd.decision()) && pd.decision().basis().enforced());
    }

    @Property
    void any_enforced_deny_wins(@ForAll("decisions") List<PlaneDecision> ds) {
        if (any(ds, Decision.Deny.class)) {
            assertThat(combine(ds).outcome()).isEqualTo(Outcome.DENY);
        }
    }

    @Property
    void a_plane_error_never_yields_allow(@ForAll("decisions") List<PlaneDecision> ds) {
        if (any(ds, Decision.Failure.class)) {
            Verdict v = combine(ds);
            assertThat(v.proceeds()).isFalse();
            assertThat(v.outcome()).isIn(Outcome.ERROR, Outcome.DENY);
        }
    }

    @Property
    void approval_wins_over_allow_and_transform_only(@ForAll("decisions") List<PlaneDecision> ds) {
        Verdict v = combine(ds);
        boolean blocked = any(ds, Decision.Deny.class) || any(ds, Decision.Failure.class);
        if (!blocked && any(ds, Decision.RequireApproval.class)) {
            assertThat(v.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
            assertThat(v.approval()).isNotNull();
        }
        if (!blocked && !any(ds, Decision.RequireApproval.class) && !any(ds, Decision.RequireConfirmation.class)) {
            assertThat(v.outcome()).isEqualTo(any(ds, Decision.Transform.class) ? Outcome.TRANSFORM : Outcome.ALLOW);
        }
    }

    @Property
    void confirmation_sits_between_approval_and_transform(@ForAll("decisions") List<PlaneDecision> ds) {
        Verdict v = combine(ds);
        boolean stronger = any(ds, Decision.Deny.class) || any(ds, Decision.Failure.class)
                || any(ds, Decision.RequireApproval.class);
        if (!stronger && any(ds, Decision.RequireConfirmation.class)) {
            assertThat(v.outcome()).isEqualTo(Outcome.REQUIRE_CONFIRMATION);
            assertThat(v.confirmation()).isNotNull();
            assertThat(v.proceeds()).isFalse();
            Duration min = ds.stream().filter(pd -> pd.decision() instanceof Decision.RequireConfirmation r
                    && r.basis().enforced()).map(pd -> ((Decision.RequireConfirmation) pd.decision()).ttl())
                    .min(Duration::compareTo).orElseThrow();
            assertThat(v.confirmation().ttl()).isEqualTo(min);
        }
        if (v.outcome() != Outcome.REQUIRE_CONFIRMATION) {
            assertThat(v.confirmation()).isNull();
        }
    }

    @Property
    void argument_origins_of_enforced_escalations_reach_the_verdict(@ForAll("decisions") List<PlaneDecision> ds) {
        boolean described = ds.stream().anyMatch(pd -> pd.decision().basis().enforced()
                && pd.decision() instanceof Decision.RequireConfirmation);
        assertThat(combine(ds).origins()).hasSize(described ? 1 : 0);
    }

    @Property
    void outcome_does_not_depend_on_order(@ForAll("decisions") List<PlaneDecision> ds, @ForAll long seed) {
        List<PlaneDecision> shuffled = new ArrayList<>(ds);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(combine(shuffled).outcome()).isEqualTo(combine(ds).outcome());
        assertThat(combine(shuffled).obligations()).hasSameElementsAs(combine(ds).obligations());
    }

    @Property
    void monitor_decisions_never_change_the_outcome(@ForAll("decisions") List<PlaneDecision> ds) {
        List<PlaneDecision> enforcedOnly = ds.stream().filter(pd -> pd.decision().basis().enforced()).toList();
        assertThat(combine(ds).outcome()).isEqualTo(combine(enforcedOnly).outcome());
    }

    @Property
    void obligations_accumulate_from_every_enforced_allow(@ForAll("decisions") List<PlaneDecision> ds) {
        long expected = ds.stream().filter(pd -> pd.decision() instanceof Decision.Allow a && a.basis().enforced())
                .mapToLong(pd -> ((Decision.Allow) pd.decision()).obligations().size()).sum();
        assertThat(combine(ds).obligations()).hasSize((int) expected);
    }

    @Property
    void approval_ttl_is_the_shortest_requested(@ForAll("decisions") List<PlaneDecision> ds) {
        Verdict v = combine(ds);
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            Duration min = ds.stream().filter(pd -> pd.decision() instanceof Decision.RequireApproval r
                    && r.basis().enforced()).map(pd -> ((Decision.RequireApproval) pd.decision()).ttl())
                    .min(Duration::compareTo).orElseThrow();
            assertThat(v.approval().ttl()).isEqualTo(min);
        }
    }
}
