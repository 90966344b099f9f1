package dev.warden.quarkus.postgres;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Awaits Vert.x futures on worker threads, refusing to do so on an event loop. */
final class Blocking {
    private Blocking() {}

    static void refuseEventLoop(String operation) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.EVENT_LOOP_BLOCKED,
                    operation + " blocks and was called on a Vert.x event-loop thread; call it from a worker thread"
                            + " (@Blocking endpoint, executeBlocking or a virtual thread)"));
        }
    }

    /** Waits for {@code future}; a failure or timeout becomes the exception {@code onError} builds. */
    static <T> T await(Future<T> future, Duration timeout, Function<Throwable, RuntimeException> onError) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw onError.apply(e.getCause());
        } catch (TimeoutException e) {
            throw onError.apply(new TimeoutException("no answer from PostgreSQL within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw onError.apply(e);
        }
    }
}
