package dev.warden.core;

/**
 * What the run is for.
 *
 * @param runId id of this run; stays the same across suspension and resumption
 * @param conversationId conversation the run belongs to, may be {@code null}
 * @param purpose declared purpose of the task (e.g. {@code customer-support}); policies may restrict tools by purpose
 * @param request the person's own request behind this run (decision 0073): the run's input when a person started it,
 *     the caller's root request when a delegation did; {@code null} when unknown (a delegated run without one counts
 *     nothing as the user's)
 */
public record TaskContext(String runId, String conversationId, String purpose, RootRequest request) {
    /** A task without a known root request. */
    public TaskContext(String runId, String conversationId, String purpose) {
        this(runId, conversationId, purpose, null);
    }

    public static TaskContext of(String runId) {
        return new TaskContext(runId, null, null, null);
    }

    public TaskContext withRunId(String value) {
        return new TaskContext(value, conversationId, purpose, request);
    }

    public TaskContext withRequest(RootRequest value) {
        return new TaskContext(runId, conversationId, purpose, value);
    }
}
