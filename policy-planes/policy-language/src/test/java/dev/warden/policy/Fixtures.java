package dev.warden.policy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Small builders for requests and contexts used across the policy-language tests. */
final class Fixtures {
    private Fixtures() {}

    static final Clock MONDAY_10_UTC = Clock.fixed(Instant.parse("2024-05-06T10:00:00Z"), ZoneOffset.UTC);

    static PolicyEngine engine(String... resources) {
        PolicyEngine engine = PolicyEngine.builder().clock(MONDAY_10_UTC).build();
        for (String r : resources) {
            engine.load(PolicySource.classpath("policies/" + r));
        }
        return engine;
    }

    static GovernanceContext as(String user, String... roles) {
        return GovernanceContext.of(Principal.of(user, roles), AgentIdentity.of("crm-analyst"));
    }

    static CheckpointRequest call(String tool, Map<String, Object> args, Effect... effects) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named(tool, effects), "call-1", args);
    }

    static PolicySource yaml(String id, String text) {
        return new PolicySource(id, text);
    }

    static String set(String name, String rules) {
        return "apiVersion: warden.dev/v1\nkind: PolicySet\nmetadata: { name: " + name + ", version: 1 }\nrules:\n"
                + rules;
    }
}
