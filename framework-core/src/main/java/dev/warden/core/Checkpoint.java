package dev.warden.core;

/**
 * The points in an agent run where the runtime stops and asks the policy planes for a {@link Decision}.
 *
 * <p>Every side effect of a governed agent passes one of these. The set is closed on purpose: a plane subscribes to
 * the checkpoints it cares about and the {@link Governor} only consults it there.
 */
public enum Checkpoint {
    /** Messages are about to be sent to the model. */
    MODEL_REQUEST("llm_input"),
    /** The model answered; its text and requested tool calls are known, nothing has run yet. */
    MODEL_RESPONSE("llm_output"),
    /** A tool is about to be invoked with these arguments. */
    TOOL_CALL("tool_call"),
    /** A tool returned; its result is about to enter the model context (labels attached). */
    TOOL_RESULT("tool_result"),
    /** Retrieved content (RAG) is about to enter the model context. */
    RETRIEVAL("retrieval"),
    /** The agent is about to hand a task to another agent. */
    DELEGATION("delegation"),
    /** Another agent's result is about to enter this agent's context. */
    DELEGATION_RESULT("delegation_result"),
    /** The final answer is about to leave the agent (egress to the user channel). */
    AGENT_OUTPUT("agent_output");

    private final String targetType;

    Checkpoint(String targetType) {
        this.targetType = targetType;
    }

    /** Low-cardinality name used in audit records and as a policy action name. */
    public String targetType() {
        return targetType;
    }
}
