package dev.warden.model.scripted;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose provider stalls for 60 s per call, for deadline and cancellation tests: it counts its calls and
 * whether a call's thread was interrupted (the call then fails).
 */
public final class StallingChatModel implements ChatModel {
    /** Calls started. */
    public final AtomicInteger calls = new AtomicInteger();
    /** Counted down when a call's thread is interrupted. */
    public final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return ChatResponse.builder().aiMessage(AiMessage.from("too late")).build();
    }
}
