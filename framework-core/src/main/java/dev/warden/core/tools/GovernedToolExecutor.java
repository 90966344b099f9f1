package dev.warden.core.tools;

import static dev.warden.core.telemetry.GenAiConventions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Checkpoint;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.RunDeadline;
import dev.warden.core.internal.InterruptibleCalls;
import dev.warden.core.RefusalFeedback;
import dev.warden.core.SecretArguments;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.provenance.CallRepeats;
import dev.warden.core.provenance.ItemLabels;
import dev.warden.core.provenance.ProvenanceTracker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The only path from a model's tool request to a tool: resolve the tool, parse and schema-check the arguments, pass
 * {@code TOOL_CALL}, execute with the effective (possibly transformed) arguments inside an {@code execute_tool} span,
 * pass {@code TOOL_RESULT} with the tool's source labels.
 *
 * <p>Bad input never escapes as an exception: an unknown tool, arguments that are not a JSON object, or arguments
 * that violate the schema become a recorded Deny with a clear reason, and the tool is not executed.
 */
public final class GovernedToolExecutor {
    /** Tool arguments larger than this are refused without parsing. */
    public static final int MAX_ARGUMENT_CHARS = 256 * 1024;

    /** Strict: duplicate keys (an ambiguity parsers resolve differently) and trailing garbage are rejected. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final ToolRegistry registry;
    private final Governor governor;
    private final Executor blockingExecutor;
    private final ProvenanceTracker provenance;
    private final CallRepeats repeats;
    private final RefusalFeedback feedback;

    /**
     * @param blockingExecutor where tools run (worker or virtual threads), or {@code null} to run them on the caller's
     *     thread
     */
    public GovernedToolExecutor(ToolRegistry registry, Governor governor, Executor blockingExecutor) {
        this(registry, governor, blockingExecutor, RefusalFeedback.DETAILED);
    }

    /** @param feedback how much the model is told when a result is withheld */
    public GovernedToolExecutor(ToolRegistry registry, Governor governor, Executor blockingExecutor,
            RefusalFeedback feedback) {
        this.registry = registry;
        this.governor = governor;
        this.blockingExecutor = blockingExecutor;
        this.provenance = new ProvenanceTracker(java.time.Clock.systemUTC());
        this.repeats = new CallRepeats(java.time.Clock.systemUTC());
        this.feedback = feedback == null ? RefusalFeedback.DETAILED : feedback;
    }

    /** What this executor's runs have seen, for argument provenance. */
    public ProvenanceTracker provenance() {
        return provenance;
    }

    /** How many times this executor's runs already made a call; stored with a suspended run (decision 0066). */
    public CallRepeats repeats() {
        return repeats;
    }

    /** How much the model is told about refusals. */
    public RefusalFeedback feedback() {
        return feedback;
    }

    public ToolRegistry registry() {
        return registry;
    }

    /** Runs the {@code TOOL_CALL} checkpoint for a model's request. Never fails; bad input yields a recorded Deny. */
    public Uni<ToolAuthorization> authorize(ToolExecutionRequest call, GovernanceContext ctx, int step,
            Map<String, Object> attributes, Context otel) {
        return Uni.createFrom().deferred(() -> {
            String name = call == null ? null : call.name();
            ToolRegistry.RegisteredTool tool = registry.lookup(name);
            ToolDescriptor descriptor = tool == null ? ToolDescriptor.named(name == null ? "<none>" : name) : tool.descriptor();
            String callId = call == null ? null : call.id();
            if (tool == null) {
                return refuse(call, null, descriptor, callId, Map.of(), ctx, step, attributes, otel,
                        "unknown tool '" + name + "'; available tools: " + registry.names(), WardenCodes.UNKNOWN_TOOL);
            }
            Map<String, Object> parsed;
            try {
                parsed = parseArguments(call.arguments());
            } catch (IllegalArgumentException e) {
                return refuse(call, descriptor, descriptor, callId, Map.of(), ctx, step, attributes, otel,
                        "malformed arguments for '" + name + "': " + e.getMessage(), WardenCodes.MALFORMED_ARGUMENTS);
            }
            Map<String, Object> args = ArgumentCoercion.coerce(descriptor.specification().parameters(), parsed);
            Optional<String> violation = ArgumentSchemaValidator.validate(
                    descriptor.specification().parameters(), args);
            if (violation.isPresent()) {
                return refuse(call, descriptor, descriptor, callId, args, ctx, step, attributes, otel,
                        "arguments of '" + name + "' violate its schema: " + violation.get(),
                        WardenCodes.SCHEMA_VIOLATION);
            }
            CheckpointRequest req = CheckpointRequest.toolCall(step, descriptor, callId, args)
                    .withAttributes(withProvenance(attributes, ctx, descriptor, args));
            return governor.evaluate(req, ctx, otel).map(v -> new ToolAuthorization(call, descriptor,
                    v.effectiveRequest() == null ? args : v.effectiveRequest().arguments(), v, null, req));
        });
    }

