package dev.warden.core;

/** Names of the well-known keys of {@link CheckpointRequest#attributes()} set by the governed agent loop. */
public final class CheckpointAttributes {
    private CheckpointAttributes() {}

    /**
     * The person's own request (trusted, user-authored); present at every checkpoint of a run. In a run a delegation
     * started it is the root request that travelled with the delegation ({@link RootRequest}), never the task text,
     * and absent when no root request of the run's principal arrived (decision 0073).
     */
    public static final String USER_INPUT = "userInput";
    /**
     * In a run a delegation started: the task text the calling agent's model wrote (the run's input), present at every
     * checkpoint. Values found only here are the caller model's output, not the person's request (decision 0073).
     */
    public static final String DELEGATED_TASK = "delegatedTask";
    /** At MODEL_RESPONSE: the names of the tools the model asked to call (a {@code List<String>}). */
    public static final String REQUESTED_TOOLS = "requestedTools";
    /** At MODEL_REQUEST / MODEL_RESPONSE: the model name. */
    public static final String MODEL = "model";
    /** At TOOL_RESULT: {@code true} when the tool threw instead of returning. */
    public static final String TOOL_FAILED = "toolFailed";
    /**
     * At TOOL_CALL: where each argument's value came from, by argument name (nested: {@code a.b}), as
     * {@code {kind: user|trusted|endorsed|untrusted|none, source: "...", derived: bool}}; see
     * {@link dev.warden.core.provenance.Provenance}. Set by the governed tool executor; booleans are not traced.
     */
    public static final String PROVENANCE = "provenance";
    /**
     * At TOOL_CALL: how many earlier calls of this run to the same tool, with the same argument values after
     * provenance's normalisation, went ahead and completed (an {@code Integer}); refused, declined and failed calls
     * do not count. Absent when the count cannot be known (no run id, the run's memory lost): a rule about repeats
     * guards with {@code !has(attributes.repeats) || attributes.repeats > 0}. See
     * {@link dev.warden.core.provenance.CallRepeats}.
     */
    public static final String REPEATS = "repeats";
    /**
     * At TOOL_CALL, with {@link #REPEATS}: earlier completed calls of this run to a tool with the same effects (send
     * or schedule a payment) whose numbers and destinations (IBAN, e-mail, web or file address) are the same argument
     * by argument; other text (a subject, a date) and flags are ignored. Absent when {@link #REPEATS} is.
     */
    public static final String SIMILAR_CALLS = "similarCalls";
    /**
     * At TOOL_RESULT: the labels of the result's JSON fields by field name (lower case), a
     * {@code Map<String, Labels>} — the tool's declared {@link dev.warden.core.provenance.ItemLabels#fieldLabels()}
     * and what it declared for this call ({@link dev.warden.core.tools.ResultLabels#declareFields}). A data-flow plane
     * may bind them to the fields' values. Absent when the tool declares no field labels.
     */
    public static final String FIELD_LABELS = "fieldLabels";
    /**
     * At TOOL_RESULT with {@link #FIELD_LABELS}: the result's labels before the labels of the fields it holds were
     * joined in (the tool's whole-result labels), so a plane can tell what the fields added.
     */
    public static final String BASE_LABELS = "baseLabels";
    /** At TOOL_CALL after a human approved: the approver's id. */
    public static final String APPROVED_BY = "approvedBy";
    /**
     * At MODEL_REQUEST: the parts the request carries, each with its labels ({@code List<Map>}; see
     * {@link ModelInputs}). A plane that withholds a part answers with a Transform whose arguments map the part's id
     * to the marker sent instead.
     */
    public static final String MODEL_INPUTS = "modelInputs";
    /** At TOOL_CALL after the requester confirmed the exact call: the requester's id. */
    public static final String CONFIRMED_BY = "confirmedBy";
    /**
     * At TOOL_RESULT / DELEGATION_RESULT: values in the content whose labels are bound to them (a
     * {@code List<LabelledValue>}; a callee's answer holding a RESTRICTED remark), with {@link #BASE_LABELS} the
     * labels of the rest. A data-flow plane decides later egress on the values that appear in what is sent
     * ({@link FlowLabels}). Absent when the content is labelled as a whole.
     */
    public static final String VALUE_LABELS = "valueLabels";
}
