package dev.warden.quarkus.mcp;

import dev.warden.mcp.McpCodes;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A refused MCP caller (no, forged, expired or unreadable bearer token) gets {@code 401} with
 * {@code WWW-Authenticate: Bearer} <em>and</em> an RFC 9457 problem+json body with code {@code WARDEN-MCP-0007}, like
 * every other Warden API error, instead of the empty body Quarkus' HTTP permission layer sends. The token is checked
 * with the application's SmallRye JWT settings before that layer runs (which then verifies it again and establishes
 * the identity); verification runs off the event loop because a key set may have to be fetched.
 */
@Singleton
public class McpAuthProblems {
    private final JWTParser parser;

    McpAuthProblems(JWTParser parser) {
        this.parser = parser;
    }

    void install(@Observes Router router) {
        router.route("/mcp*").order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            refuse(rc, "the MCP endpoint needs a bearer token");
            return;
        }
        String token = header.substring(7).trim();
        rc.vertx().executeBlocking(() -> parser.parse(token), false).onComplete(result -> {
            if (result.succeeded()) {
                rc.put(McpRequestGuard.CALLER_TOKEN, result.result());
                rc.next();
            } else {
                refuse(rc, "the bearer token is not valid for this service");
            }
        });
    }

    private static void refuse(RoutingContext rc, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "https://warden.dev/problems/" + McpCodes.GATEWAY_UNAUTHENTICATED)
                .put("title", "Unauthorized")
                .put("status", 401).put("code", McpCodes.GATEWAY_UNAUTHENTICATED)
                .put("detail", detail + " (" + McpCodes.GATEWAY_UNAUTHENTICATED + ")")
                .put("instance", rc.request().path());
        rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                .putHeader("Content-Type", "application/problem+json").end(problem.encode());
    }
}
