package dev.warden.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.AuditLogExporter;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.ConventionsTable;
import dev.warden.core.testing.TestPlanes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every span kind and the audit log record carry exactly the attribute set {@code docs/telemetry-conventions.md}
 * lists, over scenarios that exercise each row: a run with tools, a denial by one rule, a fail-closed plane failure, a
 * failing tool, content capture, a delegated context; and a run whose model call fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryConformanceTest {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setLoggerProvider(SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
            .build();
    final ConventionsTable table = ConventionsTable.load();
    List<SpanData> all;

    /** A provider's model as LangChain4j exposes it: OPEN_AI, its model in the default request parameters. */
    static final class OpenAiLikeModel implements ChatModel {
        final ChatModel script;
        final AtomicInteger n = new AtomicInteger();
        final boolean fail;

        OpenAiLikeModel(ChatModel script, boolean fail) {
            this.script = script;
            this.fail = fail;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            if (fail) {
                throw new IllegalStateException("provider unavailable");
            }
            ChatResponse r = script.doChat(request);
            return ChatResponse.builder().aiMessage(r.aiMessage()).tokenUsage(r.tokenUsage())
                    .finishReason(r.finishReason()).id("chatcmpl-" + n.incrementAndGet())
                    .modelName("gpt-4o-mini-2024-07-18").build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OPEN_AI;
        }
    }

    GovernedAgent agent(ChatModel model, boolean captureContent) {
        var rules = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (r, c) -> "send_money".equals(r.toolName())
                        ? Decision.deny("transfers are not allowed", "WARDEN-AB-0001",
                                Basis.rule("action-boundary", "banking", "4", "no-transfers"))
                        : Decision.allow("action-boundary"));
        var flaky = TestPlanes.of("flaky", 300, EnumSet.of(Checkpoint.TOOL_CALL), (r, c) -> {
            if ("get_transactions".equals(r.toolName())) {
                throw new IllegalStateException("policy store unreachable");
            }
            return Decision.allow("flaky");
        });
        InMemoryAuditSink audit = new InMemoryAuditSink();
        Governor g = Governor.builder().telemetry(new WardenTelemetry(otel, captureContent)).plane(rules).plane(flaky)
                .auditSink(new AuditLogExporter(otel).mirroring(audit)).build();
        // "provider" is what warden.model names (a CDI bean), not the model: the spans must not use it
        return GovernedAgent.builder().identity(new AgentIdentity("bank-agent", "1.2", "payments")).model(model)
                .modelName("provider").tools(new BankTools()).governor(g).build();
    }

    @BeforeAll
    void runScenarios() {
        ChatModel script = ScriptedChatModel.script()
                .callTools(ScriptedChatModel.call("get_balance", Map.of()), ScriptedChatModel.call("broken", Map.of()),
                        ScriptedChatModel.call("get_transactions", Map.of("n", 1)),
                        ScriptedChatModel.call("send_money", Map.of("recipient", "DE00SECRET", "amount", 5)))
                .reply("done").build();
        GovernanceContext delegated = GovernanceContext.of(new Principal("alice", "bank-a", Set.of(), Map.of()),
                AgentIdentity.of("x")).withTask(new TaskContext(null, "conv-9", null))
                .withHop(new Hop("supervisor", Set.of()));
        RunResult completed = agent(new OpenAiLikeModel(script, false), true).runBlocking("pay", delegated);
        assertThat(completed.status()).as(completed.output() + " " + completed.code()).isEqualTo(RunStatus.COMPLETED);
        RunResult failed = agent(new OpenAiLikeModel(script, true), false).runBlocking("pay", Principal.of("bob"));
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        // a delegation's record (the delegation module writes them): its callee is warden.delegation.callee (0056)
        new AuditLogExporter(otel).mirroring(new InMemoryAuditSink()).append(new dev.warden.core.audit.DecisionRecord(
                null, "default", null, null, "2026-12-05T10:00:00Z", null, null, "run-d", 1, "DELEGATION", "alice",
                "supervisor", List.of(), "researcher", null, "d", Map.of(), null, "ALLOW", null, "trusted edge",
                List.of(), List.of(), List.of(), null, null, 1));
        all = spans.getFinishedSpanItems();
    }

    List<Attributes> attributesOf(Predicate<SpanData> kind) {
        return all.stream().filter(kind).map(SpanData::getAttributes).toList();
    }

    static Predicate<SpanData> op(String operation, SpanKind kind) {
        return s -> operation.equals(s.getAttributes().get(GenAiConventions.OPERATION_NAME)) && s.getKind() == kind;
    }

    @Test
    void every_span_kind_carries_exactly_the_documented_attributes() {
        table.assertExact("agent", attributesOf(op("invoke_agent", SpanKind.INTERNAL)));
        table.assertExact("model", attributesOf(op("chat", SpanKind.CLIENT)));
        table.assertExact("tool", attributesOf(op("execute_tool", SpanKind.INTERNAL)));
        table.assertExact("guardrail", attributesOf(op("apply_guardrail", SpanKind.INTERNAL)));
        assertThat(all).allMatch(s -> s.getAttributes().get(GenAiConventions.OPERATION_NAME) != null,
                "every span is one of the documented kinds");
    }

    @Test
    void audit_log_records_carry_exactly_the_documented_attributes_and_the_otlp_event_name() {
        List<LogRecordData> records = logs.getFinishedLogRecordItems();
        table.assertExact("log", records.stream().map(LogRecordData::getAttributes).toList());
        assertThat(records).allSatisfy(l -> {
            assertThat(l.getEventName()).isEqualTo("warden.decision");
            assertThat(l.getSeverityText()).isIn("INFO", "WARN", "ERROR");
            assertThat(l.getAttributes().get(AttributeKey.stringKey("event.name"))).as("not an attribute").isNull();
        });
        assertThat(records).anySatisfy(l -> {
            assertThat(l.getAttributes().get(GenAiConventions.WARDEN_OUTCOME)).isEqualTo("DENY");
            assertThat(l.getSeverityText()).isEqualTo("WARN");
        });
    }

    @Test
    void model_span_names_the_requested_model_and_the_registry_provider_and_maps_finish_reasons() {
        List<SpanData> chats = all.stream().filter(op("chat", SpanKind.CLIENT)).toList();
        assertThat(chats).extracting(SpanData::getName).containsOnly("chat gpt-4o-mini");
        assertThat(chats).allSatisfy(s -> {
            assertThat(s.getAttributes().get(GenAiConventions.PROVIDER_NAME)).isEqualTo("openai");
            assertThat(s.getAttributes().get(GenAiConventions.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
        });
        assertThat(chats).extracting(s -> s.getAttributes().get(GenAiConventions.RESPONSE_FINISH_REASONS))
                .contains(List.of("tool_call"), List.of("stop"));
        assertThat(all.stream().filter(op("invoke_agent", SpanKind.INTERNAL)))
                .allSatisfy(s -> assertThat(s.getAttributes().get(GenAiConventions.REQUEST_MODEL))
                        .isEqualTo("gpt-4o-mini"));
    }

    @Test
    void a_fail_closed_plane_failure_marks_its_guardrail_span_as_an_error_with_the_stable_code() {
        SpanData failed = all.stream().filter(op("apply_guardrail", SpanKind.INTERNAL))
                .filter(s -> "get_transactions".equals(s.getAttributes().get(GenAiConventions.TOOL_NAME)))
                .findFirst().orElseThrow();
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(GenAiConventions.ERROR_TYPE)).isEqualTo("WARDEN-CORE-0002");
        assertThat(failed.getAttributes().get(GenAiConventions.GUARDRAIL_RESULT_VALUE)).isEqualTo("ERROR");
        SpanData denied = all.stream().filter(op("apply_guardrail", SpanKind.INTERNAL))
                .filter(s -> "send_money".equals(s.getAttributes().get(GenAiConventions.TOOL_NAME)))
                .findFirst().orElseThrow();
        assertThat(denied.getStatus().getStatusCode()).as("a denial is not an error").isEqualTo(StatusCode.UNSET);
        assertThat(denied.getAttributes().get(GenAiConventions.GUARDRAIL_POLICY_ID)).isEqualTo("banking");
        assertThat(denied.getAttributes().get(GenAiConventions.GUARDRAIL_POLICY_VERSION)).isEqualTo("4");
        assertThat(denied.getAttributes().get(GenAiConventions.GUARDRAIL_POLICY_RULE_ID)).isEqualTo("no-transfers");
        assertThat(denied.getAttributes().get(GenAiConventions.WARDEN_CODE)).isEqualTo("WARDEN-AB-0001");
        assertThat(denied.getAttributes().get(GenAiConventions.GUARDRAIL_SOURCE)).isEqualTo("TOOL_CALL");
        assertThat(denied.getName()).isEqualTo("apply_guardrail Warden");
    }
}
