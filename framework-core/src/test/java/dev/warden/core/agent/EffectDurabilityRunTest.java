package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.audit.AuditDurability;
import dev.warden.core.audit.AuditWriteException;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.JsonlAuditOptions;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.spi.AuditSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0047 end to end: a governed agent run with {@code AuditDurability.EFFECT} on the real JSONL trail. Model
 * responses and tool results that let the run go on are not waited for; everything that leaves the runtime is; and a
 * record that was lost stops the effect it preceded.
 */
class EffectDurabilityRunTest {
    static final byte[] KEY = "test-only-head-key-32-bytes-long".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    final BankTools bank = new BankTools();
    final List<String> calls = new CopyOnWriteArrayList<>();

    /** The real sink, with each call named; {@code onDeferred} runs around the first deferred append. */
    final class Watched implements AuditSink {
        final JsonlAuditSink jsonl = new JsonlAuditSink(dir.resolve("decisions.jsonl"), JsonlAuditOptions.signed(true,
                KEY));
        Runnable onDeferred = () -> {};

        @Override
        public DecisionRecord append(DecisionRecord record) {
            calls.add("append " + record.checkpoint());
            return jsonl.append(record);
        }

        @Override
        public DecisionRecord appendLinked(DecisionRecord record) {
            calls.add("appendLinked " + record.checkpoint());
            DecisionRecord r = jsonl.appendLinked(record);
            Runnable once = onDeferred;
            onDeferred = () -> {};
            once.run();
            return r;
        }

        @Override
        public ChainVerification verify() {
            return jsonl.verify();
        }

        @Override
        public void close() {
            jsonl.close();
        }
    }

    final InMemoryConversationStore memory = new InMemoryConversationStore();

    GovernedAgent agent(AuditSink sink, AuditDurability durability) {
        Governor g = Governor.builder().auditSink(sink).auditDurability(durability).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).tools(bank).governor(g).maxSteps(5)
                .model(ScriptedChatModel.script().callTool("send_money", Map.of("recipient",
                        "DE89370400440532013000", "amount", 50.0)).reply("done").build())
                .memory(memory).build();
    }

    @Test
    void in_effect_mode_only_checkpoints_before_an_effect_wait_and_every_record_is_written_by_the_answer()
            throws Exception {
        try (Watched sink = new Watched()) {
            dev.warden.core.GovernanceContext ctx = dev.warden.core.GovernanceContext.of(
                    Principal.of("alice", "customer"), AgentIdentity.of("bank-agent"))
                    .withTask(new dev.warden.core.TaskContext(null, "conv-1", null));
            RunResult r = agent(sink, AuditDurability.EFFECT).runBlocking("pay 50", ctx);
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(calls).containsExactly("append MODEL_REQUEST", "appendLinked MODEL_RESPONSE",
                    "append TOOL_CALL", "appendLinked TOOL_RESULT", "append MODEL_REQUEST",
                    "appendLinked MODEL_RESPONSE", "append AGENT_OUTPUT");
            assertThat(Files.readAllLines(dir.resolve("decisions.jsonl"))).as("all durable before the answer")
                    .hasSize(7);
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(7));
        }
    }

    @Test
    void record_mode_waits_at_every_checkpoint() throws Exception {
        try (Watched sink = new Watched()) {
            agent(sink, AuditDurability.RECORD).runBlocking("pay 50", Principal.of("alice", "customer"));
            assertThat(calls).allMatch(c -> c.startsWith("append ")).hasSize(7);
        }
    }

    @Test
    void a_lost_model_response_record_stops_the_tool_call_that_followed_it() throws Exception {
        dev.warden.core.audit.HeadWriteFault fault = new dev.warden.core.audit.HeadWriteFault(dir);
        try (Watched sink = new Watched()) {
            sink.onDeferred = () -> { // the disk fails exactly while the model response's record is written
                try {
                    fault.block();
                    try {
                        sink.jsonl.flush();
                    } catch (AuditWriteException expected) { // the lagging head cannot be forced either
                    }
                    fault.unblock();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            dev.warden.core.GovernanceContext ctx = dev.warden.core.GovernanceContext.of(
                    Principal.of("alice", "customer"), AgentIdentity.of("bank-agent"))
                    .withTask(new dev.warden.core.TaskContext(null, "conv-1", null));
            RunResult r = agent(sink, AuditDurability.EFFECT).runBlocking("pay 50", ctx);
            assertThat(bank.transfers).as("the effect never happened").isEmpty();
            assertThat(bank.calls).isEmpty();
            assertThat(r.status()).isNotEqualTo(RunStatus.COMPLETED);
            assertThat(r.decisions()).filteredOn(d -> d.checkpoint().equals("TOOL_CALL"))
                    .extracting(DecisionSummary::code).containsOnly(dev.warden.core.WardenCodes.AUDIT_UNAVAILABLE);
            assertThat(sink.verify().valid()).as("the trail holds only what was written, intact").isTrue();
            assertThat(memory.load(new dev.warden.spi.ConversationStore.Key(ctx.tenant(), "alice", "bank-agent",
                    "conv-1"))).as("content that entered without a durable record is not remembered").isEmpty();
        }
    }
}
