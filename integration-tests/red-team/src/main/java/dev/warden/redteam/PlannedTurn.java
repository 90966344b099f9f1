package dev.warden.redteam;

import java.util.ArrayList;
import java.util.List;

/**
 * One model turn of a scripted run: the calls the model asks for, and whether they serve the attacker.
 *
 * @param calls the tool calls of the turn
 * @param attack {@code true} when the turn carries out the injected instruction
 */
public record PlannedTurn(List<Scenario.ToolCallSpec> calls, boolean attack) {
    public PlannedTurn {
        calls = List.copyOf(calls);
    }

    /**
     * The turns of a run: the user task's turns, with the attack's turns inserted after {@code afterTurn} user turns
     * for {@link Strategy#OBEDIENT} and {@link Strategy#ADAPTIVE} (the variant's turns and insertion point).
     *
     * @param variant required for {@link Strategy#ADAPTIVE}, ignored otherwise
     */
    public static List<PlannedTurn> plan(Scenario s, Strategy strategy, Scenario.Variant variant) {
        List<PlannedTurn> out = new ArrayList<>();
        for (List<Scenario.ToolCallSpec> t : s.userTask().turns()) {
            out.add(new PlannedTurn(t, false));
        }
        if (strategy == Strategy.BENIGN) {
            return out;
        }
        List<List<Scenario.ToolCallSpec>> attackTurns;
        int after;
        if (strategy == Strategy.ADAPTIVE) {
            if (variant == null) {
                throw new IllegalArgumentException("an adaptive run needs a variant");
            }
            attackTurns = variant.turns();
            after = variant.afterTurn() != null ? variant.afterTurn() : s.attack().afterTurnOr(1);
        } else {
            attackTurns = s.attack().turns();
            after = s.attack().afterTurnOr(1);
        }
        int at = Math.max(0, Math.min(after, out.size()));
        List<PlannedTurn> inserted = new ArrayList<>();
        for (List<Scenario.ToolCallSpec> t : attackTurns) {
            inserted.add(new PlannedTurn(t, true));
        }
        out.addAll(at, inserted);
        return out;
    }
}
