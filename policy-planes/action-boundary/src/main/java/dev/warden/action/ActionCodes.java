package dev.warden.action;

/**
 * Registry of the stable codes of the action-boundary plane. A code never changes meaning once released; a new
 * situation gets a new code. Rules of policy files may declare their own codes; the shipped examples use the
 * {@code 01xx} range listed here.
 */
public final class ActionCodes {
    private ActionCodes() {}

    /** The tool is not on the agent's allow list. */
    public static final String TOOL_NOT_ALLOWED = "WARDEN-ACT-0001";
    /** The tool is on the agent's deny list. */
    public static final String TOOL_DENIED = "WARDEN-ACT-0002";
    /** A budget or rate limit would be exceeded; the reason names the budget. */
    public static final String BUDGET_EXCEEDED = "WARDEN-ACT-0003";
    /** The request is malformed for its checkpoint (tool call without a tool…). */
    public static final String MALFORMED_REQUEST = "WARDEN-ACT-0004";
    /** The amount argument a money budget meters is missing, not a number, or negative. */
    public static final String AMOUNT_INVALID = "WARDEN-ACT-0005";
    /** The budget store could not answer (full, unreachable): fail closed. */
    public static final String BUDGET_STORE_UNAVAILABLE = "WARDEN-ACT-0006";

    /** Example policy: CRM tools are read-only for this agent. */
    public static final String EXAMPLE_CRM_READ_ONLY = "WARDEN-ACT-0101";
    /** Example policy: only SELECT statements may run. */
    public static final String EXAMPLE_SQL_SELECT_ONLY = "WARDEN-ACT-0102";
    /** Example policy: an argument constraint failed (e.g. too many rows requested). */
    public static final String EXAMPLE_ARGUMENT_CONSTRAINT = "WARDEN-ACT-0103";
}
