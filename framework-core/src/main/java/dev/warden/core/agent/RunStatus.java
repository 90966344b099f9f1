package dev.warden.core.agent;

/** How a run ended (or paused). */
public enum RunStatus {
    /** The agent produced an output that passed {@code AGENT_OUTPUT}. */
    COMPLETED,
    /** A tool call needs human approval; the run is suspended and can be resumed exactly once. */
    AWAITING_APPROVAL,
    /**
     * A tool call needs the requester's own confirmation of exactly that call; the run is suspended and can be resumed
     * exactly once, by the requester.
     */
    AWAITING_CONFIRMATION,
    /** A policy stopped the run (model request/response or output denied, approval denied or expired). */
    DENIED,
    /** The run could not finish: a plane error, a model error, a limit (max steps, max tool calls). */
    FAILED,
    /**
     * The run reached its wall-clock deadline ({@code WARDEN-CORE-0240}); the model call, tool or delegated run in
     * flight was cancelled and nothing further was started.
     */
    TIMED_OUT,
    /**
     * The reader of a streaming run went away ({@code WARDEN-STR-0661}): the model call in flight was cancelled, nothing
     * further was started, and the abort is audited.
     */
    CANCELLED
}
