package dev.warden.core.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Outcome;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link ChatModel} decorator that passes every call through {@code MODEL_REQUEST} and {@code MODEL_RESPONSE}, and
 * a final answer (no tool calls) through {@code AGENT_OUTPUT}. A refusal surfaces as {@link PolicyDeniedException};
 * a transform replaces the user message or the answer.
 */
public final class GovernedChatModel implements ChatModel {
    private final ChatModel delegate;
    private final Supplier<GovernanceSession> session;
    private final int maxAnswerChars;

    public GovernedChatModel(ChatModel delegate, Supplier<GovernanceSession> session) {
        this(delegate, session, ModelAnswerSize.DEFAULT_MAX_CHARS);
    }

    /**
     * @param maxAnswerChars the largest answer (text, thinking and tool calls, in chars) passed to the planes; a
     *     larger one is refused at {@code MODEL_RESPONSE} with {@code WARDEN-CORE-0146}
     */
    public GovernedChatModel(ChatModel delegate, Supplier<GovernanceSession> session, int maxAnswerChars) {
        if (maxAnswerChars <= 0) {
            throw new IllegalArgumentException("maxAnswerChars must be positive");
        }
        this.delegate = delegate;
        this.session = session;
        this.maxAnswerChars = maxAnswerChars;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        GovernanceSession s = session.get();
        int step = s.nextStep();
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        int lastUser = ModelTurns.lastUserIndex(messages);
        String userText = lastUser < 0 ? null : ((UserMessage) messages.get(lastUser)).singleText();
        s.rememberUserInput(userText);
        CheckpointRequest in = new CheckpointRequest(Checkpoint.MODEL_REQUEST, step, null, null, null,
                step == 1 ? userText : null, s.context().labels(), null, s.attributes());
        Verdict v = s.note(s.governor().check(in, s.context(), s.otel()));
        if (!v.proceeds()) {
            throw new PolicyDeniedException(v);
        }
        s.raise(v.effectiveRequest().contentLabels());
        if (v.outcome() == Outcome.TRANSFORM && v.effectiveRequest().content() != null && lastUser >= 0) {
            messages.set(lastUser, UserMessage.from(v.effectiveRequest().content()));
            request = request.toBuilder().messages(messages).build();
        }
        ChatResponse response = delegate.chat(request);
        s.usage(x -> ModelTurns.plusStep(x, response.tokenUsage()));
        AiMessage ai = response.aiMessage();
        if (ModelAnswerSize.exceeds(ai, maxAnswerChars)) { // refused before any plane scans it, recorded without it
            CheckpointRequest big = new CheckpointRequest(Checkpoint.MODEL_RESPONSE, step, null, null, null, null,
                    s.context().labels(), null, s.attributes());
            throw new PolicyDeniedException(s.note(s.governor().record(big, s.context(), Verdict.synthetic(big,
                    Outcome.DENY, ModelAnswerSize.reason(ModelAnswerSize.chars(ai, maxAnswerChars), maxAnswerChars),
                    dev.warden.core.WardenCodes.MODEL_ANSWER_TOO_LARGE), s.otel())));
        }
        Map<String, Object> attrs = new HashMap<>(s.attributes());
        attrs.put(CheckpointAttributes.REQUESTED_TOOLS, ModelTurns.requestedTools(ai));
        Verdict out = s.note(s.governor().check(new CheckpointRequest(Checkpoint.MODEL_RESPONSE, step, null, null,
                null, ai.text(), s.context().labels(), null, attrs), s.context(), s.otel()));
        if (!out.proceeds()) {
            throw new PolicyDeniedException(out);
        }
        if (ai.hasToolExecutionRequests()) {
            return response;
        }
        String text = out.outcome() == Outcome.TRANSFORM ? out.effectiveRequest().content() : ai.text();
        Verdict egress = s.note(s.governor().check(new CheckpointRequest(Checkpoint.AGENT_OUTPUT, step, null, null,
                null, text == null ? "" : text, s.context().labels(), "user", s.attributes()), s.context(), s.otel()));
        if (!egress.proceeds()) {
            throw new PolicyDeniedException(egress);
        }
        String finalText = egress.effectiveRequest().content();
        return response.toBuilder().aiMessage(AiMessage.from(finalText)).build();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}