    private Uni<ToolAuthorization> refuse(ToolExecutionRequest call, ToolDescriptor known, ToolDescriptor descriptor,
            String callId, Map<String, Object> args, GovernanceContext ctx, int step, Map<String, Object> attributes,
            Context otel, String reason, String code) {
        CheckpointRequest req = CheckpointRequest.toolCall(step, descriptor, callId, args).withAttributes(attributes);
        Verdict v = governor.record(req, ctx, Verdict.synthetic(req, Outcome.DENY, reason, code), otel);
        return Uni.createFrom().item(new ToolAuthorization(call, known, args, v, null));
    }

    /**
     * An authorization for a call a human approved: the exact tool and arguments the approver saw. The approval
     * itself must have been recorded by the caller.
     */
    public ToolAuthorization approved(ToolExecutionRequest call, Map<String, Object> arguments, Verdict approvalVerdict,
            String approverId) {
        ToolRegistry.RegisteredTool tool = registry.lookup(call.name());
        if (tool == null) {
            throw new IllegalStateException("approved tool '" + call.name() + "' is no longer registered");
        }
        return new ToolAuthorization(call, tool.descriptor(), arguments, approvalVerdict, approverId);
    }

    /** Executes a permitted call and runs {@code TOOL_RESULT}. Never fails: a throwing tool becomes an error result. */
    public Uni<ToolOutcome> execute(ToolAuthorization auth, GovernanceContext ctx, int step,
            Map<String, Object> attributes, Context otel) {
        return execute(auth, ctx, step, attributes, otel, false);
    }

    /**
     * As {@link #execute(ToolAuthorization, GovernanceContext, int, Map, Context)}; with {@code beforeNextCheckpoint}
     * the caller promises that the result leaves the runtime only after the run's next checkpoint, so its
     * {@code TOOL_RESULT} record may be written with the next one ({@link Governor#evaluateBeforeNextCheckpoint}).
     */
    public Uni<ToolOutcome> execute(ToolAuthorization auth, GovernanceContext ctx, int step,
            Map<String, Object> attributes, Context otel, boolean beforeNextCheckpoint) {
        if (!auth.permitted()) {
            return Uni.createFrom().failure(new IllegalStateException("call was not authorized: " + auth.verdict()));
        }
        ToolRegistry.RegisteredTool tool = registry.lookup(auth.tool().name());
        Uni<RawResult> run = bounded(tool, auth, ctx, otel);
        return run.chain(raw -> {
            settle(auth, ctx, raw);
            if (raw.awaiting != null && !raw.failed) {
                // the callee waits for the requester: nothing is delivered, the caller's run relays the question
                return Uni.createFrom().item(new ToolOutcome(raw.text, auth.verdict(), Labels.PUBLIC, false,
                        raw.awaiting));
            }
            Map<String, Object> attrs = attributes;
            if (raw.failed) {
                attrs = new HashMap<>(attributes);
                attrs.put(CheckpointAttributes.TOOL_FAILED, Boolean.TRUE);
            }
            ToolDescriptor d = auth.tool();
            ItemLabels items = ItemLabels.withFields(d.itemLabels(), raw.fields);
            // Recorded before TOOL_RESULT: a result that is later withheld never reaches the model, and a value the
            // model never saw gains nothing from having been recorded (provenance only ever names where it was).
            // a whole-result declaration (UNTRUSTED lineage) is the result's integrity; declared fields refine it
            dev.warden.core.Integrity base = raw.fields.isEmpty() ? raw.labels.integrity()
                    : d.sourceLabels().integrity();
            ProvenanceTracker.Recorded rec = provenance.recordResult(ctx.runId(), userInput(attributes), d.name(),
                    auth.effectiveArguments(), raw.text, base, items);
            // the tool's declared labels (ResultLabels) or its descriptor's, refined per item and field: trusted when
            // every piece is, untrusted when a piece is (an outside-written field of a trusted record)
            Labels arrived = raw.labels;
            if (items != null && !raw.failed) {
                dev.warden.core.Integrity pieces = rec.allTrusted() ? dev.warden.core.Integrity.TRUSTED
                        : dev.warden.core.Integrity.UNTRUSTED;
                // only a descriptor's trusted items or fields raise trust; declared field labels can only lower it
                arrived = arrived.join(rec.fieldLabels()).withIntegrity(items.raisesTrust() ? pieces
                        : arrived.integrity().join(pieces));
            }
            if (items != null && !items.fieldLabels().isEmpty()) {
                attrs = new HashMap<>(attrs);
                attrs.put(CheckpointAttributes.FIELD_LABELS, items.fieldLabels());
                attrs.put(CheckpointAttributes.BASE_LABELS, raw.labels);
            }
            if (raw.declared != null && !raw.declared.values().isEmpty() && !raw.failed) {
                // values whose labels are bound to them (a delegated answer): the rest of the result is labelled base
                attrs = new HashMap<>(attrs);
                attrs.put(CheckpointAttributes.VALUE_LABELS, raw.declared.values());
                attrs.putIfAbsent(CheckpointAttributes.BASE_LABELS, raw.declared.valuesBase());
            }
            CheckpointRequest req = new CheckpointRequest(Checkpoint.TOOL_RESULT, step, d,
                    auth.call().id(), null, raw.text, arrived, d.name(), attrs);
            return (beforeNextCheckpoint ? governor.evaluateBeforeNextCheckpoint(req, ctx, otel)
                    : governor.evaluate(req, ctx, otel)).map(v -> {
                if (v.proceeds()) {
                    CheckpointRequest eff = v.effectiveRequest();
                    return new ToolOutcome(eff.content(), v, eff.contentLabels(), raw.failed, null,
                            raw.failed ? null : ResultFieldSplit.of(items, raw.labels, v, eff.contentLabels()));
                }
                String msg = feedback.resultWithheld(v.code(), ToolAuthorization.reasonForModel(v));
                return new ToolOutcome(msg, v, Labels.PUBLIC, raw.failed);
            });
        });
    }

