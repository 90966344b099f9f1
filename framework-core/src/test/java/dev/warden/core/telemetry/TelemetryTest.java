package dev.warden.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.GovernanceContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    GovernedAgent agent(boolean captureContent) {
        Governor g = Governor.builder().telemetry(new WardenTelemetry(otel, captureContent))
                .plane(TestPlanes.denyTool("action-boundary", "send_money")).build();
        return GovernedAgent.builder().identity(new AgentIdentity("bank-agent", "1.2", "payments"))
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("get_balance", Map.of()),
                                ScriptedChatModel.call("send_money", Map.of("recipient", "DE00SECRET", "amount", 5)))
                        .reply("done").build())
                .modelName("scripted-1").providerName("warden.scripted").tools(new BankTools()).governor(g).build();
    }

    private static SpanData named(List<SpanData> all, String name) {
        return all.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no span " + name + " in " + all.stream().map(SpanData::getName).toList()));
    }

    @Test
    void emits_genai_spans_with_guardrail_children() {
        GovernanceContext ctx = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("x"))
                .withTask(new TaskContext(null, "conv-9", null));
        agent(false).runBlocking("balance and pay", ctx);
        List<SpanData> all = spans.getFinishedSpanItems();

        SpanData root = named(all, "invoke_agent bank-agent");
        assertThat(root.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.id"))).isEqualTo("bank-agent");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("warden.scripted");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id"))).isEqualTo("conv-9");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("enduser.id"))).isEqualTo("alice");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).as("deprecated").isNull();

        SpanData chat = named(all, "chat scripted-1");
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isPositive();
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("scripted-1");

        SpanData tool = named(all, "execute_tool get_balance");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("get_balance");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id"))).startsWith("call_");
        assertThat(all).noneMatch(s -> s.getName().equals("execute_tool send_money"));

        // the guardrail draft's apply_guardrail span (docs/telemetry-conventions.md); was run_guardrail with
        // gen_ai.guardrail.verdict/target.* of an older draft
        List<SpanData> guardrails = all.stream().filter(s -> s.getName().equals("apply_guardrail Warden")).toList();
        assertThat(guardrails).hasSize(8).allMatch(s -> s.getParentSpanId().equals(root.getSpanId()));
        SpanData denied = guardrails.stream().filter(s -> "DENY".equals(s.getAttributes()
                .get(AttributeKey.stringKey("gen_ai.guardrail.result.value")))).findFirst().orElseThrow();
        assertThat(denied.getAttributes().get(AttributeKey.stringKey("gen_ai.guardrail.source"))).isEqualTo("TOOL_CALL");
        assertThat(denied.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("send_money");
        assertThat(denied.getAttributes().get(AttributeKey.stringKey("warden.code"))).isEqualTo("WARDEN-CORE-0001");
        assertThat(denied.getAttributes().get(AttributeKey.stringKey("gen_ai.guardrail.verdict.reason")))
                .as("the stable code is not a reason").isNull();
        assertThat(denied.getAttributes().get(AttributeKey.stringArrayKey("warden.planes"))).containsExactly("action-boundary");
        assertThat(all).allMatch(s -> s.getTraceId().equals(root.getTraceId()));
    }

    @Test
    void content_is_not_captured_unless_configured() {
        agent(false).runBlocking("balance and pay", Principal.of("alice"));
        assertThat(spans.getFinishedSpanItems()).allSatisfy(s -> {
            assertThat(s.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments"))).isNull();
            assertThat(s.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result"))).isNull();
            assertThat(s.getAttributes().asMap().values().toString()).doesNotContain("1200.00");
        });
        spans.reset();
        agent(true).runBlocking("balance and pay", Principal.of("alice"));
        assertThat(named(spans.getFinishedSpanItems(), "execute_tool get_balance").getAttributes()
                .get(AttributeKey.stringKey("gen_ai.tool.call.result"))).isEqualTo("1200.00 EUR");
    }

    @Test
    void counts_decisions_and_records_checkpoint_latency() {
        agent(false).runBlocking("balance and pay", Principal.of("alice"));
        var all = metrics.collectAllMetrics();
        MetricData decisions = all.stream().filter(m -> m.getName().equals("warden.decisions")).findFirst().orElseThrow();
        long denies = decisions.getLongSumData().getPoints().stream()
                .filter(p -> "DENY".equals(p.getAttributes().get(AttributeKey.stringKey("warden.outcome"))))
                .mapToLong(p -> p.getValue()).sum();
        long total = decisions.getLongSumData().getPoints().stream().mapToLong(p -> p.getValue()).sum();
        assertThat(denies).isEqualTo(1);
        assertThat(total).isEqualTo(8);
        MetricData duration = all.stream().filter(m -> m.getName().equals("warden.checkpoint.duration")).findFirst()
                .orElseThrow();
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).anySatisfy(p -> {
            assertThat(p.getAttributes().get(AttributeKey.stringKey("warden.plane"))).isEqualTo("action-boundary");
            assertThat(p.getAttributes().get(AttributeKey.stringKey("warden.checkpoint"))).isEqualTo("TOOL_CALL");
            assertThat(p.getAttributes().get(AttributeKey.stringKey("warden.outcome"))).isEqualTo("DENY");
            assertThat(p.getCount()).isEqualTo(1);
            assertThat(p.getBoundaries().get(0)).as("microsecond buckets").isLessThan(0.0001);
        });
        MetricData denials = all.stream().filter(m -> m.getName().equals("warden.denials")).findFirst().orElseThrow();
        assertThat(denials.getLongSumData().getPoints()).singleElement().satisfies(p -> {
            assertThat(p.getValue()).isEqualTo(1);
            assertThat(p.getAttributes().get(AttributeKey.stringKey("warden.checkpoint"))).isEqualTo("TOOL_CALL");
            assertThat(p.getAttributes().get(AttributeKey.stringKey("warden.code"))).isEqualTo("WARDEN-CORE-0001");
        });
    }
}
