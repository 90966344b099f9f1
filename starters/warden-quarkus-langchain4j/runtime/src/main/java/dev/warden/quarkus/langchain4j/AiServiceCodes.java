package dev.warden.quarkus.langchain4j;

/**
 * Registry of the stable codes of Warden's Quarkus LangChain4j governance. A code never changes meaning once
 * released; a new situation gets a new code. Policy decisions carry their rule's or plane's own code instead.
 */
public final class AiServiceCodes {
    private AiServiceCodes() {}

    /** The model's tool-call arguments are not a JSON object: the tool did not run. */
    public static final String TOOL_ARGUMENTS_NOT_JSON = "WARDEN-LC4J-0001";
    /** The model asked for a tool Warden has no governance metadata for: the tool did not run. */
    public static final String TOOL_WITHOUT_METADATA = "WARDEN-LC4J-0002";
    /** A policy requires approval for a tool call; an AI service cannot wait for it, so the call was refused. */
    public static final String TOOL_NEEDS_APPROVAL = "WARDEN-LC4J-0003";
    /**
     * A policy requires the requester to confirm a tool call; an AI service cannot suspend to ask, so the call was
     * refused (fail closed). Use a {@code @WardenAgent} for confirmation flows.
     */
    public static final String TOOL_NEEDS_CONFIRMATION = "WARDEN-LC4J-0220";
    /**
     * A governed AI-service model was called outside a governed invocation of its service (another thread, a
     * code path Quarkus LangChain4j added later): refused, since its user and earlier labels are unknown.
     */
    public static final String MODEL_CALL_OUTSIDE_INVOCATION = "WARDEN-LC4J-0004";
    /**
     * The invocation made a model call that did not pass through Warden (e.g. a model chosen per call with a
     * {@code @ModelName} parameter): its output is withheld.
     */
    public static final String UNGOVERNED_MODEL_CALL = "WARDEN-LC4J-0005";
    /**
     * An AI-service method shape Warden cannot govern: {@code Multi} of anything but {@code String}, {@code Uni},
     * {@code CompletionStage}, publishers, or a streaming method whose model is chosen per call. Refused before
     * anything runs; {@code Multi<String>} (decision 0041) and {@code TokenStream} (decision 0046) methods stream
     * governed.
     */
    public static final String STREAMING_NOT_GOVERNED = "WARDEN-LC4J-0006";
    /**
     * A tool call reached Warden with no invocation it belongs to (no invocation id, and no governed stream running it
     * on this thread): its user and labels are unknown, so it was refused and the tool did not run (decision 0046).
     */
    public static final String TOOL_CALL_OUTSIDE_INVOCATION = "WARDEN-LC4J-0008";
    /**
     * A {@code TokenStream} callback that would hand the caller model content no output screen judged (thinking,
     * partial tool calls, intermediate responses, tool executions, retrieved contents) was registered: the stream is
     * refused before the model is called, through {@code onError} (decision 0046).
     */
    public static final String TOKEN_STREAM_CALLBACK_NOT_GOVERNED = "WARDEN-LC4J-0009";
    /** A policy transformed the output of a method that does not return text: it cannot be applied, so refused. */
    public static final String OUTPUT_TRANSFORM_UNSUPPORTED = "WARDEN-LC4J-0007";
    /**
     * The user input of an AI-service call is larger than {@code warden.limits.max-input-chars}, the limit runs have:
     * refused before the model is called (HTTP 413 when the service answers a REST call).
     */
    public static final String INPUT_TOO_LARGE = "WARDEN-LC4J-0240";
}
