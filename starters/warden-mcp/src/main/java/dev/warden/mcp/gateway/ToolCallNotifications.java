package dev.warden.mcp.gateway;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code tools/call} messages of an MCP request body that are JSON-RPC notifications: no {@code id} member,
 * or {@code id: null} (which JSON-RPC discourages and some servers treat as a notification). A notification gets no
 * response, so a tool it ran would run with its result (and any refusal) going nowhere; MCP itself has no
 * {@code tools/call} notification. The gateways refuse such a body before the MCP server reads it (decision 0066).
 *
 * <p>Read as leniently as the MCP servers' JSON codecs read (encoding detected from the bytes, Java and YAML comments
 * allowed). A body that does not parse yields nothing from {@link #in} (the Quarkus gateway refuses unreadable bodies
 * first) and {@code null} from {@link #inParsed} (the servlet gateway refuses it).
 *
 * <pre>{@code
 * List<String> tools = ToolCallNotifications.in(body);   // ["delete_customer"]: refuse, audit each, run none
 * }</pre>
 */
public final class ToolCallNotifications {
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS).build();
    /** Recorded as the tool of a notification whose {@code params.name} is not a string. */
    public static final String UNNAMED = "<unnamed>";

    private ToolCallNotifications() {}

    /** The tool names of the body's {@code tools/call} notifications, in order; empty when there are none. */
    public static List<String> in(byte[] body) {
        List<String> tools = inParsed(body);
        return tools == null ? List.of() : tools;
    }

    /**
     * Like {@link #in}, but {@code null} when the body is not empty and does not parse as JSON: a caller that hands the
     * body on unchecked must refuse it, since it cannot tell what the server would make of it.
     */
    public static List<String> inParsed(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        JsonNode root;
        try {
            root = LENIENT.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        List<String> tools = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(m -> add(m, tools));
        } else if (root != null) {
            add(root, tools);
        }
        return tools;
    }

    private static void add(JsonNode message, List<String> tools) {
        if (message.isObject() && "tools/call".equals(message.path("method").asText(null))
                && (!message.has("id") || message.get("id").isNull())) {
            JsonNode name = message.path("params").path("name");
            tools.add(name.isTextual() ? name.asText() : UNNAMED);
        }
    }
}
