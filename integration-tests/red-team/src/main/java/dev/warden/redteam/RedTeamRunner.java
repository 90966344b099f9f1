package dev.warden.redteam;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every scenario with every strategy against a target: one benign run, one obedient run (when the attack has
 * turns) and one run per adaptive variant. Sequential; the target gives each run a fresh environment.
 *
 * <pre>{@code
 * Scorecard card = new RedTeamRunner(target).run(new ScenarioLoader().loadDirectory(dir));
 * System.out.println(card.markdown());
 * }</pre>
 */
public final class RedTeamRunner {
    private final ScenarioTarget target;

    public RedTeamRunner(ScenarioTarget target) {
        this.target = target;
    }

    public Scorecard run(List<Scenario> scenarios) {
        List<AttemptResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(target.run(s, Strategy.BENIGN, null));
            if (!s.attack().turns().isEmpty()) {
                results.add(target.run(s, Strategy.OBEDIENT, null));
            }
            for (Scenario.Variant v : s.attack().variants()) {
                results.add(target.run(s, Strategy.ADAPTIVE, v));
            }
        }
        return new Scorecard(scenarios, results);
    }
}
