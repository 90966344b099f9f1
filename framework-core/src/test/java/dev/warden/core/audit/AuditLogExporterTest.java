package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.spi.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogExporterTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    @TempDir
    Path dir;
    private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    private final OpenTelemetry otel = OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build()).build();

    private static DecisionRecord record(String tenant, String tool, String outcome, String trace, String span) {
        return new DecisionRecord(null, tenant, null, null, "2026-11-25T10:00:00.123Z", trace, span, "run-1", 2,
                "TOOL_CALL", "alice", "banking-assistant", List.of("supervisor"), tool, "call-1", "d", Map.of("n", 1),
                null, outcome, outcome.equals("DENY") ? "WARDEN-AB-0001" : null, "why", List.of("rule-a"),
                List.of("banking@2"), List.of(), null, null, 7);
    }

    @Test
    void every_durable_record_is_mirrored_as_a_log_record_whose_body_is_the_hashed_json() throws Exception {
        Path file = dir.resolve("a.jsonl");
        AuditLogExporter exporter = new AuditLogExporter(otel);
        try (AuditSink sink = exporter.mirroring(new JsonlAuditSink(file, false))) {
            sink.append(record("bank-a", "get_balance", "ALLOW", TRACE, SPAN));
            sink.append(record("bank-a", "send_money", "DENY", null, null));
            sink.append(record("bank-a", "send_money", "ERROR", null, null));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LogRecordData> out = logs.getFinishedLogRecordItems();
        assertThat(out).extracting(l -> l.getBodyValue().asString()).containsExactlyElementsOf(lines);
        assertThat(out).extracting(LogRecordData::getSeverity)
                .containsExactly(Severity.INFO, Severity.WARN, Severity.ERROR);
        LogRecordData first = out.get(0);
        assertThat(first.getInstrumentationScopeInfo().getName()).isEqualTo(AuditLogExporter.SCOPE);
        assertThat(first.getTimestampEpochNanos())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00.123Z").toEpochMilli() * 1_000_000L);
        assertThat(first.getSpanContext().getTraceId()).isEqualTo(TRACE);
        assertThat(first.getSpanContext().getSpanId()).isEqualTo(SPAN);
        // the OTLP event_name field, not an event.name attribute; a level as severity text, the outcome an attribute
        assertThat(first.getEventName()).isEqualTo("warden.decision");
        assertThat(first.getAttributes().get(AttributeKey.stringKey("event.name"))).isNull();
        assertThat(out).extracting(LogRecordData::getSeverityText).containsExactly("INFO", "WARN", "ERROR");
        assertThat(out).extracting(l -> l.getAttributes().get(AttributeKey.stringKey("warden.outcome")))
                .containsExactly("ALLOW", "DENY", "ERROR");
        assertThat(first.getAttributes().get(AttributeKey.longKey("warden.audit.seq"))).isEqualTo(1L);
        assertThat(first.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("get_balance");
        assertThat(first.getAttributes().get(AttributeKey.stringKey("enduser.id"))).isEqualTo("alice");
        assertThat(first.getAttributes().get(AttributeKey.stringArrayKey("warden.delegation.chain")))
                .containsExactly("supervisor");
        LogRecordData denial = out.get(1);
        assertThat(denial.getSpanContext().isValid()).isFalse();
        assertThat(denial.getAttributes().get(AttributeKey.stringKey("warden.code"))).isEqualTo("WARDEN-AB-0001");
        assertThat(denial.getAttributes().get(AttributeKey.stringKey("warden.audit.prev_hash")))
                .isEqualTo(first.getAttributes().get(AttributeKey.stringKey("warden.audit.hash")));
        // a receiver can re-verify the chain from the log bodies alone
        assertThat(HashChainVerifier.verify(out.stream().map(l -> l.getBodyValue().asString()).toList()).valid())
                .isTrue();
    }

    @Test
    void a_delegation_record_names_its_callee_as_warden_delegation_callee_not_as_a_tool() {
        AuditLogExporter exporter = new AuditLogExporter(otel);
        try (AuditSink sink = exporter.mirroring(new JsonlAuditSink(dir.resolve("d.jsonl"), false))) {
            for (String checkpoint : List.of("DELEGATION", "DELEGATION_RESULT", "TOOL_CALL")) {
                DecisionRecord r = record("bank-a", "researcher", "ALLOW", null, null);
                sink.append(new DecisionRecord(null, r.tenant(), null, null, r.time(), null, null, r.runId(), 3,
                        checkpoint, r.userId(), "supervisor", List.of(), "researcher", null, "d", Map.of(), null,
                        "ALLOW", null, "ok", List.of(), List.of(), List.of(), null, null, 1));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<LogRecordData> out = logs.getFinishedLogRecordItems();
        assertThat(out).extracting(l -> l.getAttributes().get(AttributeKey.stringKey("warden.delegation.callee")))
                .containsExactly("researcher", "researcher", null);
        assertThat(out).extracting(l -> l.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                .containsExactly(null, null, "researcher");
        assertThat(out).extracting(l -> l.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.id")))
                .containsOnly("supervisor");
    }

    @Test
    void a_backfill_exports_the_stored_trail_of_one_tenant_in_chain_order() {
        Path file = dir.resolve("b.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(file, false)) {
            for (int i = 0; i < 6; i++) {
                sink.append(record(i % 2 == 0 ? "bank-a" : "bank-b", "t" + i, "ALLOW", null, null));
            }
            long n = new AuditLogExporter(otel).exportAll(sink, "bank-a");
            assertThat(n).isEqualTo(3);
            assertThat(logs.getFinishedLogRecordItems())
                    .extracting(l -> l.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                    .containsExactly("t0", "t2", "t4");
            List<DecisionRecord> all = new ArrayList<>();
            assertThat(sink.forEachRecord(null, all::add)).isEqualTo(6);
            assertThat(all).extracting(DecisionRecord::tool).containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
        }
    }

    @Test
    void a_failing_log_pipeline_never_fails_the_durable_append() {
        // a log record builder that accepts everything and throws on emit, like an exporter that has gone away
        io.opentelemetry.api.logs.LogRecordBuilder failing = (io.opentelemetry.api.logs.LogRecordBuilder)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.opentelemetry.api.logs.LogRecordBuilder.class}, (proxy, method, args) -> {
                            if (method.getName().equals("emit")) {
                                throw new IllegalStateException("collector gone");
                            }
                            return proxy;
                        });
        io.opentelemetry.api.logs.Logger logger = () -> failing;
        OpenTelemetry broken = new OpenTelemetry() {
            @Override
            public io.opentelemetry.api.trace.TracerProvider getTracerProvider() {
                return io.opentelemetry.api.trace.TracerProvider.noop();
            }

            @Override
            public io.opentelemetry.context.propagation.ContextPropagators getPropagators() {
                return io.opentelemetry.context.propagation.ContextPropagators.noop();
            }

            @Override
            public LoggerProvider getLogsBridge() {
                return name -> new io.opentelemetry.api.logs.LoggerBuilder() {
                    @Override
                    public io.opentelemetry.api.logs.LoggerBuilder setSchemaUrl(String url) {
                        return this;
                    }

                    @Override
                    public io.opentelemetry.api.logs.LoggerBuilder setInstrumentationVersion(String v) {
                        return this;
                    }

                    @Override
                    public io.opentelemetry.api.logs.Logger build() {
                        return logger;
                    }
                };
            }
        };
        InMemoryAuditSink durable = new InMemoryAuditSink();
        AuditSink sink = new AuditLogExporter(broken).mirroring(durable);
        DecisionRecord r = sink.append(record("t", "x", "ALLOW", null, null));
        sink.append(record("t", "y", "DENY", null, null));
        assertThat(r.seq()).isEqualTo(1L);
        assertThat(durable.records()).extracting(DecisionRecord::tool).containsExactly("x", "y");
        assertThat(((LogMirroringAuditSink) sink).mirrorFailures()).isEqualTo(2);
        assertThat(sink.verify().valid()).isTrue();
    }
}
