package dev.warden.quarkus.mcp;

import dev.warden.mcp.McpCodes;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Transport-level rules of the MCP endpoint, applied after {@link McpAuthProblems} verified the bearer token and before
 * the MCP server reads a message. Refusals are RFC 9457 problem+json at the HTTP layer (like the 401), not JSON-RPC
 * errors: nothing of the refused request reaches the JSON-RPC layer.
 * <ul>
 *   <li><b>Batch size.</b> A JSON-RPC batch of more than {@code warden.mcp.gateway.max-batch-size} messages is refused
 *       whole (400, {@code WARDEN-MCP-0180}); none of its calls runs.</li>
 *   <li><b>No duplicate keys.</b> A message with the same key twice in one JSON object is refused whole (400,
 *       {@code WARDEN-API-0004}, as on the REST API; decision 0056): which of the two a parser keeps is not
 *       defined.</li>
 *   <li><b>Sessions belong to their principal.</b> The {@code Mcp-Session-Id} the server assigns is bound to the
 *       principal (issuer, subject, tenant) that opened it; a request naming a session bound to another principal, or
 *       one this service did not see opened, is answered like an unknown session (404, {@code WARDEN-MCP-0181}), so
 *       session ids are neither borrowable nor probeable.</li>
 *   <li><b>No {@code tools/call} notifications.</b> A body with a {@code tools/call} that has no {@code id} (or
 *       {@code id: null}), which JSON-RPC answers with nothing, is refused whole (400, {@code WARDEN-MCP-0010}) and
 *       each such call recorded as refused at {@code TOOL_CALL}; none runs (decision 0066).</li>
 *   <li><b>403 without internals.</b> An authorization failure on the endpoint (an HTTP permission policy) is a 403
 *       problem+json ({@code WARDEN-MCP-0182}) instead of an error naming a Java exception.</li>
 * </ul>
 */
@Singleton
public class McpRequestGuard {
    /** Routing-context key under which {@link McpAuthProblems} leaves the verified token. */
    static final String CALLER_TOKEN = "warden.mcp.caller-token";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    /** Sessions idle longer than this are forgotten (they are refused as unknown afterwards: fail closed). */
    static final Duration SESSION_IDLE = Duration.ofHours(2);
    static final int MAX_SESSIONS = 100_000;

    private final McpGatewayConfig config;
    private final String tenantClaim;
    private final Clock clock;
    private final long maxBody;
    private final Map<String, Binding> sessions = new ConcurrentHashMap<>();
    private final McpGatewayRegistrar gateway;
    private final dev.warden.quarkus.api.Callers callers;

    McpRequestGuard(McpGatewayConfig config, WardenConfig warden, Clock clock,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") String maxBody,
            McpGatewayRegistrar gateway, dev.warden.quarkus.api.Callers callers) {
        this.gateway = gateway;
        this.callers = callers;
        this.maxBody = new MemorySizeConverter().convert(maxBody).asLongValue();
        this.config = config;
        this.tenantClaim = warden.identity().tenantClaim();
        this.clock = clock;
    }

    record Binding(String caller, Instant lastSeen) {}