    /**
     * Tells the planes consulted at {@code TOOL_CALL} whether the call happened: committed when the tool returned,
     * aborted when it failed or was cut off.
     */
    private void settle(ToolAuthorization auth, GovernanceContext ctx, RawResult raw) {
        // counted as the model asked for it (the arguments the approver or requester saw), not as a plane rewrote it
        // a delegate whose callee waits for a confirmation has not run yet: the run does not count it as a tool call,
        // and it is counted here when it runs after the confirmation (else this count would run ahead of the run's
        // and a partial memory would go unseen)
        if (raw.awaiting == null || raw.failed) {
            repeats.executed(ctx.runId(), ctx.usage().toolCalls(), auth.tool().name(), auth.tool().effects(),
                    auth.request() != null ? auth.request().arguments() : auth.effectiveArguments(), !raw.failed);
        }
        if (auth.request() == null) {
            return;
        }
        if (!raw.failed) {
            governor.committed(auth.request(), ctx, auth.verdict());
        } else {
            governor.aborted(auth.request(), ctx, auth.verdict(), raw.timedOut
                    ? dev.warden.spi.Settlement.Abort.TIMED_OUT
                    : dev.warden.spi.Settlement.Abort.ACTION_FAILED, raw.text);
        }
    }

    /**
     * What the tool returned, the labels of that result ({@link ResultLabels} or the descriptor's), the field labels
     * the tool declared for it, and whether it was cut off by its time limit.
     */
    private record RawResult(String text, boolean failed, Labels labels, Map<String, Labels> fields,
            boolean timedOut, ResultLabels.Declared declared, CalleeConfirmations.Awaiting awaiting) {
        RawResult(String text, boolean failed, Labels labels) {
            this(text, failed, labels, Map.of(), false, null, null);
        }

        RawResult(String text, boolean failed, ResultLabels.Declared declared, CalleeConfirmations.Awaiting awaiting) {
            this(text, failed, declared.labels(), declared.fields(), false, declared, awaiting);
        }

        RawResult(String text, boolean failed, Labels labels, boolean timedOut) {
            this(text, failed, labels, Map.of(), timedOut, null, null);
        }
    }

    /**
     * The tool run under the earlier of its own time budget and the run's deadline (carried by {@code otel}): cut
     * off and interrupted when either passes, reported to the model as a failed call with the code of the budget
     * that ran out. Unbounded tools of unbounded runs run as before.
     */
    private Uni<RawResult> bounded(ToolRegistry.RegisteredTool tool, ToolAuthorization auth, GovernanceContext ctx,
            Context otel) {
        java.time.Clock clock = governor.clock();
        java.time.Duration own = tool.timeout();
        java.time.Duration runLeft = RunDeadline.in(otel).map(d -> d.remaining(clock)).orElse(null);
        if (own == null && runLeft == null) {
            Uni<RawResult> run = Uni.createFrom().item(() -> invoke(tool, auth, ctx, otel));
            return blockingExecutor == null ? run : run.runSubscriptionOn(blockingExecutor);
        }
        boolean runBound = own == null || runLeft != null && runLeft.compareTo(own) <= 0;
        java.time.Duration limit = runBound ? runLeft : own;
        String code = runBound ? WardenCodes.RUN_DEADLINE : WardenCodes.TOOL_TIMEOUT;
        return InterruptibleCalls.call(() -> invoke(tool, auth, ctx, otel),
                blockingExecutor == null ? InterruptibleCalls.shared() : blockingExecutor, limit)
                .onFailure(InterruptibleCalls.LimitExceeded.class).recoverWithItem(e -> new RawResult(
                        "Tool cancelled [" + code + "]: '" + auth.tool().name() + "' did not finish within " + limit
                                + (runBound ? " (the run's deadline)" : " (its own time budget)"), true,
                        auth.tool().sourceLabels(), true));
    }

