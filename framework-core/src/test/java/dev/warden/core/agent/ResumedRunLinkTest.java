package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed after approval lives in another trace (the approver's request) and links back to the suspended one. */
class ResumedRunLinkTest {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    @TempDir
    Path dir;

    GovernedAgent agent(dev.warden.spi.SuspendedRunStore store) {
        return agent(store, ScriptedChatModel.script().callTools(ScriptedChatModel.call("send_money",
                Map.of("recipient", "DE89370400440532013000", "amount", 900))).reply("Transfer done").build());
    }

    GovernedAgent agent(dev.warden.spi.SuspendedRunStore store, ScriptedChatModel model) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval"))
                        : Decision.allow("action-boundary"));
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(model).tools(new BankTools()).store(store)
                .governor(Governor.builder().plane(gate).clock(clock).telemetry(new WardenTelemetry(otel, false))
                        .build()).build();
    }

    List<SpanData> agentSpans() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("invoke_agent bank-agent"))
                .toList();
    }

    @Test
    void the_resumed_run_links_to_the_suspended_runs_span_across_a_restart() {
        RunResult suspended = agent(new FileSuspendedRunStore(dir)).runBlocking("send 900", Principal.of("alice"));
        assertThat(suspended.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        SpanData first = agentSpans().get(0);

        // another process (a restart) resumes from the durable store
        RunResult resumed = agent(new FileSuspendedRunStore(dir), ScriptedChatModel.script().reply("Transfer done")
                .build()).resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(Principal.of("bob", "manager"), "ok"));
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        SpanData second = agentSpans().get(1);
        assertThat(second.getTraceId()).as("the approver's request starts its own trace").isNotEqualTo(first.getTraceId());
        assertThat(second.getLinks()).singleElement().satisfies((LinkData l) -> {
            assertThat(l.getSpanContext().getTraceId()).isEqualTo(first.getTraceId());
            assertThat(l.getSpanContext().getSpanId()).isEqualTo(first.getSpanId());
            assertThat(l.getAttributes().get(AttributeKey.stringKey("warden.link.kind")))
                    .isEqualTo("resumes_suspended_run");
        });
    }

    @Test
    void an_expired_approval_links_its_closing_span_too() {
        GovernedAgent agent = agent(new InMemorySuspendedRunStore());
        RunResult suspended = agent.runBlocking("send 900", Principal.of("alice"));
        clock.advance(Duration.ofHours(2));
        RunResult expired = agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(Principal.of("bob", "manager"), "late"));
        assertThat(expired.status()).isEqualTo(RunStatus.DENIED);
        assertThat(agentSpans().get(1).getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                .containsExactly(agentSpans().get(0).getSpanId());
    }

    @Test
    void a_malformed_stored_span_context_is_ignored() {
        assertThat(RunLinks.parse("00-xyz-abc-01")).isNull();
        assertThat(RunLinks.parse("garbage")).isNull();
        assertThat(RunLinks.parse(null)).isNull();
        assertThat(RunLinks.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isNotNull();
    }
}
