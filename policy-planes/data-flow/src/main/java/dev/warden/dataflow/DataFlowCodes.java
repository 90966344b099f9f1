package dev.warden.dataflow;

/**
 * Registry of the stable codes of the data-flow plane. A code never changes meaning once released; a new situation
 * gets a new code. Rule ids ({@code df-…}) name the built-in rule that decided and appear in every decision's basis.
 */
public final class DataFlowCodes {
    private DataFlowCodes() {}

    /** The flow's labels are above the sink's clearance (tool arguments, delegation or answer to the user). */
    public static final String EGRESS_ABOVE_CLEARANCE = "WARDEN-DF-0001";
    /** Untrusted content is in the context and the tool has a high-risk effect. */
    public static final String UNTRUSTED_HIGH_RISK = "WARDEN-DF-0002";
    /** The request is malformed for its checkpoint (no tool at TOOL_CALL, no target at DELEGATION…). */
    public static final String MALFORMED_REQUEST = "WARDEN-DF-0003";
    /** A high-risk argument value appears only in untrusted content, not in the user's request or trusted data. */
    public static final String PROVENANCE_UNTRUSTED = "WARDEN-DF-0004";
    /** A high-risk argument value appears nowhere the run has seen, and the context is untrusted. */
    public static final String PROVENANCE_UNKNOWN = "WARDEN-DF-0005";
    /** A retrieved segment's label metadata is malformed; the segment was labelled most restrictively. */
    public static final String MALFORMED_LABEL_METADATA = "WARDEN-DF-0006";
    /** A retrieved segment is above the user's clearance and was dropped before the model saw it. */
    public static final String SEGMENT_ABOVE_CLEARANCE = "WARDEN-DF-0007";
    /** Egress content could not be scanned (binary or beyond the scan limit) and the sink may not receive it. */
    public static final String EGRESS_UNSCANNABLE = "WARDEN-DF-0008";
    /** A model request carries content above the model's clearance and the model's mode is to refuse the step. */
    public static final String MODEL_ABOVE_CLEARANCE = "WARDEN-DF-0360";
    /** A model request carries a part whose labels are unknown, above the model's clearance (fail closed). */
    public static final String MODEL_INPUT_UNLABELLED = "WARDEN-DF-0361";

    /** Rule id: labels attached to content entering the context. */
    public static final String RULE_CONTENT_LABELS = "df-content-labels";
    /** Rule id: egress compared with the sink clearance. */
    public static final String RULE_EGRESS = "df-egress-clearance";
    /** Rule id: egress redacted to fit the sink clearance. */
    public static final String RULE_REDACTION = "df-egress-redaction";
    /** Rule id: high-risk effect after untrusted content entered the context. */
    public static final String RULE_UNTRUSTED_HIGH_RISK = "df-untrusted-high-risk";
    /** Rule id: provenance of high-risk argument values. */
    public static final String RULE_PROVENANCE = "df-argument-provenance";
    /** Rule id: a high-risk argument found only in a source the user named, held for approval. */
    public static final String RULE_ENDORSED = "df-endorsed-source";
    /** Rule id: an argument with a sink of its own carries labels above that sink's clearance. */
    public static final String RULE_ARGUMENT_SINK = "df-argument-sink";
    /** Rule id: what a model request carries compared with the model's clearance (the model as a sink). */
    public static final String RULE_MODEL_CLEARANCE = "df-model-clearance";
    /** Rule id: an auto-loading image in an answer to a host that is not allowed was removed (decision 0051). */
    public static final String RULE_ANSWER_IMAGES = "df-answer-images";
    /** Rule id: malformed request. */
    public static final String RULE_MALFORMED = "df-malformed-request";
}
