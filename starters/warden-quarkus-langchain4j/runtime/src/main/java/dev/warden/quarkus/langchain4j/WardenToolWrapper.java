package dev.warden.quarkus.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import dev.warden.core.Verdict;
import io.quarkiverse.langchain4j.runtime.tool.QuarkusToolExecutor;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Puts every tool call a Quarkus LangChain4j {@code @RegisterAiService} makes through Warden's {@code TOOL_CALL} and
 * {@code TOOL_RESULT} checkpoints, with no change to the service or its tools. It plugs into Quarkus LangChain4j's
 * own tool-executor seam ({@link QuarkusToolExecutor.Wrapper}), which every model-requested tool call passes.
 *
 * <ul>
 *   <li>deny, or an argument list that is not a JSON object: the tool does not run; the model gets an error result
 *       saying why (so it can recover);</li>
 *   <li>transform: the tool runs with the transformed arguments;</li>
 *   <li>require approval or confirmation: an AI-service call cannot be suspended and resumed, so the call is refused
 *       and the model is told it needs approval ({@link AiServiceCodes#TOOL_NEEDS_APPROVAL}) or the user's
 *       confirmation ({@link AiServiceCodes#TOOL_NEEDS_CONFIRMATION}) — fail closed. Use a {@code @WardenAgent} for
 *       approval and confirmation flows;</li>
 *   <li>the result is labelled with the tool's source labels and may be withheld or transformed at
 *       {@code TOOL_RESULT}; the labels accumulate over the invocation, so later calls are judged with them.</li>
 * </ul>
 */
@Singleton
public class WardenToolWrapper implements QuarkusToolExecutor.Wrapper {
    static final String NOT_JSON = AiServiceCodes.TOOL_ARGUMENTS_NOT_JSON;
    static final String UNKNOWN_TOOL = AiServiceCodes.TOOL_WITHOUT_METADATA;
    static final String NEEDS_APPROVAL = AiServiceCodes.TOOL_NEEDS_APPROVAL;
    static final String NEEDS_CONFIRMATION = AiServiceCodes.TOOL_NEEDS_CONFIRMATION;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Governor governor;
    private final AiServiceToolCatalog catalog;
    private final AiServiceSessions sessions;
    private final dev.warden.core.RefusalFeedback feedback;

    WardenToolWrapper(Governor governor, AiServiceToolCatalog catalog, AiServiceSessions sessions,
            dev.warden.quarkus.WardenConfig config) {
        this.governor = governor;
        this.catalog = catalog;
        this.sessions = sessions;
        // AI services have no agent id of their own here: the configured default applies
        this.feedback = config.refusalFeedback().defaultLevel();
    }

    @Override
    public ToolExecutionResult wrap(ToolExecutionRequest call, InvocationContext invocation,
            BiFunction<ToolExecutionRequest, InvocationContext, ToolExecutionResult> tool,
            QuarkusToolExecutor executor) {
        AiServiceSessions.Session session = session(invocation);
        if (session == null) {
            return outsideInvocation(call);
        }
        int step = session.step();
        GovernanceContext ctx = session.context();
        Map<String, Object> attrs = session.attributes();
        Optional<ToolDescriptor> found = catalog.descriptor(call.name());
        if (found.isEmpty()) {
            return refused(record(Checkpoint.TOOL_CALL, step, null, call, Map.of(), ctx, attrs, Outcome.DENY,
                    "tool '" + call.name() + "' has no governance metadata", UNKNOWN_TOOL));
        }
        ToolDescriptor d = found.get();
        Map<String, Object> args;
        try {
            args = parse(call.arguments());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return refused(record(Checkpoint.TOOL_CALL, step, d, call, Map.of(), ctx, attrs, Outcome.DENY,
                    "tool arguments are not a JSON object", NOT_JSON));
        }
        Verdict v = governor.check(CheckpointRequest.toolCall(step, d, call.id(), args).withAttributes(attrs), ctx);
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            return refused(new Refusal(NEEDS_APPROVAL, "this call needs human approval (" + v.reason()
                    + "); AI services cannot wait for it, so it was not executed"));
        }
        if (v.outcome() == Outcome.REQUIRE_CONFIRMATION) {
            return refused(new Refusal(NEEDS_CONFIRMATION, "this call needs the user's confirmation (" + v.reason()
                    + "); AI services cannot wait for it, so it was not executed"));
        }
        if (!v.proceeds()) {
            return ToolExecutionResult.builder().isError(true).resultText(feedback.toolCallRefused(v.code(),
                    v.reason())).build();
        }
        ToolExecutionRequest effective = call;
        Map<String, Object> effArgs = v.effectiveRequest().arguments();
        if (!effArgs.equals(args)) {
            effective = ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(write(effArgs))
                    .build();
        }
        Object declaration = dev.warden.core.tools.ResultLabels.open();
        ToolExecutionResult result;
        Labels resultLabels = d.sourceLabels();
        try {
            result = tool.apply(effective, invocation);
        } finally {
            resultLabels = dev.warden.core.tools.ResultLabels.close(declaration, d.sourceLabels());
        }
        session.charge(Usage::plusToolCall);
        Map<String, Object> resultAttrs = attrs;
        if (result.isError()) {
            resultAttrs = new HashMap<>(attrs);
            resultAttrs.put(CheckpointAttributes.TOOL_FAILED, Boolean.TRUE);
        }
        CheckpointRequest out = new CheckpointRequest(Checkpoint.TOOL_RESULT, step, d, call.id(), null,
                result.resultText(), resultLabels, d.name(), resultAttrs);
        Verdict rv = governor.check(out, ctx);
        if (!rv.proceeds()) {
            return ToolExecutionResult.builder().isError(true).resultText(feedback.resultWithheld(rv.code(),
                    rv.reason())).build();
        }
        session.seen(rv.effectiveRequest().contentLabels());
        String text = rv.effectiveRequest().content();
        return text != null && text.equals(result.resultText()) ? result
                : ToolExecutionResult.builder().isError(result.isError()).resultText(text).build();
    }

    private record Refusal(String code, String reason) {}

    /**
     * The invocation's session: by its id when Warden opened one for it; else the {@code TokenStream} invocation bound
     * to this thread, whose tools get a context with no id — or, should a LangChain4j release give them one, an id
     * Warden never saw (decision 0061): the call is judged as the stream's user, in its run, never in a session of its
     * own; else, for an id not yet seen (a synchronous invocation whose start was not reported), a session opened for
     * it; {@code null} when the call belongs to no governed invocation.
     */
    private AiServiceSessions.Session session(InvocationContext invocation) {
        boolean identified = invocation != null && invocation.invocationId() != null;
        AiServiceSessions.Session known = identified ? sessions.find(invocation) : null;
        if (known != null) {
            return known;
        }
        AiServiceStreams.Stream bound = AiServiceStreams.bound();
        if (bound != null && (invocation == null || invocation.interfaceName() == null
                || invocation.interfaceName().equals(bound.service))) {
            return bound.session;
        }
        return identified ? sessions.session(invocation) : null;
    }

    /** No invocation to judge the call with (its user and labels unknown): refused, audited as anonymous. */
    private ToolExecutionResult outsideInvocation(ToolExecutionRequest call) {
        InvocationContext unknown = InvocationContext.builder().invocationId(java.util.UUID.randomUUID())
                .interfaceName("ai-service").build();
        AiServiceSessions.Session s = sessions.session(unknown,
                new dev.warden.core.Principal(AiServiceSessions.ANONYMOUS, null, java.util.Set.of(), Map.of()));
        try {
            return refused(record(Checkpoint.TOOL_CALL, s.step(), catalog.descriptor(call.name()).orElse(null), call,
                    Map.of(), s.context(), s.attributes(), Outcome.DENY, "tool '" + call.name() + "' was called"
                            + " outside any governed AI-service invocation",
                    AiServiceCodes.TOOL_CALL_OUTSIDE_INVOCATION));
        } finally {
            sessions.forget(unknown);
        }
    }

    private Refusal record(Checkpoint checkpoint, int step, ToolDescriptor d, ToolExecutionRequest call,
            Map<String, Object> args, GovernanceContext ctx, Map<String, Object> attrs, Outcome outcome, String reason,
            String code) {
        CheckpointRequest req = new CheckpointRequest(checkpoint, step, d, call.id(), args, null, null, call.name(),
                attrs);
        governor.record(req, ctx, Verdict.synthetic(req, outcome, reason, code), null);
        return new Refusal(code, reason);
    }

    private static ToolExecutionResult refused(Refusal r) {
        return ToolExecutionResult.builder().isError(true).resultText("Tool call refused by policy"
                + (r.code() == null ? "" : " [" + r.code() + "]") + ": " + r.reason()
                + ". The call was not executed; do not retry it unchanged.").build();
    }

    private static Map<String, Object> parse(String arguments) throws JsonProcessingException {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        Object parsed = JSON.readValue(arguments, Object.class);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("not an object");
        }
        return JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {});
    }

    private static String write(Map<String, Object> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
