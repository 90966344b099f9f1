package dev.warden.core.audit;

import dev.warden.core.telemetry.GenAiConventions;
import dev.warden.spi.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;

/**
 * Publishes decision records as OpenTelemetry log records, so the audit trail reaches the log pipeline a platform
 * already runs (an OTLP collector in front of a SIEM) with each record correlated to the trace of its decision.
 *
 * <p>One log record per decision record: the body is the record's canonical JSON exactly as it was hashed (a
 * receiver can re-verify the chain from the bodies alone); attributes carry what a SIEM filters on (tenant, sequence,
 * hash, run, user, agent, tool, checkpoint, outcome ({@code warden.outcome}), code, rule and policy ids); the OTLP
 * {@code event_name} field is {@value #EVENT_NAME}; the severity is {@code INFO} for decisions that proceed,
 * {@code WARN} for denials and approval requests, {@code ERROR} for failures (fail-closed denials), with the level's
 * name as severity text; the timestamp is the decision's time and the trace context its span's. The log pipeline is a mirror,
 * not the system of record: the durable {@link AuditSink} stays the source of truth and {@link #emit} never fails a
 * decision (OpenTelemetry's SDK buffers and drops under pressure, which its own metrics report).
 *
 * <pre>{@code
 * AuditLogExporter logs = new AuditLogExporter(openTelemetry);
 * AuditSink sink = logs.mirroring(new JsonlAuditSink(path, true)); // every new record is also a log record
 * long n = logs.exportAll(sink, "bank-a");                        // backfill the existing trail
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AuditLogExporter {
    /** Instrumentation scope of the log records. */
    public static final String SCOPE = "dev.warden.audit";
    /** The event name (OTLP {@code event_name}) of every record. */
    public static final String EVENT_NAME = "warden.decision";

    static final AttributeKey<String> TENANT = AttributeKey.stringKey("warden.tenant");
    static final AttributeKey<Long> SEQ = AttributeKey.longKey("warden.audit.seq");
    static final AttributeKey<String> HASH = AttributeKey.stringKey("warden.audit.hash");
    static final AttributeKey<String> PREV_HASH = AttributeKey.stringKey("warden.audit.prev_hash");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("warden.run.id");
    static final AttributeKey<String> CHECKPOINT = AttributeKey.stringKey("warden.checkpoint");
    static final AttributeKey<String> OUTCOME = GenAiConventions.WARDEN_OUTCOME;
    static final AttributeKey<String> CODE = AttributeKey.stringKey("warden.code");
    static final AttributeKey<List<String>> CHAIN = AttributeKey.stringArrayKey("warden.delegation.chain");
    /**
     * The agent a {@code DELEGATION} / {@code DELEGATION_RESULT} record hands to (its {@code tool} field, decision
     * 0049). Not {@code gen_ai.tool.name}: a delegation is no tool call, and consumers counting tool use by that key
     * would count delegations; {@code gen_ai.agent.*} names the record's own agent (the caller) here.
     */
    static final AttributeKey<String> CALLEE = AttributeKey.stringKey("warden.delegation.callee");

    private final Logger logger;

    public AuditLogExporter(OpenTelemetry openTelemetry) {
        this.logger = openTelemetry.getLogsBridge().get(SCOPE);
    }

    /** Emits {@code record} (a chained record, as returned by {@link AuditSink#append}) as one log record. */
    public void emit(DecisionRecord record) {
        var builder = logger.logRecordBuilder()
                .setTimestamp(Instant.parse(record.time()))
                .setEventName(EVENT_NAME)
                .setSeverity(severity(record.outcome()))
                .setSeverityText(severityText(severity(record.outcome())))
                .setBody(CanonicalJson.write(record))
                .setAllAttributes(attributes(record));
        if (record.traceId() != null && record.spanId() != null) {
            SpanContext span = SpanContext.createFromRemoteParent(record.traceId(), record.spanId(),
                    TraceFlags.getSampled(), TraceState.getDefault());
            if (span.isValid()) {
                builder.setContext(Span.wrap(span).storeInContext(Context.root()));
            }
        }
        builder.emit();
    }

    /** Emits every stored record of {@code tenant} ({@code null}: all) in chain order; returns how many. */
    public long exportAll(AuditSink sink, String tenant) {
        return sink.forEachRecord(tenant, this::emit);
    }

    /** A sink that appends to {@code delegate} and, once the record is durable there, emits it as a log record. */
    public AuditSink mirroring(AuditSink delegate) {
        return new LogMirroringAuditSink(delegate, this);
    }

    static Severity severity(String outcome) {
        if (outcome == null) {
            return Severity.UNDEFINED_SEVERITY_NUMBER;
        }
        return switch (outcome) {
            case "ALLOW", "TRANSFORM" -> Severity.INFO;
            case "DENY", "REQUIRE_APPROVAL", "REQUIRE_CONFIRMATION" -> Severity.WARN;
            case "ERROR" -> Severity.ERROR;
            default -> Severity.UNDEFINED_SEVERITY_NUMBER;
        };
    }

    /** The level's name ({@code INFO}, {@code WARN}, {@code ERROR}), as log pipelines expect in severity text. */
    static String severityText(Severity severity) {
        return switch (severity) {
            case INFO -> "INFO";
            case WARN -> "WARN";
            case ERROR -> "ERROR";
            default -> "UNSPECIFIED";
        };
    }

    private static Attributes attributes(DecisionRecord r) {
        AttributesBuilder a = Attributes.builder();
        putIfPresent(a, TENANT, r.tenant());
        if (r.seq() != null) {
            a.put(SEQ, r.seq());
        }
        putIfPresent(a, HASH, r.hash());
        putIfPresent(a, PREV_HASH, r.prevHash());
        putIfPresent(a, RUN_ID, r.runId());
        putIfPresent(a, CHECKPOINT, r.checkpoint());
        putIfPresent(a, GenAiConventions.ENDUSER_ID, r.userId());
        putIfPresent(a, GenAiConventions.AGENT_ID, r.agentId());
        boolean delegation = "DELEGATION".equals(r.checkpoint()) || "DELEGATION_RESULT".equals(r.checkpoint());
        putIfPresent(a, delegation ? CALLEE : GenAiConventions.TOOL_NAME, r.tool());
        putIfPresent(a, GenAiConventions.TOOL_CALL_ID, r.toolCallId());
        putIfPresent(a, OUTCOME, r.outcome());
        putIfPresent(a, CODE, r.code());
        if (r.ruleIds() != null && !r.ruleIds().isEmpty()) {
            a.put(GenAiConventions.WARDEN_RULE_IDS, r.ruleIds());
        }
        if (r.policies() != null && !r.policies().isEmpty()) {
            a.put(GenAiConventions.WARDEN_POLICIES, r.policies());
        }
        if (r.chain() != null && !r.chain().isEmpty()) {
            a.put(CHAIN, r.chain());
        }
        return a.build();
    }

    private static void putIfPresent(AttributesBuilder a, AttributeKey<String> key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }
}
