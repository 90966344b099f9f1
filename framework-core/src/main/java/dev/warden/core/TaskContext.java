package dev.warden.core;

/**
 * What the run is for.
 *
 * @param runId id of this run; stays the same across suspension and resumption
 * @param conversationId conversation the run belongs to, may be {@code null}
 * @param purpose declared purpose of the task (e.g. {@code customer-support}); policies may restrict tools by purpose
 */
public record TaskContext(String runId, String conversationId, String purpose) {
    public static TaskContext of(String runId) {
        return new TaskContext(runId, null, null);
    }

    public TaskContext withRunId(String value) {
        return new TaskContext(value, conversationId, purpose);
    }
}
