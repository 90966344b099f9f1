package dev.warden.redteam;

/**
 * Runs one scenario with one strategy and reports what happened. An in-process target drives the real governed loop
 * over a fresh environment per run; {@link HttpScenarioTarget} drives a deployed service.
 *
 * <p>Implementations must give every run a fresh environment, so runs are independent and their order does not
 * matter. A harness problem (an injection that never reached the model, an unknown check) is an
 * {@link IllegalStateException} with a {@link RedTeamCodes} code, never a silently passing run.
 */
public interface ScenarioTarget {

    /**
     * @param variant the adaptive variant for {@link Strategy#ADAPTIVE}, {@code null} otherwise
     */
    AttemptResult run(Scenario scenario, Strategy strategy, Scenario.Variant variant);
}
