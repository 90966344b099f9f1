package dev.warden.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is being attempted at a checkpoint.
 *
 * <p>Which fields are set depends on the checkpoint: {@code TOOL_CALL} has {@link #tool()}, {@link #toolCallId()} and
 * {@link #arguments()}; {@code TOOL_RESULT}, {@code RETRIEVAL}, {@code DELEGATION_RESULT}, {@code MODEL_REQUEST},
 * {@code MODEL_RESPONSE} and {@code AGENT_OUTPUT} carry {@link #content()} with its {@link #contentLabels()};
 * {@code DELEGATION} names the {@link #target()} agent. Unset fields are {@code null} (arguments: empty map).
 *
 * @param checkpoint where the run stands
 * @param step model step number within the run (1-based)
 * @param tool descriptor of the tool being called or that produced the content
 * @param toolCallId id the model gave the tool call
 * @param arguments parsed tool arguments, immutable
 * @param content text entering or leaving the model context
 * @param contentLabels labels of {@code content}
 * @param target delegation target or egress sink name
 * @param attributes further facts, e.g. {@code requestedTools} at {@code MODEL_RESPONSE}
 */
public record CheckpointRequest(
        Checkpoint checkpoint,
        int step,
        ToolDescriptor tool,
        String toolCallId,
        Map<String, Object> arguments,
        String content,
        Labels contentLabels,
        String target,
        Map<String, Object> attributes) {

    public CheckpointRequest {
        Objects.requireNonNull(checkpoint, "checkpoint");
        arguments = arguments == null || arguments.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        contentLabels = contentLabels == null ? Labels.PUBLIC : contentLabels;
        attributes = attributes == null || attributes.isEmpty() ? Map.of() : Map.copyOf(attributes);
    }

    public static CheckpointRequest toolCall(int step, ToolDescriptor tool, String callId, Map<String, Object> args) {
        return new CheckpointRequest(Checkpoint.TOOL_CALL, step, tool, callId, args, null, null, tool.name(), null);
    }

    public static CheckpointRequest content(Checkpoint checkpoint, int step, String content, Labels labels) {
        return new CheckpointRequest(checkpoint, step, null, null, null, content, labels, null, null);
    }

    public CheckpointRequest withArguments(Map<String, Object> value) {
        return new CheckpointRequest(checkpoint, step, tool, toolCallId, value, content, contentLabels, target,
                attributes);
    }

    public CheckpointRequest withContent(String value) {
        return new CheckpointRequest(checkpoint, step, tool, toolCallId, arguments, value, contentLabels, target,
                attributes);
    }

    public CheckpointRequest withContentLabels(Labels value) {
        return new CheckpointRequest(checkpoint, step, tool, toolCallId, arguments, content, value, target,
                attributes);
    }

    public CheckpointRequest withAttributes(Map<String, Object> value) {
        return new CheckpointRequest(checkpoint, step, tool, toolCallId, arguments, content, contentLabels, target,
                value);
    }

    public String toolName() {
        return tool == null ? null : tool.name();
    }
}
