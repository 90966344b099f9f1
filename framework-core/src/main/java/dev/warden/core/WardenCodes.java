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
    /**
     * The last line of the JSONL audit file is cut off (a write interrupted by a crash or a full disk): the store does
     * not open until it is repaired (truncated to the last complete record, the cut-off bytes kept, audited).
     */
    public static final String AUDIT_TORN_TAIL = "WARDEN-CORE-0140";
    /** The JSONL audit file (or its signed head) cannot be read, or a complete line in it is not a record. */
    public static final String AUDIT_FILE_UNREADABLE = "WARDEN-CORE-0141";
    /** The JSONL audit file does not end at its signed head, or the head's signature is invalid: tampering. */
    public static final String AUDIT_HEAD_MISMATCH = "WARDEN-CORE-0142";
    /** The JSONL audit file has records but no signed head file (deleted, or written before signing was on). */
    public static final String AUDIT_HEAD_UNSIGNED = "WARDEN-CORE-0143";
    /** No key to sign the JSONL audit head is configured where one is required (the prod profile), or it is bad. */
    public static final String AUDIT_HEAD_KEY = "WARDEN-CORE-0144";
    /** Audit record written by the store itself about a recovery: a repaired tail, an adopted record or trail. */
    public static final String AUDIT_RECOVERED = "WARDEN-CORE-0145";
    /**
     * The model's answer (its text and tool calls together) was larger than the agent's bound: refused at
     * {@code MODEL_RESPONSE} before any plane scanned it, and the run ended (decision 0066).
     */
    public static final String MODEL_ANSWER_TOO_LARGE = "WARDEN-CORE-0146";

    /** The run reached its wall-clock deadline (its own budget or its caller's): in-flight work was cancelled. */
    public static final String RUN_DEADLINE = "WARDEN-CORE-0240";
    /** A tool did not finish within its own time budget: it was cancelled and the model told so. */
    public static final String TOOL_TIMEOUT = "WARDEN-CORE-0241";

    /** The requester declined to confirm the pending call. */
    public static final String CONFIRMATION_DECLINED = "WARDEN-CORE-0220";
    /** The pending confirmation expired before the requester answered. */
    public static final String CONFIRMATION_EXPIRED = "WARDEN-CORE-0221";
    /** Confirmation was required where the runtime cannot suspend and ask the requester: treated as a refusal. */
    public static final String CONFIRMATION_UNSUPPORTED = "WARDEN-CORE-0222";

    /**
     * The conversation a run continues could not be loaded (its store failed): the run is refused rather than run as
     * if its memory held nothing — it would start below the labels of what it holds.
     */
    public static final String MEMORY_UNAVAILABLE = "WARDEN-CORE-0540";

    /** A streamed answer's screen threw while judging a piece of text: the stream ends (fail closed). */
    public static final String STREAM_SCREEN_FAILED = "WARDEN-STR-0660";
    /** The reader of a streamed run went away: the model call was cancelled and the run ended, audited. */
    public static final String STREAM_CANCELLED = "WARDEN-STR-0661";
    /**
     * A check after delivery would have rewritten text the reader already has ({@code MODEL_RESPONSE} or
     * {@code AGENT_OUTPUT} transformed streamed text): what was delivered cannot be taken back, so the run ends refused.
     */
    public static final String STREAM_REWRITE_AFTER_DELIVERY = "WARDEN-STR-0662";
    /** A reader resumed a run's event stream from an event the bounded per-run buffer no longer holds. */
    public static final String STREAM_EVENTS_LOST = "WARDEN-STR-0663";
}
