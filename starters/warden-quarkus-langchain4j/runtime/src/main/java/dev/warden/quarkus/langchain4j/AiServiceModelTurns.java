package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.langchain4j.ModelAnswerSize;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.langchain4j.ModelTurns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two checkpoints of one AI-service model call, shared by the blocking ({@link GovernedAiServiceModel}) and the
 * streaming ({@link GovernedStreamingAiServiceModel}) model: {@code MODEL_REQUEST} before the call (input limit, the
 * labels the chat memory brings, the user's input as content of the first step only) and {@code MODEL_RESPONSE} after
 * it (the model's text, the requested tools, the model name). Refusals throw {@link dev.warden.core.PolicyDeniedException}.
 */
final class AiServiceModelTurns {
    private AiServiceModelTurns() {}

    /** A model call that passed {@code MODEL_REQUEST}: its step, the request to send, where its own messages start. */
    record Turn(int step, ChatRequest request, int own, Map<String, Object> attributes) {}

    static Turn requested(Governor governor, AiServiceMemoryLabels memory, int maxInputChars, String provider,
            AiServiceSessions.Session s, ChatRequest request, String model) {
        int step = s.nextModelStep();
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        int lastUser = ModelTurns.lastUserIndex(messages);
        String userText = lastUser < 0 ? null : ((UserMessage) messages.get(lastUser)).singleText();
        s.userInputIfUnknown(userText);
        Map<String, Object> attrs = new HashMap<>(s.attributes());
        attrs.put(CheckpointAttributes.MODEL, model);
        if (step == 1 && userText != null && userText.length() > maxInputChars) {
            // the same input limit as runs (warden.limits.max-input-chars), before any plane or the model sees it
            throw AiServiceRefusals.deny(governor, new CheckpointRequest(Checkpoint.MODEL_REQUEST, step, null, null,
                    null, null, s.context().labels(), provider, attrs), s.context(), "input has "
                    + userText.length() + " characters; the limit is " + maxInputChars,
                    AiServiceCodes.INPUT_TOO_LARGE);
        }
        int own = lastUser < 0 ? messages.size() : lastUser;
        if (step == 1) {
            try {
                s.seen(memory.loaded(s.context(), messages, own)); // the invocation starts at what its memory holds
            } catch (RuntimeException e) {
                throw AiServiceRefusals.deny(governor, new CheckpointRequest(Checkpoint.MODEL_REQUEST, step, null,
                        null, null, null, s.context().labels(), provider, attrs), s.context(),
                        "the labels of this AI service's chat memory cannot be loaded: "
                                + e.getClass().getSimpleName(), dev.warden.core.WardenCodes.MEMORY_UNAVAILABLE);
            }
        }
        Verdict in = governor.check(new CheckpointRequest(Checkpoint.MODEL_REQUEST, step, null, null, null,
                step == 1 ? userText : null, s.context().labels(), provider, attrs), s.context());
        if (!in.proceeds()) {
            throw AiServiceRefusals.refusal(in);
        }
        s.seen(in.effectiveRequest().contentLabels());
        if (step == 1 && in.outcome() == Outcome.TRANSFORM && in.effectiveRequest().content() != null
                && lastUser >= 0) {
            messages.set(lastUser, UserMessage.from(in.effectiveRequest().content()));
            request = request.toBuilder().messages(messages).build();
        }
        return new Turn(step, request, own, attrs);
    }

    /**
     * {@code MODEL_RESPONSE} of {@code turn}; a verdict that does not proceed is thrown, and so is an answer past
     * {@code bound} characters ({@code warden.limits.max-model-answer-chars}), refused before any plane scans it.
     */
    static Verdict responded(Governor governor, AiServiceSessions.Session s, Turn turn, ChatResponse response,
            int bound) {
        s.charge(x -> ModelTurns.plusStep(x, response.tokenUsage()));
        AiMessage ai = response.aiMessage();
        Map<String, Object> attrs = new HashMap<>(turn.attributes());
        attrs.put(CheckpointAttributes.REQUESTED_TOOLS, ModelTurns.requestedTools(ai));
        if (response.modelName() != null) {
            attrs.put(CheckpointAttributes.MODEL, response.modelName());
        }
        if (ModelAnswerSize.exceeds(ai, bound)) { // refused before any plane scans it, recorded without it
            throw tooLarge(governor, s, turn, attrs, ModelAnswerSize.chars(ai, bound), bound);
        }
        Verdict out = governor.check(new CheckpointRequest(Checkpoint.MODEL_RESPONSE, turn.step(), null, null, null,
                ai.text(), s.context().labels(), null, attrs), s.context());
        if (!out.proceeds()) {
            throw AiServiceRefusals.refusal(out);
        }
        return out;
    }

    /** The refusal of an answer past {@code bound} ({@code WARDEN-CORE-0146}), audited at MODEL_RESPONSE without it. */
    static dev.warden.core.PolicyDeniedException tooLarge(Governor governor, AiServiceSessions.Session s, Turn turn,
            Map<String, Object> attrs, long chars, int bound) {
        return AiServiceRefusals.deny(governor, new CheckpointRequest(Checkpoint.MODEL_RESPONSE, turn.step(), null,
                null, null, null, s.context().labels(), null, attrs), s.context(), ModelAnswerSize.reason(chars, bound),
                dev.warden.core.WardenCodes.MODEL_ANSWER_TOO_LARGE);
    }
}
