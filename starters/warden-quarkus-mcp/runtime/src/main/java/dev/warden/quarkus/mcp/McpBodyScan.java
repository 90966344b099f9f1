package dev.warden.quarkus.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One pass over an MCP request body's <em>bytes</em>, read at least as leniently as the MCP server's JSON codec reads
 * them (encoding detected from the bytes — UTF-8/16/32, with or without a BOM —, Java and YAML comments allowed), so
 * that what the gateway checks is what the server will act on: the number of messages of a batch and whether any
 * object has the same key twice. A body this pass cannot read as exactly one JSON value is {@link #readable() not
 * readable}: the gateway refuses it rather than let a more lenient parser behind it decide what it says.
 */
record McpBodyScan(boolean readable, boolean duplicateKey, int messages) {
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .build();

    static final McpBodyScan EMPTY = new McpBodyScan(true, false, 1);

    static McpBodyScan of(byte[] body) {
        if (body == null || body.length == 0) {
            return EMPTY;
        }
        Deque<Set<String>> objects = new ArrayDeque<>();
        boolean duplicate = false;
        int depth = 0;
        int messages = 1;
        int roots = 0;
        boolean batch = false;
        try (JsonParser p = LENIENT.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0) {
                    roots++;
                    batch = t == JsonToken.START_ARRAY;
                    messages = batch ? 0 : 1;
                } else if (batch && depth == 1 && isValueStart(t)) {
                    messages++; // a value directly inside the top-level array: one message of the batch
                }
                switch (t) {
                    case START_OBJECT -> {
                        objects.push(new HashSet<>());
                        depth++;
                    }
                    case START_ARRAY -> depth++;
                    case END_OBJECT -> {
                        objects.pop();
                        depth--;
                    }
                    case END_ARRAY -> depth--;
                    case FIELD_NAME -> duplicate |= !objects.peek().add(p.currentName());
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new McpBodyScan(false, duplicate, messages);
        }
        return new McpBodyScan(roots == 1 && depth == 0, duplicate, messages);
    }

    private static boolean isValueStart(JsonToken t) {
        return t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT && t != JsonToken.FIELD_NAME;
    }
}
