package dev.warden.quarkus.api;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with
 * 413 and a problem+json body ({@link ApiCodes#BODY_TOO_LARGE}) before anything reads or parses it. Quarkus' own check
 * answers the same status with an empty body; this route runs just before it (order -3 against its -2) so callers
 * get the same error format as every other API error. The limit itself stays Quarkus' (one definition); the extension
 * lowers its default to 1M.
 */
@Singleton
public class BodySizeLimit {
    private final long limit;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") String limit) {
        this.limit = new MemorySizeConverter().convert(limit).asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    void check(RoutingContext rc) {
        String declared = rc.request().getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec rejects malformed lengths itself
        }
        if (length <= limit) {
            rc.next();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "https://warden.dev/problems/" + ApiCodes.BODY_TOO_LARGE)
                .put("title", "Request Entity Too Large").put("status", 413)
                .put("detail", "request body of " + length + " bytes exceeds the limit of " + limit + " bytes")
                .put("instance", rc.request().path()).put("code", ApiCodes.BODY_TOO_LARGE);
        // the unread body is not drained: close the connection after the answer, as Quarkus does
        rc.response().setStatusCode(413).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                .putHeader("Connection", "close").end(problem.encode());
    }
}
