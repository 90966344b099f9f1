package dev.warden.test;

import dev.warden.core.agent.RunResult;

/**
 * Entry point of the fluent assertions on runs and their decisions.
 *
 * <pre>{@code
 * assertThat(agent.runBlocking("Send 900 EUR to FR14...", alice)).awaitingApproval();
 * assertThatRunJson(response.asString()).completed().deniedBy("recipient-from-user-or-records");
 * }</pre>
 */
public final class WardenAssertions {
    private WardenAssertions() {}

    /** Assertions on an in-process run. */
    public static RunAssert assertThat(RunResult run) {
        return new RunAssert(RunSnapshot.of(run));
    }

    /** Assertions on the REST API's run JSON (the body of a run, approval or confirmation response). */
    public static RunAssert assertThatRunJson(String json) {
        return new RunAssert(RunSnapshot.ofJson(json));
    }
}
