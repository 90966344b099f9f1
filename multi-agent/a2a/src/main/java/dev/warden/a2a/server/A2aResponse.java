package dev.warden.a2a.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** What to send back for one A2A HTTP request: a JSON body, or a stream of JSON events to send as SSE. */
public sealed interface A2aResponse {
    /** A whole body: JSON-RPC JSON (HTTP 200) or an RFC 9457 problem (401). */
    record Json(int status, String contentType, String body) implements A2aResponse {}

    /**
     * {@code text/event-stream}: each item is one JSON-RPC response, sent as {@code data: <json>}.
     *
     * @param maxWait how long {@link #writeSse} waits for the stream to end before it stops waiting and closes it: a
     *     stream never holds the writing thread longer than this, whatever the publisher does
     */
    record Stream(Flow.Publisher<String> events, Duration maxWait) implements A2aResponse {
        /** Waits at most {@link #DEFAULT_MAX_WAIT}. */
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);

        public Stream {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(maxWait, "maxWait");
        }

        public Stream(Flow.Publisher<String> events) {
            this(events, DEFAULT_MAX_WAIT);
        }

        /**
         * Writes each event as {@code data: <json>\nid: <n>\n\n}, one at a time, flushed, until the stream completes,
         * fails, the client goes ({@code IOException} on write) or {@link #maxWait} passes — then the subscription is
         * cancelled. Blocks the calling thread for at most {@link #maxWait}; the caller closes {@code out}.
         */
        public void writeSse(OutputStream out) {
            CountDownLatch done = new CountDownLatch(1);
            Flow.Subscription[] subscription = new Flow.Subscription[1];
            events.subscribe(new Flow.Subscriber<>() {
                private long id;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    synchronized (subscription) {
                        subscription[0] = s;
                    }
                    s.request(1);
                }

                @Override
                public void onNext(String json) {
                    try {
                        out.write(("data: " + json + "\nid: " + id++ + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        subscription[0].request(1);
                    } catch (IOException e) {
                        subscription[0].cancel();
                        done.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            try {
                if (!done.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    synchronized (subscription) {
                        if (subscription[0] != null) {
                            subscription[0].cancel();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
