package dev.warden.core.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.warden.core.ArgumentOrigin;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.provenance.CallRepeats;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** JSON form of a {@link SuspendedRun}, version 1. Messages use LangChain4j's own serializer. */
final class SuspendedRunJson {
    private static final ObjectMapper M = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final int VERSION = 1;

    private SuspendedRunJson() {}

    static String write(SuspendedRun r) {
        ObjectNode root = M.createObjectNode();
        root.put("version", VERSION);
        root.set("approval", approval(r.approval()));
        root.set("messages", parse(ChatMessageSerializer.messagesToJson(r.messages())));
        root.set("pendingCall", call(r.pendingCall()));
        ArrayNode remaining = root.putArray("remainingCalls");
        r.remainingCalls().forEach(c -> remaining.add(call(c)));
        root.set("context", M.valueToTree(r.context()));
        root.put("step", r.step());
        root.put("toolCalls", r.toolCalls());
        root.put("userInput", r.userInput());
        root.set("decisions", M.valueToTree(r.decisions()));
        if (r.messageLabels() != null) {
            root.set("messageLabels", M.valueToTree(r.messageLabels()));
        }
        if (r.suspendedSpan() != null) {
            root.put("suspendedSpan", r.suspendedSpan());
        }
        if (r.callMemory() != null) {
            ObjectNode m = root.putObject("callMemory");
            m.put("executed", r.callMemory().executed());
            m.put("overflowed", r.callMemory().overflowed());
            m.set("counts", M.valueToTree(new java.util.TreeMap<>(r.callMemory().counts())));
        }
        return root.toString();
    }

    static SuspendedRun read(String json) {
        try {
            JsonNode root = M.readTree(json);
            if (root.path("version").asInt() != VERSION) {
                throw new IllegalArgumentException("unsupported suspended-run version " + root.path("version"));
            }
            List<ToolExecutionRequest> remaining = new ArrayList<>();
            root.path("remainingCalls").forEach(n -> remaining.add(call(n)));
            return new SuspendedRun(approval(root.get("approval")),
                    ChatMessageDeserializer.messagesFromJson(root.get("messages").toString()),
                    call(root.get("pendingCall")), remaining,
                    M.treeToValue(root.get("context"), GovernanceContext.class),
                    root.path("step").asInt(), root.path("toolCalls").asInt(), root.path("userInput").asText(null),
                    M.convertValue(root.get("decisions"), new TypeReference<List<DecisionSummary>>() {}),
                    // added after version 1 shipped: absent in older rows (their labels are bounded by the context's)
                    root.has("messageLabels") ? M.convertValue(root.get("messageLabels"),
                            new TypeReference<List<Labels>>() {}) : null,
                    root.path("suspendedSpan").asText(null), // added later too: absent in older rows
                    callMemory(root.get("callMemory"))); // decision 0066: absent in older rows (counts unknown)
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored repeat counts; {@code null} (unknown) when absent or not in the shape written above. */
    private static CallRepeats.Memory callMemory(JsonNode n) {
        if (n == null || !n.path("executed").canConvertToInt() || !n.path("counts").isObject()) {
            return null;
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) n.get("counts")::fields) {
            if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
                return null;
            }
            counts.put(e.getKey(), e.getValue().intValue());
        }
        int executed = n.get("executed").intValue();
        return executed < 0 ? null : new CallRepeats.Memory(executed, n.path("overflowed").asBoolean(false), counts);
    }

