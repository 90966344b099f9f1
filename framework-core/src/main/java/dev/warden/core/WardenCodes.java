package dev.warden.core;

/**
 * Registry of the stable codes of framework-core. A code never changes meaning once released; a new situation gets
 * a new code. Planes keep their own registries ({@code WARDEN-ACT-…}, {@code WARDEN-DF-…}, …).
 */
public final class WardenCodes {
    private WardenCodes() {}

    /** A plane denied without giving a more specific code. */
    public static final String POLICY_DENY = "WARDEN-CORE-0001";
    /** A plane threw or returned no decision: fail closed. */
    public static final String PLANE_ERROR = "WARDEN-CORE-0002";
    /** A plane exceeded its time budget: fail closed. */
    public static final String PLANE_TIMEOUT = "WARDEN-CORE-0003";
    /** The model asked for a tool that does not exist for this agent. */
    public static final String UNKNOWN_TOOL = "WARDEN-CORE-0004";
    /** The model's tool-call arguments are not a JSON object. */
    public static final String MALFORMED_ARGUMENTS = "WARDEN-CORE-0005";
    /** The tool-call arguments violate the tool's JSON schema. */
    public static final String SCHEMA_VIOLATION = "WARDEN-CORE-0006";
    /** The run exceeded its maximum number of model steps. */
    public static final String MAX_STEPS = "WARDEN-CORE-0007";
    /** The run exceeded its maximum number of tool calls. */
    public static final String MAX_TOOL_CALLS = "WARDEN-CORE-0008";
    /** The decision could not be written to the audit trail, so it is not acted on. */
    public static final String AUDIT_UNAVAILABLE = "WARDEN-CORE-0009";
    /** A checkpoint was reached with a null or malformed request or context. */
    public static final String MALFORMED_REQUEST = "WARDEN-CORE-0010";
    /** An approver denied the pending action. */
    public static final String APPROVAL_DENIED = "WARDEN-CORE-0011";
    /** The pending approval expired before anyone decided. */
    public static final String APPROVAL_EXPIRED = "WARDEN-CORE-0012";
    /** Approval was required at a checkpoint where the runtime cannot suspend: treated as a denial. */
    public static final String APPROVAL_UNSUPPORTED = "WARDEN-CORE-0013";
    /** The model call itself failed. */
    public static final String MODEL_ERROR = "WARDEN-CORE-0014";
    /** The tool threw while executing (the call had been allowed). */
    public static final String TOOL_ERROR = "WARDEN-CORE-0015";
    /** The requester declined to confirm the pending call. */
    public static final String CONFIRMATION_DECLINED = "WARDEN-CORE-0220";
    /** The pending confirmation expired before the requester answered. */
    public static final String CONFIRMATION_EXPIRED = "WARDEN-CORE-0221";
    /** Confirmation was required where the runtime cannot suspend and ask the requester: treated as a refusal. */
    public static final String CONFIRMATION_UNSUPPORTED = "WARDEN-CORE-0222";
}