    private RawResult invoke(ToolRegistry.RegisteredTool tool, ToolAuthorization auth, GovernanceContext ctx,
            Context otel) {
        ToolDescriptor d = auth.tool();
        Span span = governor.telemetry().tracer().spanBuilder(OP_EXECUTE_TOOL + " " + d.name())
                .setParent(otel)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION_NAME, OP_EXECUTE_TOOL)
                .setAttribute(TOOL_NAME, d.name())
                .setAttribute(TOOL_TYPE, "function")
                .startSpan();
        if (auth.call().id() != null) {
            span.setAttribute(TOOL_CALL_ID, auth.call().id());
        }
        String argsJson = toJson(auth.effectiveArguments());
        if (governor.telemetry().captureContent()) {
            span.setAttribute(TOOL_CALL_ARGUMENTS, toJson(SecretArguments.redact(d, auth.effectiveArguments())));
        }
        ToolExecutionRequest effective = ToolExecutionRequest.builder()
                .id(auth.call().id()).name(d.name()).arguments(argsJson).build();
        Object declaration = ResultLabels.open();
        CalleeConfirmations.open();
        try (Scope ignored = otel.with(span).makeCurrent()) {
            dev.langchain4j.invocation.InvocationParameters parameters = ToolCaller.parameters(ctx);
            if (auth.relayedAnswer() != null) { // set by the runtime only, when the requester answered a callee
                Map<String, Object> with = new HashMap<>(parameters.asMap());
                with.put(CalleeConfirmations.ANSWER, auth.relayedAnswer());
                parameters = new dev.langchain4j.invocation.InvocationParameters(with);
            }
            ToolExecutionResult r = tool.executor().executeWithContext(effective,
                    InvocationContext.builder().chatMemoryId(ctx.runId() == null ? "default" : ctx.runId())
                            .invocationParameters(parameters).build());
            String text = r == null || r.resultText() == null ? "" : r.resultText();
            boolean failed = r != null && r.isError();
            if (failed) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(ERROR_TYPE, "tool_error");
            }
            if (governor.telemetry().captureContent()) {
                span.setAttribute(TOOL_CALL_RESULT, text);
            }
            ResultLabels.Declared declared = ResultLabels.closeDeclared(declaration, d.sourceLabels());
            return new RawResult(text, failed, declared, CalleeConfirmations.close());
        } catch (Exception e) {
            ResultLabels.close(declaration, d.sourceLabels());
            CalleeConfirmations.close();
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, e.getClass().getName());
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // the tool's own message reaches the model (as in LangChain4j), its exception class does not
            return new RawResult("Tool failed [" + WardenCodes.TOOL_ERROR + "]"
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), true, d.sourceLabels());
        } finally {
            span.end();
        }
    }

    private Map<String, Object> withProvenance(Map<String, Object> attributes, GovernanceContext ctx,
            ToolDescriptor tool, Map<String, Object> args) {
        Map<String, Object> traced = new LinkedHashMap<>();
        provenance.trace(ctx.runId(), userInput(attributes), args).forEach((k, p) -> traced.put(k, p.toMap()));
        Map<String, Object> out = new HashMap<>(attributes == null ? Map.of() : attributes);
        out.put(CheckpointAttributes.PROVENANCE, traced);
        CallRepeats.Counts n = repeats.count(ctx.runId(), ctx.usage().toolCalls(), tool.name(), tool.effects(), args);
        out.remove(CheckpointAttributes.REPEATS); // never ones the caller passed in
        out.remove(CheckpointAttributes.SIMILAR_CALLS);
        if (n != null) { // unknown stays absent, never 0: a has()-guarded rule treats it as a repeat
            out.put(CheckpointAttributes.REPEATS, n.same());
            out.put(CheckpointAttributes.SIMILAR_CALLS, n.similar());
        }
        return out;
    }

    private static String userInput(Map<String, Object> attributes) {
        Object v = attributes == null ? null : attributes.get(CheckpointAttributes.USER_INPUT);
        return v instanceof String s ? s : null;
    }

    static Map<String, Object> parseArguments(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        if (json.length() > MAX_ARGUMENT_CHARS) {
            throw new IllegalArgumentException("arguments exceed " + MAX_ARGUMENT_CHARS + " characters");
        }
        try {
            var node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return JSON.convertValue(node, MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static String toJson(Map<String, Object> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
