package dev.warden.quarkus.langchain4j;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;

/**
 * {@code AGENT_OUTPUT} of a streamed AI-service invocation, decided once: on exactly the text released to the stream
 * (its digest audited), or — when the answer is held back whole ({@link AiServiceStreams.Stream#holdsAnswer()}) — on
 * the final answer before any of it is released, where a transform simply applies. A refusal, a rewrite of text
 * already delivered ({@code WARDEN-STR-0662}) or a model call that bypassed the governed model
 * ({@link AiServiceCodes#UNGOVERNED_MODEL_CALL}) throws {@link dev.warden.core.PolicyDeniedException}.
 */
final class AiServiceStreamOutput {
    private AiServiceStreamOutput() {}

    /** @return the text the reader may have: {@code text}, or its replacement when nothing was streamed yet */
    static String decide(Governor governor, AiServiceStreams.Stream stream, String text, boolean streamed) {
        stream.outputDecided();
        AiServiceSessions.Session s = stream.session;
        CheckpointRequest req = new CheckpointRequest(Checkpoint.AGENT_OUTPUT, s.step(), null, null, null,
                text == null ? "" : text, s.context().labels(), "user", s.attributes());
        if (stream.hadUngovernedModelCall()) {
            throw AiServiceRefusals.deny(governor, req, s.context(), "a model call of this invocation did not pass"
                    + " through Warden", AiServiceCodes.UNGOVERNED_MODEL_CALL);
        }
        Verdict v = governor.check(req, s.context());
        if (!v.proceeds()) {
            throw AiServiceRefusals.refusal(v);
        }
        String effective = v.effectiveRequest().content();
        if (v.outcome() != Outcome.TRANSFORM || effective == null || effective.equals(req.content())) {
            return req.content();
        }
        if (streamed && !req.content().isEmpty()) {
            throw AiServiceRefusals.deny(governor, req, s.context(), "a policy rewrote text already streamed to the"
                    + " reader at AGENT_OUTPUT; delivered text cannot be taken back",
                    WardenCodes.STREAM_REWRITE_AFTER_DELIVERY);
        }
        return effective;
    }
}
