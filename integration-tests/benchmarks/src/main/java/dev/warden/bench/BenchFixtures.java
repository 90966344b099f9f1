package dev.warden.bench;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The request and context shared by the checkpoint and policy benchmarks: a CRM analyst reading an account. */
final class BenchFixtures {
    private BenchFixtures() {}

    static GovernanceContext analystContext() {
        Principal alice = new Principal("alice", "acme", Set.of("analyst", "crm-reader"),
                Map.of("department", "sales", "region", "eu"));
        return GovernanceContext.of(alice, new AgentIdentity("crm-analyst", "1.4.0", "sales-platform"))
                .withTask(new TaskContext("run-0001", "conv-0001", "customer-support"));
    }

    static CheckpointRequest crmRead() {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("crm.get_account", Effect.READ), "call-1",
                Map.of("accountId", "ACC-1042", "fields", List.of("name", "owner", "segment")));
    }

    static CheckpointRequest sqlSelect() {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("sql.query", Effect.READ), "call-1",
                Map.of("query", "SELECT id, name, segment FROM accounts WHERE region = 'eu' LIMIT 50",
                        "database", "crm"));
    }

    static CheckpointRequest emailSend() {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("email.send", Effect.EXTERNAL_COMMUNICATION),
                "call-1", Map.of("to", "bob@acme.com", "subject", "Q3 pipeline", "body", "See the attached summary."));
    }

    static CheckpointRequest scenario(String name) {
        return switch (name) {
            case "crm-read" -> crmRead();
            case "sql-select" -> sqlSelect();
            case "email-send" -> emailSend();
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'");
        };
    }
}
