package dev.warden.quarkus.inventory.postgres;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work on a fresh, safe duplicated Vert.x context. A Hibernate Reactive session is bound to
 * the Vert.x context it was opened on and must never be shared: a fresh duplicated context per operation gives every
 * operation its own session whatever thread asked (a timer thread, a worker, or the event loop of a request), and the
 * work itself never blocks a thread.
 */
final class VertxHop {
    private VertxHop() {}

    static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Context dup = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(dup, true);
            dup.runOnContext(v -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    em.fail(e);
                    return;
                }
                uni.subscribe().with(em::complete, em::fail);
            });
        });
    }
}
