package dev.warden.quarkus.runtime;

import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The blocking route placed before SmallRye OpenAPI's {@code .json}, {@code .yaml} and {@code .yml} routes (decision
 * 0063): those routes are not blocking, so without it the first request there would prepare a deferred document on
 * the event loop.
 */
@Recorder
public class OpenApiFirstRequestRecorder {
    /**
     * A handler, to run as a blocking route, that prepares every deferred document and passes the request on. The
     * documents still pending when the application stops are forgotten then (a later application in the same class
     * loader, as in dev mode or tests, must not prepare or count them).
     */
    public Handler<RoutingContext> prepareBeforeServing(ShutdownContext shutdown) {
        shutdown.addShutdownTask(DeferredOpenApiDocuments::forgetPending);
        return new PrepareThenNext();
    }

    /** Prepares pending documents on the worker thread it runs on, then lets the extension's own route serve. */
    static final class PrepareThenNext implements Handler<RoutingContext> {
        @Override
        public void handle(RoutingContext context) {
            try {
                DeferredOpenApiDocuments.prepareAll();
            } catch (RuntimeException e) {
                context.fail(e);
                return;
            }
            context.next();
        }
    }
}
