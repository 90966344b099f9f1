package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Java translation of conditions never disagrees with CEL: on random requests, whenever {@link NativeCondition}
 * decides, CEL yields the same boolean (and never an error); when CEL errors, the translation leaves it undecided.
 */
class NativeConditionDifferentialTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final CelEnvironment CEL = new CelEnvironment(CLOCK);
    static final List<String> EXPRESSIONS = NativeConditionCorpus.expressions();
    static final List<CelEnvironment.Compiled> COMPILED = EXPRESSIONS.stream().map(CEL::condition).toList();
    static final List<NativeCondition> NATIVE = COMPILED.stream()
            .map(c -> c.ok() ? NativeCondition.of(c.ast(), CLOCK) : null).toList();

    @Property(tries = 400)
    void decidedResultsAgreeWithCel(@ForAll("requests") CheckpointRequest request,
            @ForAll("contexts") GovernanceContext context) {
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            assertThat(COMPILED.get(i).ok()).as(EXPRESSIONS.get(i) + ": " + COMPILED.get(i).error()).isTrue();
            Object cel;
            try {
                cel = COMPILED.get(i).program().eval(new RequestActivation(request, context));
            } catch (Exception e) {
                cel = "error: " + e.getMessage();
            }
            Boolean fast = NATIVE.get(i) == null ? null : NATIVE.get(i).evaluate(new RequestActivation(request, context));
            if (fast != null) {
                assertThat((Object) fast).as("%s with %s and %s", EXPRESSIONS.get(i), request.arguments(), context)
                        .isEqualTo(cel);
            }
        }
    }

    @Provide
    Arbitrary<CheckpointRequest> requests() {
        return Arbitraries.randomValue(DifferentialInputs::request);
    }

    @Provide
    Arbitrary<GovernanceContext> contexts() {
        return Arbitraries.randomValue(DifferentialInputs::context);
    }
}