    private static JsonNode parse(String json) {
        try {
            return M.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode call(ToolExecutionRequest c) {
        ObjectNode n = M.createObjectNode();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("arguments", c.arguments());
        return n;
    }

    private static ToolExecutionRequest call(JsonNode n) {
        return ToolExecutionRequest.builder().id(n.path("id").asText(null)).name(n.path("name").asText(null))
                .arguments(n.path("arguments").asText(null)).build();
    }

    private static ObjectNode approval(PendingApproval a) {
        ObjectNode n = M.createObjectNode();
        n.put("approvalId", a.approvalId());
        n.put("runId", a.runId());
        n.put("agentId", a.agentId());
        n.put("tenant", a.tenant());
        n.put("requesterId", a.requesterId());
        n.put("toolName", a.toolName());
        n.put("toolCallId", a.toolCallId());
        n.set("arguments", M.valueToTree(a.arguments()));
        n.put("reason", a.reason());
        n.set("approverRoles", M.valueToTree(a.approverRoles()));
        n.set("ruleIds", M.valueToTree(a.ruleIds()));
        n.put("contextLabels", a.contextLabels());
        n.put("requestedAt", a.requestedAt().toString());
        n.put("expiresAt", a.expiresAt().toString());
        n.put("kind", a.kind().name());
        n.put("argumentsDigest", a.argumentsDigest());
        n.set("origins", M.valueToTree(a.origins()));
        n.set("secretArguments", M.valueToTree(a.secretArguments()));
        if (a.declassification() != null) {
            n.set("declassification", M.valueToTree(a.declassification()));
        }
        if (a.relay() != null) {
            n.set("relay", M.valueToTree(a.relay()));
        }
        if (a.approvalDue() != null) {
            ObjectNode due = M.createObjectNode();
            due.put("reason", a.approvalDue().reason());
            due.set("approverRoles", M.valueToTree(a.approvalDue().approverRoles()));
            due.put("ttl", a.approvalDue().ttl().toString());
            due.set("ruleIds", M.valueToTree(a.approvalDue().ruleIds()));
            n.set("approvalDue", due);
        }
        return n;
    }

    private static PendingApproval approval(JsonNode n) {
        return new PendingApproval(n.path("approvalId").asText(), n.path("runId").asText(null),
                n.path("agentId").asText(null), n.path("tenant").asText(null), n.path("requesterId").asText(null),
                n.path("toolName").asText(), n.path("toolCallId").asText(null),
                M.convertValue(n.get("arguments"), new TypeReference<LinkedHashMap<String, Object>>() {}),
                n.path("reason").asText(null), M.convertValue(n.get("approverRoles"), new TypeReference<Set<String>>() {}),
                M.convertValue(n.get("ruleIds"), new TypeReference<List<String>>() {}),
                n.path("contextLabels").asText(null), Instant.parse(n.path("requestedAt").asText()),
                Instant.parse(n.path("expiresAt").asText()),
                // Fields added after version 1 shipped: absent in older rows, which were all approvals.
                PendingApproval.Kind.valueOf(n.path("kind").asText(PendingApproval.Kind.APPROVAL.name())),
                n.path("argumentsDigest").asText(null),
                n.has("origins") ? M.convertValue(n.get("origins"), new TypeReference<List<ArgumentOrigin>>() {})
                        : null,
                n.has("secretArguments")
                        ? M.convertValue(n.get("secretArguments"), new TypeReference<Set<String>>() {}) : null,
                // added with declassification (decision 0039): absent in older rows
                n.has("declassification") ? M.convertValue(n.get("declassification"),
                        dev.warden.core.Declassification.class) : null,
                n.has("relay") ? M.convertValue(n.get("relay"), PendingApproval.Relay.class) : null,
                // added with decision 0040: absent in older rows, which owed no approval after a confirmation
                n.has("approvalDue") ? approvalDue(n.get("approvalDue")) : null);
    }

    private static PendingApproval.ApprovalDue approvalDue(JsonNode n) {
        return new PendingApproval.ApprovalDue(n.path("reason").asText(null),
                M.convertValue(n.get("approverRoles"), new TypeReference<Set<String>>() {}),
                java.time.Duration.parse(n.path("ttl").asText()),
                M.convertValue(n.get("ruleIds"), new TypeReference<List<String>>() {}));
    }
}
