package dev.warden.bench;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.locks.LockSupport;

/**
 * Adds a simulated network/inference latency to every call of a delegate model by <em>parking</em> the calling thread
 * ({@link LockSupport#parkNanos}), as a thread waiting on an HTTP response would: it burns no CPU, so on a shared
 * 2-core machine it does not compete with the code being measured. Parking overshoots by the OS timer slack (tens of
 * µs); both loops pay the same overshoot.
 */
final class LatencyChatModel implements ChatModel {
    private final ChatModel delegate;
    private final long latencyNanos;

    LatencyChatModel(ChatModel delegate, long latencyNanos) {
        this.delegate = delegate;
        this.latencyNanos = latencyNanos;
    }

    static ChatModel wrap(ChatModel delegate, long latencyMicros) {
        return latencyMicros <= 0 ? delegate : new LatencyChatModel(delegate, latencyMicros * 1_000);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        long until = System.nanoTime() + latencyNanos;
        for (long left = latencyNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left); // may return early (spurious wake-up): loop until the full latency elapsed
        }
        return delegate.chat(request);
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}
