package dev.warden.redteam;

/**
 * A target that runs attempts in-process and retries one (at most twice) when the injection never reached the model
 * because a plane overran its time budget on the way — a legitimate fail-closed outcome on a loaded machine, but one
 * that measures nothing. Any other undelivered injection is an error in the scenario.
 */
abstract class InProcessTarget implements ScenarioTarget {

    @Override
    public final AttemptResult run(Scenario s, Strategy strategy, Scenario.Variant variant) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt(s, strategy, variant);
            } catch (UndeliveredInjection e) {
                if (!e.budgetOverrun || retry >= 2) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    protected abstract AttemptResult attempt(Scenario s, Strategy strategy, Scenario.Variant variant);

    /** The run ended before the model read the injection. */
    static final class UndeliveredInjection extends RuntimeException {
        final boolean budgetOverrun;

        UndeliveredInjection(String message, boolean budgetOverrun) {
            super(message);
            this.budgetOverrun = budgetOverrun;
        }
    }
}
