package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.core.Outcome;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.internal.InterruptibleCalls;
import dev.warden.core.langchain4j.ModelAnswerSize;
import dev.warden.core.langchain4j.ModelTurns;
import dev.warden.core.tools.ToolAuthorization;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The governed agent loop: model step → tool calls through {@code TOOL_CALL}/{@code TOOL_RESULT} → next model step …
 * → {@code AGENT_OUTPUT}, with {@code MODEL_REQUEST}/{@code MODEL_RESPONSE} around every model call. Each step is a
 * {@link Uni}; nothing blocks unless the model, a tool or an async plane does, and those run where the agent is
 * configured to run them.
 */
final class AgentLoop {
    private static final System.Logger LOG = System.getLogger(AgentLoop.class.getName());
    private final GovernedAgent agent;
    private final RunSuspensions suspensions;

    AgentLoop(GovernedAgent agent) {
        this.agent = agent;
        this.suspensions = new RunSuspensions(agent, this);
    }

    Uni<RunResult> start(String input, GovernanceContext ctx) {
        return start(input, ctx, null);
    }

    /** @param stream the reader of a streaming run, or {@code null} */
    Uni<RunResult> start(String input, GovernanceContext ctx, StreamSession stream) {
        List<ChatMessage> messages = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        if (agent.settings().systemMessage() != null) {
            messages.add(SystemMessage.from(agent.settings().systemMessage()));
            labels.add(Labels.PUBLIC);
        }
        // the request carries what the run started with: nothing for a user's own run, the caller's labels for a
        // delegated task
        Labels requestLabels = ctx.labels();
        StoredConversation stored;
        try {
            stored = ConversationMemory.load(agent, ctx);
        } catch (RuntimeException e) {
            // fail closed: without its memory's labels the run would start as if it held nothing
            LOG.log(System.Logger.Level.WARNING, "run " + ctx.runId() + ": the conversation cannot be loaded", e);
            return refuse(ctx, "the conversation cannot be loaded from its store (see the server log)",
                    WardenCodes.MEMORY_UNAVAILABLE, stream);
        }
        if (stored != null) {
            messages.addAll(stored.messages());
            labels.addAll(stored.labels());
            ctx = ctx.withLabelsJoined(stored.joined()); // the run starts at what its memory holds
        }
        messages.add(UserMessage.from(input));
        labels.add(requestLabels);
        RunState s = new RunState(ctx.runId(), messages, labels, ctx, input, List.of(), 0, 0);
        s.stream = stream;
        if (stream != null) {
            stream.holdAnswer(dev.warden.core.streaming.PlaneScreens.holdWholeAnswer(
                    agent.settings().governor().planesAt(Checkpoint.MODEL_RESPONSE),
                    agent.settings().governor().planesAt(Checkpoint.AGENT_OUTPUT)));
        }
        ConversationMemory.trace(agent, s.runId, (String) s.attributes.get(CheckpointAttributes.USER_INPUT), stored);
        if (!ctx.chain().isEmpty()) {
            // the task is the calling agent's model output, not the person's request (decision 0073)
            agent.settings().tools().provenance().recordDelegatedTask(s.runId,
                    ctx.chain().get(ctx.chain().size() - 1).agentId(), input, requestLabels.isUntrusted());
        }
        s.deadline = RunSpan.deadline(agent, Context.current());
        open(s, Context.current(), null);
        return modelTurn(s);
    }

    Uni<RunResult> refuseInput(GovernanceContext ctx, String reason, StreamSession stream) {
        return refuse(ctx, reason, WardenCodes.MALFORMED_REQUEST, stream);
    }

    /** A run refused before its first step, recorded at {@code MODEL_REQUEST}; nothing is saved to its memory. */
    private Uni<RunResult> refuse(GovernanceContext ctx, String reason, String code, StreamSession stream) {
        RunState s = new RunState(ctx.runId(), List.of(), ctx, null, List.of(), 0, 0);
        s.stream = stream;
        open(s, Context.current(), null);
        CheckpointRequest req = CheckpointRequest.content(Checkpoint.MODEL_REQUEST, 0, null, null);
        Verdict v = agent.settings().governor().record(req, ctx, Verdict.synthetic(req, Outcome.DENY, reason, code),
                s.otel);
        s.note(v);
        return Uni.createFrom().item(finish(s, RunStatus.DENIED, "Request refused: " + reason, null, v.code()));
    }

    /** Opens the run: its span (a resumed run links it to the suspended run's span) and what it reports. */
    void open(RunState s, Context parent, String suspendedSpan) {
        s.includeAllows = agent.settings().governor().reportsAllowDecisions();
        RunSpan.open(agent, s, parent, suspendedSpan);
    }

