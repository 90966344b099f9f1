package dev.warden.plane.external.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.SecretArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the body of an AuthZEN Access Evaluation request ({@code POST /access/v1/evaluation}) from a checkpoint:
 * <pre>{@code
 * {"subject":  {"type": "user", "id": "alice", "properties": {"tenant": "acme", "roles": ["customer"], "attributes": {}}},
 *  "action":   {"name": "tool_call"},
 *  "resource": {"type": "tool", "id": "send_money",
 *               "properties": {"effects": ["FINANCIAL"], "risk": "HIGH", "arguments": {"amount": 100, …}}},
 *  "context":  {"checkpoint": "TOOL_CALL", "agent": {"id": "banking-assistant", "version": "4"},
 *               "labels": "…", "delegation_chain": ["planner"]}}
 * }</pre>
 * Only facts that decide are sent: no run id, step or call id, so equal questions are equal bodies (the cache key).
 * Secret arguments are never sent (replaced by {@link SecretArguments#REDACTED}); arguments are left out entirely
 * unless the plane is configured to send them. Keys are sorted, so the body is canonical.
 */
public final class AuthZenRequest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private AuthZenRequest() {}

    /** The JSON body; throws {@link PdpException} when an argument cannot be written as JSON. */
    public static String body(CheckpointRequest request, GovernanceContext context, boolean sendArguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", Map.of("type", "user", "id", context.user().id(), "properties", Map.of(
                "tenant", context.tenant(),
                "roles", new TreeSet<>(context.user().roles()),
                "attributes", context.user().attributes())));
        body.put("action", Map.of("name", request.checkpoint().targetType()));
        body.put("resource", resource(request, sendArguments));
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("checkpoint", request.checkpoint().name());
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", context.agent().id());
        if (context.agent().version() != null) {
            agent.put("version", context.agent().version());
        }
        ctx.put("agent", agent);
        ctx.put("labels", context.labels().toString());
        List<String> chain = new ArrayList<>();
        for (Hop h : context.chain()) {
            chain.add(h.agentId());
        }
        ctx.put("delegation_chain", chain);
        body.put("context", ctx);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PdpException(dev.warden.plane.external.PdpCodes.UNENCODABLE_REQUEST, "the request cannot be written as JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> resource(CheckpointRequest request, boolean sendArguments) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> props = new LinkedHashMap<>();
        if (request.checkpoint() == Checkpoint.TOOL_CALL && request.tool() != null) {
            r.put("type", "tool");
            r.put("id", request.tool().name());
            props.put("effects", new TreeSet<>(request.tool().effects().stream().map(Enum::name).toList()));
            props.put("risk", request.tool().risk().name());
            if (sendArguments) {
                props.put("arguments", SecretArguments.redact(request.tool(), request.arguments()));
            }
        } else if (request.checkpoint() == Checkpoint.DELEGATION) {
            r.put("type", "agent");
            r.put("id", request.target() == null ? "" : request.target());
        } else {
            r.put("type", request.checkpoint().targetType());
            r.put("id", request.target() != null ? request.target()
                    : request.toolName() != null ? request.toolName() : "");
            props.put("labels", request.contentLabels().toString());
        }
        r.put("properties", props);
        return r;
    }
}
