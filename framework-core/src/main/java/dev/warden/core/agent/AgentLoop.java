package dev.warden.core.agent;

import static dev.warden.core.telemetry.GenAiConventions.*;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.core.Outcome;
import dev.warden.core.RunDeadline;
import dev.warden.core.SecretArguments;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.internal.InterruptibleCalls;
import dev.warden.core.langchain4j.ModelTurns;
import dev.warden.core.telemetry.ModelCallSpans;
import dev.warden.core.tools.ToolAuthorization;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Set;

/**
 * The governed agent loop: model step → tool calls through {@code TOOL_CALL}/{@code TOOL_RESULT} → next model step …
 * → {@code AGENT_OUTPUT}, with {@code MODEL_REQUEST}/{@code MODEL_RESPONSE} around every model call. Each step is a
 * {@link Uni}; nothing blocks unless the model, a tool or an async plane does, and those run where the agent is
 * configured to run them.
 */
final class AgentLoop {
    private final GovernedAgent agent;

    AgentLoop(GovernedAgent agent) {
        this.agent = agent;
    }

    Uni<RunResult> start(String input, GovernanceContext ctx) {
        return start(input, ctx, null);
    }

    /** @param stream the reader of a streaming run, or {@code null} */
    Uni<RunResult> start(String input, GovernanceContext ctx, StreamSession stream) {
        List<ChatMessage> messages = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        if (agent.systemMessage() != null) {
            messages.add(SystemMessage.from(agent.systemMessage()));
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
            return refuse(ctx, "the conversation cannot be loaded from its store: " + e.getClass().getSimpleName(),
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
                    agent.governor().planesAt(Checkpoint.MODEL_RESPONSE),
                    agent.governor().planesAt(Checkpoint.AGENT_OUTPUT)));
        }
        ConversationMemory.trace(agent, s.runId, input, stored);
        s.deadline = deadline(Context.current());
        open(s, Context.current());
        return modelTurn(s);
    }

    Uni<RunResult> refuseInput(GovernanceContext ctx, String reason, StreamSession stream) {
        return refuse(ctx, reason, WardenCodes.MALFORMED_REQUEST, stream);
    }

    /** A run refused before its first step, recorded at {@code MODEL_REQUEST}; nothing is saved to its memory. */
    private Uni<RunResult> refuse(GovernanceContext ctx, String reason, String code, StreamSession stream) {
        RunState s = new RunState(ctx.runId(), List.of(), ctx, null, List.of(), 0, 0);
        s.stream = stream;
        open(s, Context.current());
        CheckpointRequest req = CheckpointRequest.content(Checkpoint.MODEL_REQUEST, 0, null, null);
        Verdict v = agent.governor().record(req, ctx, Verdict.synthetic(req, Outcome.DENY, reason, code), s.otel);
        s.note(v);
        return Uni.createFrom().item(finish(s, RunStatus.DENIED, "Request refused: " + reason, null, v.code()));
    }

    private void open(RunState s, Context parent) {
        open(s, parent, null);
    }

    /** Opens the run's {@code invoke_agent} span; a resumed run links it to the suspended run's span. */
    private void open(RunState s, Context parent, String suspendedSpan) {
        s.includeAllows = agent.governor().reportsAllowDecisions();
        GovernanceContext ctx = s.ctx;
        var b = agent.governor().telemetry().tracer().spanBuilder(OP_INVOKE_AGENT + " " + ctx.agent().id())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION_NAME, OP_INVOKE_AGENT)
                .setAttribute(AGENT_NAME, ctx.agent().id())
                .setAttribute(AGENT_ID, ctx.agent().id())
                .setAttribute(AGENT_VERSION, ctx.agent().version())
                .setAttribute(PROVIDER_NAME, ModelCallSpans.providerName(agent.providerName()))
                .setAttribute(REQUEST_MODEL, agent.requestModel())
                .setAttribute(ENDUSER_ID, ctx.user().id())
                .setAttribute(WARDEN_TENANT, ctx.tenant())
                .setAttribute(WARDEN_RUN_ID, s.runId);
        if (ctx.task().conversationId() != null) {
            b.setAttribute(CONVERSATION_ID, ctx.task().conversationId());
        }
        RunLinks.linkTo(b, suspendedSpan);
        s.agentSpan = b.startSpan();
        s.otel = parent.with(s.agentSpan);
        if (s.deadline != null) {
            s.otel = s.deadline.storeIn(s.otel);
        }
    }

    /** The earlier of this agent's own budget and a deadline inherited from the caller (a delegating run). */
    private RunDeadline deadline(Context parent) {
        RunDeadline own = agent.runTimeout() == null ? null
                : RunDeadline.after(agent.runTimeout(), agent.governor().clock());
        return RunDeadline.earliest(own, RunDeadline.in(parent).orElse(null));
    }

    private boolean pastDeadline(RunState s) {
        return s.deadline != null && s.deadline.passed(agent.governor().clock());
    }

    /** Ends the run at its deadline, recorded at the checkpoint it would have passed next. */
    private RunResult timedOut(RunState s, CheckpointRequest next) {
        Verdict v = agent.governor().record(next.withAttributes(s.attributes), s.ctx, Verdict.synthetic(next,
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
        if (s.step >= agent.maxSteps()) {
            CheckpointRequest req = CheckpointRequest.content(Checkpoint.MODEL_REQUEST, s.step + 1, null, null)
                    .withAttributes(s.attributes);
            Verdict v = agent.governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                    "run exceeded its limit of " + agent.maxSteps() + " model steps", WardenCodes.MAX_STEPS), s.otel);
            s.note(v);
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "Stopped: " + v.reason(), null, v.code()));
        }
        s.step++;
        String newContent = s.step == 1 ? s.userInput : null;
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(CheckpointAttributes.MODEL, agent.modelName());
        attrs.put(CheckpointAttributes.MODEL_INPUTS, ModelInputs.describe(ModelRequestParts.describe(s.messages,
                s.labels)));
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_REQUEST, s.step, null, null, null, newContent,
                s.ctx.labels(), agent.providerName(), attrs);
        return agent.governor().evaluate(req, s.ctx, s.otel).chain(v -> {
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
            s.sent = ModelRequestParts.sent(s.messages, s.labels, withheld);
            List<ChatMessage> toSend = ModelRequestParts.toSend(s.messages, withheld);
            return callModel(s, toSend).onItemOrFailure().transformToUni((response, failure) -> {
                if (failure != null && s.stream != null) {
                    RunResult ended = StreamEnds.onFailure(agent, s, failure, this::finish);
                    if (ended != null) {
                        return Uni.createFrom().item(ended);
                    }
                }
                if (failure instanceof InterruptibleCalls.LimitExceeded || failure != null && pastDeadline(s)) {
                    return Uni.createFrom().item(timedOut(s, CheckpointRequest.content(Checkpoint.MODEL_RESPONSE,
                            s.step, null, null)));
                }
                if (failure != null) {
                    return Uni.createFrom().item(finish(s, RunStatus.FAILED, "The model call failed: "
                            + failure.getClass().getSimpleName(), null, WardenCodes.MODEL_ERROR));
                }
                return afterModel(s, response);
            });
        });
    }

    private Uni<ChatResponse> callModel(RunState s, List<ChatMessage> messages) {
        ChatRequest.Builder rb = ChatRequest.builder().messages(messages);
        if (!agent.tools().registry().specifications().isEmpty()) {
            rb.toolSpecifications(agent.tools().registry().specifications());
        }
        // tool names as the provider accepts them (crm.get_customer -> crm_get_customer), mapped back on the answer
        ChatRequest request = agent.toolNames().toProvider(rb.build());
        if (s.stream != null) {
            return StreamingTurn.call(agent, s, request, () -> blockingCall(s, request));
        }
        return blockingCall(s, request);
    }

    private Uni<ChatResponse> blockingCall(RunState s, ChatRequest request) {
        String model = ModelCallSpans.requestModel(request, agent.model());
        boolean traced = agent.governor().telemetry().emitsModelSpan(agent.model());
        Callable<ChatResponse> chat = () -> {
            Span span = traced ? ModelCallSpans.start(agent.governor().telemetry().tracer(), s.otel,
                    agent.providerName(), model == null ? agent.modelName() : model) : Span.getInvalid();
            // current either way: a client that traces itself (Quarkus LangChain4j) parents its span to the run
            try (Scope ignored = s.otel.with(span).makeCurrent()) {
                ChatResponse r = agent.toolNames().fromProvider(agent.model().chat(request));
                ModelCallSpans.response(span, r);
                return r;
            } catch (RuntimeException e) {
                ModelCallSpans.failed(span, e);
                throw e;
            } finally {
                span.end();
            }
        };
        if (s.deadline != null) {
            // off the awaiting thread and interrupted at the deadline: a stalled or retrying client is cut off
            return InterruptibleCalls.call(chat, agent.boundedExecutor(),
                    s.deadline.remaining(agent.governor().clock()));
        }
        Uni<ChatResponse> call = Uni.createFrom().item(() -> {
            try {
                return chat.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return agent.blockingExecutor() == null ? call : call.runSubscriptionOn(agent.blockingExecutor());
    }

    private Uni<RunResult> afterModel(RunState s, ChatResponse response) {
        AiMessage ai = response == null ? null : response.aiMessage();
        if (ai == null) {
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "The model returned no message", null,
                    WardenCodes.MODEL_ERROR));
        }
        s.ctx = s.ctx.withUsage(ModelTurns.plusStep(s.ctx.usage(), response.tokenUsage()));
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(CheckpointAttributes.REQUESTED_TOOLS, ModelTurns.requestedTools(ai));
        attrs.put(CheckpointAttributes.MODEL, agent.modelName());
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_RESPONSE, s.step, null, null, null, ai.text(),
                s.ctx.labels(), null, attrs);
        // what follows a response that proceeds is another checkpoint (TOOL_CALL, MODEL_REQUEST, AGENT_OUTPUT) or a
        // recorded end: its record can be durable by then (AuditDurability.EFFECT, decision 0047)
        return agent.governor().evaluateBeforeNextCheckpoint(req, s.ctx, s.otel).chain(v -> {
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
                ToolDescriptor d = agent.tools().registry().descriptor(call.name())
                        .orElse(ToolDescriptor.named(String.valueOf(call.name())));
                return Uni.createFrom().item(StreamEnds.cancelled(agent, s, CheckpointRequest.toolCall(s.step, d,
                        call.id(), null), this::finish));
            }
            s.stream.emit(new RunEvent.ToolCallRequested(s.runId, s.step, call.id(), call.name()));
        }
        if (pastDeadline(s)) {
            ToolDescriptor d = agent.tools().registry().descriptor(call.name())
                    .orElse(ToolDescriptor.named(String.valueOf(call.name())));
            return Uni.createFrom().item(timedOut(s, CheckpointRequest.toolCall(s.step, d, call.id(), null)));
        }
        if (s.toolCalls >= agent.maxToolCalls()) {
            ToolDescriptor d = agent.tools().registry().descriptor(call.name())
                    .orElse(ToolDescriptor.named(String.valueOf(call.name())));
            CheckpointRequest req = CheckpointRequest.toolCall(s.step, d, call.id(), null).withAttributes(s.attributes);
            Verdict v = agent.governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                    "run exceeded its limit of " + agent.maxToolCalls() + " tool calls", WardenCodes.MAX_TOOL_CALLS),
                    s.otel);
            s.note(v);
            return Uni.createFrom().item(finish(s, RunStatus.FAILED, "Stopped: " + v.reason(), null, v.code()));
        }
        return agent.tools().authorize(call, s.ctx, s.step, s.attributes, s.otel).chain(auth -> {
            s.note(auth.verdict());
            Outcome o = auth.verdict().outcome();
            if (o == Outcome.REQUIRE_APPROVAL || o == Outcome.REQUIRE_CONFIRMATION) {
                return Uni.createFrom().item(suspend(s, auth));
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
        return agent.tools().execute(auth, s.ctx, s.step, s.attributes, s.otel, true).chain(outcome -> {
            if (outcome.awaiting() != null) {
                return Uni.createFrom().item(CalleeRelay.suspend(agent, s, auth, outcome.awaiting(),
                        (pa, status, text) -> finish(s, status, text, pa, null)));
            }
            s.note(outcome.resultVerdict());
            s.toolCalls++;
            s.ctx = s.ctx.withUsage(s.ctx.usage().plusToolCall());
            if (outcome.delivered()) {
                s.ctx = s.ctx.withLabelsJoined(outcome.contentLabels());
            }
            s.add(ToolExecutionResultMessage.from(auth.call(), outcome.messageForModel()), outcome.contentLabels());
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
        return agent.governor().evaluate(req, s.ctx, s.otel).map(v -> {
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

    private RunResult suspend(RunState s, ToolAuthorization auth) {
        Verdict v = auth.verdict();
        if (v.declassificationUnderApproval()) { // the requester first, then the approver (decision 0040)
            return DeclassificationUnderApproval.suspend(agent, s, auth, (pa, status, text) -> finish(s, status, text,
                    pa, null));
        }
        boolean confirmation = v.outcome() == Outcome.REQUIRE_CONFIRMATION;
        Instant now = agent.governor().clock().instant();
        PendingApproval pa = new PendingApproval(agent.ids().get(), s.runId, s.ctx.agent().id(), s.ctx.tenant(),
                s.ctx.user().id(), auth.tool().name(), auth.call().id(), auth.effectiveArguments(), v.reason(),
                confirmation ? Set.of() : v.approval().approverRoles(), v.ruleIds(), s.ctx.labels().toString(), now,
                now.plus(confirmation ? v.confirmation().ttl() : v.approval().ttl()),
                confirmation ? PendingApproval.Kind.CONFIRMATION : PendingApproval.Kind.APPROVAL, null, v.origins(),
                SecretArguments.present(auth.tool(), auth.effectiveArguments()),
                confirmation ? v.confirmation().declassification() : null, null);
        agent.store().save(new SuspendedRun(pa, s.messages, auth.call(), new ArrayList<>(s.queue), s.ctx, s.step,
                s.toolCalls, s.userInput, s.decisions, s.labels, RunLinks.traceparent(s.agentSpan)));
        agent.approvalEvents().requested(pa);
        return confirmation
                ? finish(s, RunStatus.AWAITING_CONFIRMATION, "Waiting for your confirmation: " + v.reason(), pa, null)
                : finish(s, RunStatus.AWAITING_APPROVAL, "Waiting for approval: " + v.reason(), pa, null);
    }

    Uni<RunResult> resume(SuspendedRun run, ApprovalResolution resolution) {
        RunState s = new RunState(run.approval().runId(), run.messages(), run.messageLabels(), run.context(),
                run.userInput(), run.decisions(), run.step(), run.toolCalls());
        s.queue.addAll(run.remainingCalls());
        s.deadline = deadline(Context.current());
        open(s, Context.current(), run.suspendedSpan());
        PendingApproval pa = run.approval();
        // a callee's confirmation relayed here is recorded against this run's own call (the delegate tool)
        String toolName = pa.relay() != null ? pa.relay().callerToolName() : pa.toolName();
        Map<String, Object> callArgs = pa.relay() != null ? pa.relay().callerArguments() : pa.arguments();
        ToolDescriptor d = agent.tools().registry().descriptor(toolName).orElse(ToolDescriptor.named(toolName));
        boolean confirmation = pa.isConfirmation();
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(confirmation ? CheckpointAttributes.CONFIRMED_BY : CheckpointAttributes.APPROVED_BY,
                resolution.approver().id());
        CheckpointRequest req = CheckpointRequest.toolCall(s.step, d, pa.toolCallId(), callArgs).withAttributes(attrs);
        String who = resolution.approver().id() + (resolution.comment() == null ? "" : " (" + resolution.comment() + ")");
        String plane = confirmation ? Verdict.CONFIRMATION_PLANE : Verdict.APPROVAL_PLANE;
        Verdict v;
        if (pa.expiredAt(agent.governor().clock().instant())) {
            v = expired(req, pa);
        } else if (!resolution.approve()) {
            v = confirmation
                    ? Verdict.humanDecision(plane, req, false, "declined by " + who, WardenCodes.CONFIRMATION_DECLINED,
                            pa.ruleIds())
                    : Verdict.humanDecision(plane, req, false, "denied by " + who, WardenCodes.APPROVAL_DENIED,
                            pa.ruleIds());
        } else if (confirmation && pa.approvalDue() != null) {
            v = DeclassificationUnderApproval.confirmed(req, pa, who); // declassified; the approver is still asked
        } else if (!confirmation && pa.declassification() != null) {
            v = DeclassificationUnderApproval.approved(plane, req, pa, who);
        } else if (pa.declassification() != null && pa.relay() == null) {
            // the audit names the declassification: who, which labels from what to what, the rules, the digest
            v = Verdict.humanDecision(plane, req, true, "declassified by " + who + " (the requester, shown the "
                    + "arguments verbatim): " + pa.declassification().describe() + "; rules " + pa.ruleIds()
                    // a plain digest of a call with a secret argument would invite guessing it: named, not quoted
                    + (pa.secretArguments().isEmpty() ? "; arguments " + pa.argumentsDigest()
                            : "; arguments with secrets " + pa.secretArguments()),
                    dev.warden.core.Declassification.DECLASSIFIED, pa.ruleIds());
        } else {
            v = Verdict.humanDecision(plane, req, true, (confirmation ? "confirmed by " : "approved by ") + who
                    + (pa.relay() == null ? "" : " for agent '" + pa.relay().calleeAgentId() + "': " + pa.toolName()
                            + " " + pa.argumentsDigest()), null, pa.ruleIds());
        }
        v = agent.governor().record(req, s.ctx, v, s.otel);
        s.note(v);
        agent.approvalEvents().resolved(pa, outcome(pa, v, resolution));
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            return Uni.createFrom().item(DeclassificationUnderApproval.awaitApprover(agent, s, run,
                    (next, status, text) -> finish(s, status, text, next, null)));
        }
        if (pa.relay() != null && v.proceeds()) {
            return CalleeRelay.confirmed(agent, this, s, run, v, resolution);
        }
        if (!v.proceeds() && resolution.continueRun() && !resolution.approve() && v.outcome() != Outcome.ERROR
                && !pa.expiredAt(agent.governor().clock().instant())) {
            // "not this, carry on": only this call is refused (its planes release what they reserved); the model
            // hears so and the run goes on
            agent.governor().aborted(req, s.ctx, v, dev.warden.spi.Settlement.Abort.REFUSED, v.reason());
            s.add(ToolExecutionResultMessage.from(run.pendingCall(), "Not done: " + (confirmation
                    ? "the user declined this call" : "an approver refused this call") + " [" + v.code() + "]."),
                    Labels.PUBLIC); // a refusal carries no data
            return processQueue(s);
        }
        if (!v.proceeds()) {
            // the planes consulted when the call was suspended learn it will not run (a reservation is released)
            agent.governor().aborted(req, s.ctx, v, pa.expiredAt(agent.governor().clock().instant())
                    ? dev.warden.spi.Settlement.Abort.EXPIRED : dev.warden.spi.Settlement.Abort.REFUSED, v.reason());
            RunStatus status = v.outcome() == Outcome.ERROR ? RunStatus.FAILED : RunStatus.DENIED;
            return Uni.createFrom().item(finish(s, status, (confirmation ? "The action was not confirmed: "
                    : "The action was not approved: ") + v.reason(), null, v.code()));
        }
        ToolAuthorization auth = agent.tools().approved(run.pendingCall(), pa.arguments(), v, resolution.approver().id());
        return executeAndContinue(s, auth);
    }

    /** Ends an expired approval without an approver (sweeper). */
    RunResult expire(SuspendedRun run) {
        RunState s = new RunState(run.approval().runId(), run.messages(), run.messageLabels(), run.context(),
                run.userInput(), run.decisions(), run.step(), run.toolCalls());
        open(s, Context.current(), run.suspendedSpan());
        PendingApproval pa = run.approval();
        ToolDescriptor d = agent.tools().registry().descriptor(pa.toolName()).orElse(ToolDescriptor.named(pa.toolName()));
        CheckpointRequest req = CheckpointRequest.toolCall(s.step, d, pa.toolCallId(), pa.arguments())
                .withAttributes(s.attributes);
        Verdict v = agent.governor().record(req, s.ctx, expired(req, pa), s.otel);
        s.note(v);
        agent.approvalEvents().resolved(pa, new ApprovalOutcome(ApprovalOutcome.Status.EXPIRED, null, null,
                agent.governor().clock().instant(), v.code()));
        agent.governor().aborted(req, s.ctx, v, dev.warden.spi.Settlement.Abort.EXPIRED, v.reason());
        return finish(s, RunStatus.DENIED, (pa.isConfirmation() ? "The action was not confirmed: "
                : "The action was not approved: ") + v.reason(), null, v.code());
    }

    /** What observers learn of a human's answer, as recorded: an expiry or a failed record is not an approval. */
    private ApprovalOutcome outcome(PendingApproval pa, Verdict v, ApprovalResolution resolution) {
        java.time.Instant now = agent.governor().clock().instant();
        if (pa.expiredAt(now)) {
            return new ApprovalOutcome(ApprovalOutcome.Status.EXPIRED, null, null, now, v.code());
        }
        boolean yes = v.proceeds() || v.outcome() == Outcome.REQUIRE_APPROVAL; // confirmed, the approver is next
        ApprovalOutcome.Status status = pa.isConfirmation()
                ? (yes ? ApprovalOutcome.Status.CONFIRMED : ApprovalOutcome.Status.DECLINED)
                : (yes ? ApprovalOutcome.Status.APPROVED : ApprovalOutcome.Status.DENIED);
        return new ApprovalOutcome(status, resolution.approver().id(), resolution.comment(), now, v.code());
    }

    private static Verdict expired(CheckpointRequest req, PendingApproval pa) {
        return pa.isConfirmation()
                ? Verdict.humanDecision(Verdict.CONFIRMATION_PLANE, req, false, "confirmation expired at "
                        + pa.expiresAt(), WardenCodes.CONFIRMATION_EXPIRED, pa.ruleIds())
                : Verdict.humanDecision(Verdict.APPROVAL_PLANE, req, false, "approval expired at " + pa.expiresAt(),
                        WardenCodes.APPROVAL_EXPIRED, pa.ruleIds());
    }

    RunResult finish(RunState s, RunStatus status, String output, PendingApproval approval, String code) {
        if (s.agentSpan != null) {
            s.agentSpan.setAttribute(WARDEN_RUN_STATUS, status.name());
            if (s.ctx.usage().inputTokens() > 0) {
                s.agentSpan.setAttribute(USAGE_INPUT_TOKENS, s.ctx.usage().inputTokens());
                s.agentSpan.setAttribute(USAGE_OUTPUT_TOKENS, s.ctx.usage().outputTokens());
            }
            if (code != null) {
                s.agentSpan.setAttribute(WARDEN_CODE, code);
            }
            if (status == RunStatus.FAILED) {
                s.agentSpan.setStatus(StatusCode.ERROR);
                s.agentSpan.setAttribute(ERROR_TYPE, code == null ? "failed" : code);
            }
            s.agentSpan.end();
        }
        if (approval == null) {
            ConversationMemory.save(agent, s);
        }
        RunResult result = new RunResult(s.runId, status, output, approval, s.decisions, s.ctx, code);
        if (s.stream != null) {
            s.stream.emit(RunEvent.ending(result));
        }
        return result;
    }
}