    void install(@Observes Router router) {
        // after McpAuthProblems (MIN_VALUE) and the body-size checks (-3, -2): the body read here is already bounded
        router.route("/mcp*").order(-1).handler(BodyHandler.create(false).setBodyLimit(maxBody)).handler(this::check);
        router.route("/mcp*").order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    /** The principal a verified token stands for: issuer, subject and tenant claim. */
    String callerKey(JsonWebToken jwt) {
        Object tenant = jwt.getClaim(tenantClaim);
        return jwt.getIssuer() + "\n" + jwt.getSubject() + "\n" + (tenant == null ? "" : tenant.toString());
    }

    void check(RoutingContext rc) {
        JsonWebToken token = rc.get(CALLER_TOKEN);
        String caller = token == null ? null : callerKey(token);
        if (caller == null) { // McpAuthProblems runs first and refuses without a verified token; never pass unbound
            refuse(rc, 401, McpCodes.GATEWAY_UNAUTHENTICATED, "the MCP endpoint needs a bearer token");
            return;
        }
        byte[] bytes = rc.body() == null || rc.body().buffer() == null ? null : rc.body().buffer().getBytes();
        McpBodyScan body = bytes == null ? McpBodyScan.EMPTY : McpBodyScan.of(bytes);
        if (!body.readable()) {
            // read as the server would (any encoding, comments); what the gateway cannot read, it does not pass on
            refuse(rc, 400, dev.warden.quarkus.api.ApiCodes.MALFORMED_BODY, "the request body is not one JSON value; "
                    + "nothing was processed");
            return;
        }
        if (body.messages() > config.maxBatchSize()) {
            refuse(rc, 400, McpCodes.BATCH_TOO_LARGE, "a JSON-RPC batch of " + body.messages() + " messages exceeds "
                    + "the limit of " + config.maxBatchSize() + " (warden.mcp.gateway.max-batch-size); none was "
                    + "processed");
            return;
        }
        if (body.duplicateKey()) {
            // the MCP server's parser keeps the last of two equal keys; a proxy or log may read the first
            refuse(rc, 400, dev.warden.quarkus.api.ApiCodes.MALFORMED_BODY, "a JSON object in the request has the "
                    + "same key twice; nothing was processed");
            return;
        }
        java.util.List<String> notified = dev.warden.mcp.gateway.ToolCallNotifications.in(bytes);
        if (!notified.isEmpty()) {
            // recorded first (off the event loop: the audit may write), then refused; the MCP server never reads it
            rc.vertx().executeBlocking(() -> {
                dev.warden.core.Principal user;
                try {
                    user = callers.principal(token);
                } catch (RuntimeException e) {
                    user = null; // recorded as an unknown caller: the refusal is recorded either way
                }
                gateway.refuseNotifications(user, notified);
                return null;
            }, false).onComplete(done -> refuse(rc, 400, McpCodes.GATEWAY_CALL_WITHOUT_ID, "a tools/call needs an "
                    + "id: sent as a notification nothing could answer it; nothing in this request was processed"));
            return;
        }
        String session = rc.request().getHeader(SESSION_HEADER);
        Instant now = clock.instant();
        if (session != null) {
            Binding b = sessions.get(session);
            if (b == null || !b.caller().equals(caller) || b.lastSeen().plus(SESSION_IDLE).isBefore(now)) {
                refuse(rc, 404, McpCodes.SESSION_UNKNOWN, "no MCP session '" + session + "' for this caller; "
                        + "initialize a new session");
                return;
            }
            sessions.put(session, new Binding(caller, now));
        } else {
            rc.addHeadersEndHandler(v -> bind(rc.response().headers().get(SESSION_HEADER), caller, now));
        }
        rc.next();
    }

    private void bind(String session, String caller, Instant now) {
        if (session == null) {
            return;
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(b -> b.lastSeen().plus(SESSION_IDLE).isBefore(now));
        }
        // a session id is assigned once by the server; never rebind one to a second caller
        sessions.putIfAbsent(session, new Binding(caller, now));
    }

    void failure(RoutingContext rc) {
        if (rc.failure() instanceof ForbiddenException || (rc.failure() == null && rc.statusCode() == 403)) {
            refuse(rc, 403, McpCodes.GATEWAY_FORBIDDEN, "the caller's roles do not allow the MCP endpoint");
            return;
        }
        rc.next();
    }

    static void refuse(RoutingContext rc, int status, String code, String detail) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "https://warden.dev/problems/" + code)
                .put("title", switch (status) {
                    case 400 -> "Bad Request";
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden";
                    default -> "Not Found";
                }).put("status", status).put("code", code).put("detail", detail + " (" + code + ")")
                .put("instance", rc.request().path());
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
