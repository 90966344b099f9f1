package dev.warden.policy.cli;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.Risk;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a request and a context from the plain maps of a YAML test case. Unknown enum names throw. */
final class FixtureMapper {
    private FixtureMapper() {}

    static CheckpointRequest request(Map<String, Object> m) {
        Checkpoint cp = Checkpoint.valueOf(str(m, "checkpoint", "TOOL_CALL"));
        ToolDescriptor tool = m.get("tool") instanceof Map<?, ?> t ? tool(cast(t)) : null;
        Map<String, Object> args = m.get("args") instanceof Map<?, ?> a ? cast(a) : Map.of();
        Labels labels = m.get("contentLabels") instanceof Map<?, ?> l ? labels(cast(l)) : null;
        Map<String, Object> attrs = m.get("attributes") instanceof Map<?, ?> a ? cast(a) : Map.of();
        String target = str(m, "target", tool == null ? null : tool.name());
        return new CheckpointRequest(cp, 1, tool, tool == null ? null : "call-1", args,
                (String) m.get("content"), labels, target, attrs);
    }

    static GovernanceContext context(Map<String, Object> m) {
        Map<String, Object> u = map(m, "user");
        Principal user = new Principal(str(u, "id", "test-user"), str(u, "tenant", null),
                new LinkedHashSet<>(strings(u, "roles")), stringMap(map(u, "attributes")));
        Map<String, Object> a = map(m, "agent");
        AgentIdentity agent = new AgentIdentity(str(a, "id", "test-agent"), str(a, "version", null),
                str(a, "owner", null));
        Map<String, Object> t = map(m, "task");
        TaskContext task = new TaskContext(str(t, "runId", "run-1"), str(t, "conversationId", null),
                str(t, "purpose", null));
        List<Hop> chain = new ArrayList<>();
        if (m.get("chain") instanceof List<?> hops) {
            for (Object h : hops) {
                Map<String, Object> hop = cast((Map<?, ?>) h);
                chain.add(new Hop(str(hop, "agent", "agent"), new LinkedHashSet<>(strings(hop, "scopes"))));
            }
        }
        Map<String, Object> us = map(m, "usage");
        Usage usage = new Usage(num(us, "steps"), num(us, "toolCalls"), num(us, "inputTokens"),
                num(us, "outputTokens"));
        Labels labels = m.get("labels") instanceof Map<?, ?> l ? labels(cast(l)) : null;
        return new GovernanceContext(user, agent, task, chain, labels, usage);
    }

    static ToolDescriptor tool(Map<String, Object> m) {
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        strings(m, "effects").forEach(e -> effects.add(Effect.valueOf(e)));
        Labels sink = m.get("sink") instanceof Map<?, ?> s ? labels(cast(s)) : null;
        Labels source = m.get("source") instanceof Map<?, ?> s ? labels(cast(s)) : null;
        String name = str(m, "name", "tool");
        return new ToolDescriptor(name, dev.langchain4j.agent.tool.ToolSpecification.builder().name(name).build(),
                effects, sink, source, Risk.valueOf(str(m, "risk", "LOW")), true);
    }

    static Labels labels(Map<String, Object> m) {
        return Labels.of(Confidentiality.valueOf(str(m, "level", "PUBLIC")), strings(m, "categories"))
                .withIntegrity(Integrity.valueOf(str(m, "integrity", "TRUSTED")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static Map<String, Object> map(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> v ? cast(v) : Map.of();
    }

    static String str(Map<String, Object> m, String key, String dflt) {
        Object v = m == null ? null : m.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    static List<String> strings(Map<String, Object> m, String key) {
        List<String> out = new ArrayList<>();
        if (m != null && m.get(key) instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static int num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.intValue() : 0;
    }
}
