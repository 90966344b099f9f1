package dev.warden.core.demo;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.core.model.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Command-line demo on embedded defaults: a scripted model that obeys injected instructions, a banking agent, one
 * allowed, one denied and one approval-gated tool call, and the hash-chained audit trail they leave.
 */
public final class WardenDemo {
    private WardenDemo() {}

    public static void main(String[] args) throws IOException {
        Path auditFile = Path.of(args.length > 0 ? args[0] : "target/warden-demo-audit.jsonl");
        Files.deleteIfExists(auditFile);
        DemoBankTools tools = new DemoBankTools();
        ScriptedChatModel model = ScriptedChatModel.rules()
                .whenUser("balance", m -> List.of(ScriptedChatModel.call("get_balance", Map.of())))
                .whenUser("transactions", m -> List.of(ScriptedChatModel.call("get_recent_transactions", Map.of())))
                .whenUser("send (\\d+) EUR to ([A-Z]{2}\\d{2}[A-Z0-9]+)", m -> List.of(ScriptedChatModel.call(
                        "send_money", Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                // a compromised model: it follows instructions it finds in tool results
                .whenToolResult("send (\\d+) EUR to ([A-Z]{2}\\d{2}[A-Z0-9]+)", m -> List.of(ScriptedChatModel.call(
                        "send_money", Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                .build();
        try (JsonlAuditSink audit = new JsonlAuditSink(auditFile, true)) {
            GovernedAgent agent = GovernedAgent.builder()
                    .identity(new AgentIdentity("banking-assistant", "1.0", "payments-team"))
                    .model(model).modelName("scripted").tools(tools)
                    .governor(Governor.builder().plane(new DemoBankingPolicy()).auditSink(audit).build())
                    .build();
            Principal alice = Principal.of("alice", "customer");

            show("1. Allowed: 'What is my balance?'", agent.runBlocking("What is my balance?", alice));
            show("2. Denied: 'Show my recent transactions' (a memo carries an injected transfer)",
                    agent.runBlocking("Show my recent transactions", alice));
            RunResult pending = agent.runBlocking("Please send 750 EUR to DE89370400440532013000 for rent", alice);
            show("3. Approval-gated: 'send 750 EUR to DE89…'", pending);
            RunResult approved = agent.resumeBlocking(pending.approval().approvalId(),
                    ApprovalResolution.approve(Principal.of("bob", "manager"), "rent, known landlord"));
            show("   ...approved by bob (manager)", approved);

            System.out.println("\nTransfers actually executed: " + tools.executedTransfers);
            System.out.println("\nAudit trail (" + auditFile + "), one hash-chained record per checkpoint:");
            for (String line : Files.readAllLines(auditFile)) {
                System.out.println("  " + abbreviate(line));
            }
            System.out.println("\nAudit verification: " + audit.verify());
        }
    }

    private static void show(String title, RunResult r) {
        System.out.println("\n" + title);
        System.out.println("   status: " + r.status() + (r.code() == null ? "" : " [" + r.code() + "]"));
        System.out.println("   output: " + r.output());
        for (DecisionSummary d : r.decisions()) {
            if (d.tool() != null && !"ALLOW".equals(d.outcome()) || d.checkpoint().startsWith("TOOL_CALL")) {
                System.out.println("   " + d.checkpoint() + " " + d.tool() + " -> " + d.outcome()
                        + (d.ruleIds().isEmpty() ? "" : " " + d.ruleIds()) + (d.reason() == null ? "" : ": "
                        + d.reason()));
            }
        }
    }

    private static String abbreviate(String line) {
        try {
            var n = dev.warden.core.audit.CanonicalJson.MAPPER.readTree(line);
            return String.format("#%-3s %-15s %-24s %-17s %-28s hash=%s… prev=%s…", n.path("seq").asText(),
                    n.path("checkpoint").asText(), n.path("tool").asText("-"), n.path("outcome").asText(),
                    n.path("ruleIds").toString(), n.path("hash").asText().substring(0, 12),
                    n.path("prevHash").asText().substring(0, 12));
        } catch (IOException e) {
            return line;
        }
    }
}
