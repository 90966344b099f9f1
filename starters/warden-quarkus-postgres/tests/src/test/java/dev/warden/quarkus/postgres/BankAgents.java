package dev.warden.quarkus.postgres;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A bank agent whose transfers need a manager's approval, built on the stores under test. */
final class BankAgents {
    private BankAgents() {}

    /** The agent as first started: the model asks for a transfer, then answers. */
    static GovernedAgent firstStart(BankTools bank, SuspendedRunStore store, AuditSink audit, TestClock clock) {
        return build(bank, store, audit, clock, ScriptedChatModel.script()
                .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", "DE89370400440532013000",
                        "amount", 900)))
                .reply("Transfer done").build());
    }

    /** The agent in a restarted process (or another replica): the next model turn is the answer. */
    static GovernedAgent restarted(BankTools bank, SuspendedRunStore store, AuditSink audit, TestClock clock) {
        return build(bank, store, audit, clock, ScriptedChatModel.script().reply("Transfer done").build());
    }

    /**
     * An agent whose every transfer needs approval and that records, per transfer, the repeat counts it was shown
     * ({@code attributes.repeats} / {@code similarCalls}; {@code null} when absent). {@code payments} transfers of the
     * same amount to the same IBAN, the first after reading the balance.
     */
    static GovernedAgent repeating(BankTools bank, SuspendedRunStore store, AuditSink audit, TestClock clock,
            java.util.List<String> seen, boolean readFirst, int payments) {
        var script = ScriptedChatModel.script();
        if (readFirst) {
            script.callTool("get_balance", Map.of());
        }
        for (int i = 0; i < payments; i++) {
            script.callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 900));
        }
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL), (req, ctx) -> {
            if (!"send_money".equals(req.toolName())) {
                return Decision.allow("action-boundary");
            }
            seen.add(req.attributes().get("repeats") + "/" + req.attributes().get("similarCalls"));
            return Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                    Basis.rule("action-boundary", "banking", "3", "transfer-approval"));
        });
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(script.reply("done").build())
                .tools(bank).store(store).governor(Governor.builder().plane(gate).auditSink(audit).clock(clock).build())
                .build();
    }

    private static GovernedAgent build(BankTools bank, SuspendedRunStore store, AuditSink audit, TestClock clock,
            ScriptedChatModel model) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval"))
                        : Decision.allow("action-boundary"));
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model).tools(bank)
                .store(store).governor(Governor.builder().plane(gate).auditSink(audit).clock(clock).build()).build();
    }
}
