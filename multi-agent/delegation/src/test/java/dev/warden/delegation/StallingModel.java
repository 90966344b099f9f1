package dev.warden.delegation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A model whose provider stalls for 60 s per call; records calls and whether its thread was interrupted. */
public final class StallingModel implements ChatModel {
    public final AtomicInteger calls = new AtomicInteger();
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
