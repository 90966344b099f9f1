package dev.warden.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.internal.InterruptibleCalls;
import dev.warden.core.telemetry.ModelCallSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One call of the agent's model for a run's turn, after {@code MODEL_REQUEST} allowed it: the agent's tools offered
 * under the names the provider accepts, a model span, the run's deadline (the call is interrupted when it passes),
 * the agent's blocking executor, and a streamed turn for a streaming run.
 */
final class ModelCalls {
    private ModelCalls() {}

    static Uni<ChatResponse> call(GovernedAgent agent, RunState s, List<ChatMessage> messages) {
        ChatRequest.Builder rb = ChatRequest.builder().messages(messages);
        if (!agent.settings().tools().registry().specifications().isEmpty()) {
            rb.toolSpecifications(agent.settings().tools().registry().specifications());
        }
        // tool names as the provider accepts them (crm.get_customer -> crm_get_customer), mapped back on the answer
        ChatRequest request = agent.settings().toolNames().toProvider(rb.build());
        if (s.stream != null) {
            return StreamingTurn.call(agent, s, request, () -> blockingCall(agent, s, request));
        }
        return blockingCall(agent, s, request);
    }

    private static Uni<ChatResponse> blockingCall(GovernedAgent agent, RunState s, ChatRequest request) {
        String model = ModelCallSpans.requestModel(request, agent.settings().model());
        boolean traced = agent.settings().governor().telemetry().emitsModelSpan(agent.settings().model());
        Callable<ChatResponse> chat = () -> {
            Span span = traced ? ModelCallSpans.start(agent.settings().governor().telemetry().tracer(), s.otel,
                    agent.settings().providerName(), model == null ? agent.settings().modelName() : model)
                    : Span.getInvalid();
            // current either way: a client that traces itself (Quarkus LangChain4j) parents its span to the run
            try (Scope ignored = s.otel.with(span).makeCurrent()) {
                ChatResponse r = agent.settings().toolNames().fromProvider(agent.settings().model().chat(request));
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
            return InterruptibleCalls.call(chat, agent.settings().boundedExecutor(),
                    s.deadline.remaining(agent.settings().governor().clock()));
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
        Executor blocking = agent.settings().blockingExecutor();
        return blocking == null ? call : call.runSubscriptionOn(blocking);
    }
}
