package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The proof that keeps the second evaluator (decision 0031): at least a million generated (condition, input) pairs,
 * every one evaluated by CEL and by {@link NativeCondition}; wherever the translation decides, its answer is CEL's
 * boolean, and it never decides where CEL fails (an error must reach CEL so the rule fails closed). Conditions come
 * from {@link ConditionGenerator}'s grammar, inputs from {@link DifferentialInputs}; both are seeded, so a failure
 * names the seed that reproduces it ({@code -Dwarden.fuzz.seed=…}, {@code -Dwarden.fuzz.pairs=…} to run longer).
 */
class GeneratedConditionsDifferentialTest {
    private static final long SEED = Long.getLong("warden.fuzz.seed", 20261204L);
    private static final long PAIRS = Long.getLong("warden.fuzz.pairs", 1_000_000L);
    private static final int INPUTS = 512;
    private static final int INPUTS_PER_CONDITION = 64;
    private static final int SHARDS = 16;

    @Test
    void generated_conditions_decided_natively_always_agree_with_cel() {
        Random inputs = new Random(SEED);
        List<CheckpointRequest> requests = new ArrayList<>();
        List<GovernanceContext> contexts = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            requests.add(DifferentialInputs.request(inputs));
            contexts.add(DifferentialInputs.context(inputs));
        }
        // independent seeded shards, so the run uses every core and stays reproducible
        Tally tally = IntStream.range(0, SHARDS).parallel()
                .mapToObj(shard -> shard(new Random(SEED * 31 + shard), PAIRS / SHARDS + 1, requests, contexts))
                .reduce(new Tally(), Tally::plus);
        assertThat(tally.mismatches).as("native answers that differ from CEL (seed %d)", SEED).isEmpty();
        assertThat(tally.pairs).isGreaterThanOrEqualTo(PAIRS);
        // the generator must exercise all three paths, or the agreement above would prove little
        assertThat(tally.decided).as("pairs decided natively").isGreaterThan(tally.pairs / 4);
        assertThat(tally.celErrors).as("pairs on which CEL fails").isGreaterThan(tally.pairs / 50);
        assertThat(tally.undecided).as("pairs left to CEL").isGreaterThan(tally.pairs / 20);
        System.out.printf("differential fuzz, seed %d: %d conditions (%d rejected by the checker), %d pairs: "
                        + "%d decided natively, %d left to CEL, %d CEL errors%n", SEED, tally.conditions,
                tally.rejected, tally.pairs, tally.decided, tally.undecided, tally.celErrors);
    }

    private static Tally shard(Random random, long pairs, List<CheckpointRequest> requests,
            List<GovernanceContext> contexts) {
        ConditionGenerator generator = new ConditionGenerator(random);
        Tally tally = new Tally();
        while (tally.pairs < pairs) {
            String expression = generator.condition(1 + random.nextInt(4));
            CelEnvironment.Compiled compiled = NativeConditionDifferentialTest.CEL.condition(expression);
            if (!compiled.ok()) {
                tally.rejected++;
                continue;
            }
            tally.conditions++;
            NativeCondition fast = NativeCondition.of(compiled.ast(), NativeConditionDifferentialTest.CLOCK);
            for (int k = 0; k < INPUTS_PER_CONDITION; k++) {
                int i = random.nextInt(INPUTS);
                tally.compare(expression, compiled, fast, requests.get(i), contexts.get(i));
            }
        }
        return tally;
    }

    private static final class Tally {
        long pairs;
        long conditions;
        long rejected;
        long decided;
        long undecided;
        long celErrors;
        final List<String> mismatches = new ArrayList<>();
        private String lastMismatch;

        Tally plus(Tally other) {
            Tally sum = new Tally();
            sum.pairs = pairs + other.pairs;
            sum.conditions = conditions + other.conditions;
            sum.rejected = rejected + other.rejected;
            sum.decided = decided + other.decided;
            sum.undecided = undecided + other.undecided;
            sum.celErrors = celErrors + other.celErrors;
            sum.mismatches.addAll(mismatches);
            sum.mismatches.addAll(other.mismatches);
            return sum;
        }

        void compare(String expression, CelEnvironment.Compiled compiled, NativeCondition fast,
                CheckpointRequest request, GovernanceContext context) {
            pairs++;
            Object cel;
            try {
                cel = compiled.program().eval(new RequestActivation(request, context));
            } catch (Exception e) {
                cel = null;
                celErrors++;
            }
            Boolean answer = fast == null ? null : fast.evaluate(new RequestActivation(request, context));
            if (answer == null) {
                undecided++;
                return;
            }
            decided++;
            if (!answer.equals(cel) && mismatches.size() < 20 && !expression.equals(lastMismatch)) {
                lastMismatch = expression;
                mismatches.add(String.format("%s%n    native %s, CEL %s, args %s, user %s, labels %s", expression,
                        answer, cel == null ? "error" : cel, request.arguments(), context.user().id(),
                        context.labels()));
            }
        }
    }
}
