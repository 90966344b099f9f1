package dev.warden.core;

/**
 * What a run has consumed so far. Budgets and rate limits condition on it.
 *
 * @param steps model steps taken
 * @param toolCalls tool calls executed (denied calls are not counted)
 * @param inputTokens tokens sent to the model, as reported by the provider
 * @param outputTokens tokens produced by the model
 */
public record Usage(int steps, int toolCalls, long inputTokens, long outputTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public Usage plusStep(long in, long out) {
        return new Usage(steps + 1, toolCalls, inputTokens + in, outputTokens + out);
    }

    public Usage plusToolCall() {
        return new Usage(steps, toolCalls + 1, inputTokens, outputTokens);
    }
}