    /** How a helper that suspends or stops the run ends it. */
    CalleeRelay.Finish finisher(RunState s) {
        return (pending, status, text) -> finish(s, status, text, pending, null);
    }

    private boolean pastDeadline(RunState s) {
        return s.deadline != null && s.deadline.passed(agent.settings().governor().clock());
    }

    /** Ends the run at its deadline, recorded at the checkpoint it would have passed next. */
    private RunResult timedOut(RunState s, CheckpointRequest next) {
        Verdict v = agent.settings().governor().record(next.withAttributes(s.attributes), s.ctx, Verdict.synthetic(next,
                Outcome.DENY, "run reached its deadline " + s.deadline.at() + "; work in flight was cancelled",
                WardenCodes.RUN_DEADLINE), s.otel);
        s.note(v);
        return finish(s, RunStatus.TIMED_OUT, "Stopped: " + v.reason(), null, v.code());
    }

    private Uni<RunResult> modelTurn(RunState s) {
        if (s.stream != null && s.stream.cancelled()) {
            return Uni.createFrom().item(StreamEnds.cancelled(agent, s, CheckpointRequest.content(
                    Checkpoint.MODEL_REQUEST, s.step + 1, null, null), this::finish));
        }
        if (pastDeadline(s)) {
            return Uni.createFrom().item(timedOut(s, CheckpointRequest.content(Checkpoint.MODEL_REQUEST, s.step + 1,
                    null, null)));
        }
        if (s.step >= agent.settings().maxSteps()) {
            CheckpointRequest req = CheckpointRequest.content(Checkpoint.MODEL_REQUEST, s.step + 1, null, null)
                    .withAttributes(s.attributes);
            Verdict v = agent.settings().governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                    "run exceeded its limit of " + agent.settings().maxSteps() + " model steps", WardenCodes.MAX_STEPS),
                    s.otel);
            s.note(v);
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "Stopped: " + v.reason(), null, v.code()));
        }
        s.step++;
        String newContent = s.step == 1 ? s.userInput : null;
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(CheckpointAttributes.MODEL, agent.settings().modelName());
        attrs.put(CheckpointAttributes.MODEL_INPUTS, ModelInputs.describe(ModelRequestParts.describe(s.messages,
                s.labels, s.splits)));
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_REQUEST, s.step, null, null, null, newContent,
                s.ctx.labels(), agent.settings().providerName(), attrs);
        return agent.settings().governor().evaluate(req, s.ctx, s.otel).chain(v -> {
            s.note(v);
            if (!v.proceeds()) {
                return Uni.createFrom().item(blocked(s, v, "The request to the model was refused"));
            }
            s.ctx = s.ctx.withLabelsJoined(v.effectiveRequest().contentLabels());
            if (s.step == 1 && v.outcome() == Outcome.TRANSFORM && v.effectiveRequest().content() != null) {
                s.messages.set(s.messages.size() - 1, UserMessage.from(v.effectiveRequest().content()));
            }
            // parts a plane withheld (the model is not cleared for them) leave as markers naming their labels
            Map<String, String> withheld = ModelInputs.withheld(v.effectiveRequest());
            // or, when a plane withheld only over-clearance fields of a JSON result, as that JSON with those fields'
            // values replaced (decision 0069); a result that cannot be redacted safely stays withheld whole
            Map<String, Map<String, String>> fields = ModelInputs.fieldsWithheld(v.effectiveRequest());
            Map<Integer, String> redacted = ModelRequestParts.redact(s.messages, s.splits, withheld, fields);
            s.sent = ModelRequestParts.sent(s.messages, s.labels, withheld, redacted, s.splits, fields);
            List<ChatMessage> toSend = ModelRequestParts.toSend(s.messages, withheld, redacted);
            return ModelCalls.call(agent, s, toSend).onItemOrFailure().transformToUni((response, failure) -> {
                if (failure != null && s.stream != null) {
                    RunResult ended = StreamEnds.onFailure(agent, s, failure, this::finish);
                    if (ended != null) {
                        return Uni.createFrom().item(ended);
                    }
                }
                if (failure instanceof StreamingTurn.AnswerTooLarge big) {
                    return Uni.createFrom().item(answerTooLarge(s, big.chars));
                }
                if (failure instanceof InterruptibleCalls.LimitExceeded || failure != null && pastDeadline(s)) {
                    return Uni.createFrom().item(timedOut(s, CheckpointRequest.content(Checkpoint.MODEL_RESPONSE,
                            s.step, null, null)));
                }
                if (failure != null) {
                    // the run's output reaches its caller (and a delegating agent's model): code only, details logged
                    LOG.log(System.Logger.Level.WARNING, "run " + s.runId + ": the model call failed", failure);
                    return Uni.createFrom().item(finish(s, RunStatus.FAILED, "The model call failed ["
                            + WardenCodes.MODEL_ERROR + "]; see the server log", null, WardenCodes.MODEL_ERROR));
                }
                return afterModel(s, response);
            });
        });
    }


    private Uni<RunResult> afterModel(RunState s, ChatResponse response) {
        AiMessage ai = response == null ? null : response.aiMessage();
        if (ai == null) {
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "The model returned no message", null,
                    WardenCodes.MODEL_ERROR));
        }
        s.ctx = s.ctx.withUsage(ModelTurns.plusStep(s.ctx.usage(), response.tokenUsage()));
        if (ModelAnswerSize.exceeds(ai, agent.settings().maxModelAnswerChars())) {
            return Uni.createFrom().item(answerTooLarge(s, ModelAnswerSize.chars(ai,
                    agent.settings().maxModelAnswerChars())));
        }
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(CheckpointAttributes.REQUESTED_TOOLS, ModelTurns.requestedTools(ai));
        attrs.put(CheckpointAttributes.MODEL, agent.settings().modelName());
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_RESPONSE, s.step, null, null, null, ai.text(),
                s.ctx.labels(), null, attrs);
        // what follows a response that proceeds is another checkpoint (TOOL_CALL, MODEL_REQUEST, AGENT_OUTPUT) or a
        // recorded end: its record can be durable by then (AuditDurability.EFFECT, decision 0047)
        return agent.settings().governor().evaluateBeforeNextCheckpoint(req, s.ctx, s.otel).chain(v -> {
            s.note(v);
            if (!v.proceeds()) {
                return Uni.createFrom().item(blocked(s, v, "The model's response was refused"));
            }
            AiMessage effective = ai;
            if (s.stream != null && !s.stream.holdsAnswer() && StreamEnds.rewritesDelivered(v, ai.text())) {
                return Uni.createFrom().item(StreamEnds.rewritten(agent, s, req, this::finish));
            }
            if (v.outcome() == Outcome.TRANSFORM && v.effectiveRequest().content() != null) {
                effective = ai.hasToolExecutionRequests()
                        ? new AiMessage(v.effectiveRequest().content(), ai.toolExecutionRequests())
                        : AiMessage.from(v.effectiveRequest().content());
            }
            s.add(effective, s.sent); // the answer carries at most what the model was sent
            if (effective.hasToolExecutionRequests()) {
                s.queue.addAll(effective.toolExecutionRequests());
                return processQueue(s);
            }
            return output(s, effective.text());
        });
    }

    Uni<RunResult> processQueue(RunState s) {
        ToolExecutionRequest call = s.queue.poll();
        if (call == null) {
            return modelTurn(s);
        }
        if (s.stream != null) {
            if (s.stream.cancelled()) {
                return Uni.createFrom().item(StreamEnds.cancelled(agent, s, CheckpointRequest.toolCall(s.step,
                        descriptor(call), call.id(), null), this::finish));
            }
            s.stream.emit(new RunEvent.ToolCallRequested(s.runId, s.step, call.id(), call.name()));
        }
        if (pastDeadline(s)) {
            return Uni.createFrom().item(timedOut(s, CheckpointRequest.toolCall(s.step, descriptor(call), call.id(),
                    null)));
        }
        if (s.toolCalls >= agent.settings().maxToolCalls()) {
            CheckpointRequest req = CheckpointRequest.toolCall(s.step, descriptor(call), call.id(), null)
                    .withAttributes(s.attributes);
            Verdict v = agent.settings().governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                    "run exceeded its limit of " + agent.settings().maxToolCalls() + " tool calls",
                    WardenCodes.MAX_TOOL_CALLS),
                    s.otel);
            s.note(v);
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "Stopped: " + v.reason(), null, v.code()));
        }
        return agent.settings().tools().authorize(call, s.ctx, s.step, s.attributes, s.otel).chain(auth -> {
            s.note(auth.verdict());
            Outcome o = auth.verdict().outcome();
            if (o == Outcome.REQUIRE_APPROVAL || o == Outcome.REQUIRE_CONFIRMATION) {
                return Uni.createFrom().item(suspensions.suspend(s, auth));
            }
            if (!auth.permitted()) {
                s.add(ToolExecutionResultMessage.from(call, auth.refusalMessage(agent.refusalFeedback())),
                        Labels.PUBLIC);
                return processQueue(s);
            }
            return executeAndContinue(s, auth);
        });
    }

    Uni<RunResult> executeAndContinue(RunState s, ToolAuthorization auth) {
        // the result goes to the next TOOL_CALL or MODEL_REQUEST checkpoint, which waits for its record if deferred
        return agent.settings().tools().execute(auth, s.ctx, s.step, s.attributes, s.otel, true).chain(outcome -> {
            if (outcome.awaiting() != null) {
                return Uni.createFrom().item(CalleeRelay.suspend(agent, s, auth, outcome.awaiting(), finisher(s)));
            }
            s.note(outcome.resultVerdict());
            s.toolCalls++;
            s.ctx = s.ctx.withUsage(s.ctx.usage().plusToolCall());
            if (outcome.delivered()) {
                s.ctx = s.ctx.withLabelsJoined(outcome.contentLabels());
            }
            ToolExecutionResultMessage result = ToolExecutionResultMessage.from(auth.call(), outcome.messageForModel());
            s.add(result, outcome.contentLabels());
            if (outcome.split() != null) {
                s.splits.put(result, outcome.split());
            }
            return processQueue(s);
        });
    }

    private Uni<RunResult> output(RunState s, String text) {
        boolean streamed = s.stream != null && !s.stream.holdsAnswer();
        if (streamed) {
            text = s.stream.delivered(); // decided on exactly what the reader got, audited with its digest
        }
        String delivered = text;
        CheckpointRequest req = new CheckpointRequest(Checkpoint.AGENT_OUTPUT, s.step, null, null, null,
                text == null ? "" : text, s.ctx.labels(), "user", s.attributes);
        return agent.settings().governor().evaluate(req, s.ctx, s.otel).map(v -> {
            s.note(v);
            if (!v.proceeds()) {
                return blocked(s, v, "The answer was withheld");
            }
            if (streamed && StreamEnds.rewritesDelivered(v, delivered)) {
                return StreamEnds.rewritten(agent, s, req, this::finish);
            }
            if (s.stream != null && !streamed) { // held back whole: delivered now that it is decided
                s.stream.deliver(s.runId, s.step, v.effectiveRequest().content());
            }
            return finish(s, RunStatus.COMPLETED, v.effectiveRequest().content(), null, null);
        });
    }

    /** Refuses an answer past the agent's bound, recorded without its content (which no plane has scanned). */
    private RunResult answerTooLarge(RunState s, long chars) {
        CheckpointRequest req = CheckpointRequest.content(Checkpoint.MODEL_RESPONSE, s.step, null, null)
                .withAttributes(s.attributes);
        Verdict v = agent.settings().governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                ModelAnswerSize.reason(chars, agent.settings().maxModelAnswerChars()),
                WardenCodes.MODEL_ANSWER_TOO_LARGE), s.otel);
        s.note(v);
        return blocked(s, v, "The model's response was refused");
    }

    private RunResult blocked(RunState s, Verdict v, String what) {
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            return finish(s, RunStatus.DENIED, what + ": approval is only supported for tool calls",
                    null, WardenCodes.APPROVAL_UNSUPPORTED);
        }
        if (v.outcome() == Outcome.REQUIRE_CONFIRMATION) {
            return finish(s, RunStatus.DENIED, what + ": confirmation is only supported for tool calls",
                    null, WardenCodes.CONFIRMATION_UNSUPPORTED);
        }
        RunStatus status = v.outcome() == Outcome.ERROR ? RunStatus.FAILED : RunStatus.DENIED;
        return finish(s, status, what + " by policy: " + ToolAuthorization.reasonForModel(v), null, v.code());
    }

    Uni<RunResult> resume(SuspendedRun run, ApprovalResolution resolution) {
        return suspensions.resume(run, resolution);
    }

    /** Ends an expired approval without an approver (sweeper). */
    RunResult expire(SuspendedRun run) {
        return suspensions.expire(run);
    }

    RunResult finish(RunState s, RunStatus status, String output, PendingApproval approval, String code) {
        RunSpan.end(s, status, code);
        // a run that stopped because an audit record was lost (durability=effect) may hold content that entered the
        // run without a durable record: it is not carried into the conversation's memory
        if (approval == null && !WardenCodes.AUDIT_UNAVAILABLE.equals(code)) {
            ConversationMemory.save(agent, s);
        }
        RunResult result = new RunResult(s.runId, status, output, approval, s.decisions, s.ctx, code);
        if (s.stream != null) {
            s.stream.emit(RunEvent.ending(result));
        }
        return result;
    }

    private ToolDescriptor descriptor(ToolExecutionRequest call) {
        return agent.settings().tools().registry().descriptor(call.name())
                .orElse(ToolDescriptor.named(String.valueOf(call.name())));
    }
}
