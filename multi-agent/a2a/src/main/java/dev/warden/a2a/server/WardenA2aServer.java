package dev.warden.a2a.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.a2a.A2aCodes;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.token.ContextTokenVerifier;
import io.a2a.common.A2AHeaders;
import io.a2a.server.ServerCallContext;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.extensions.A2AExtensions;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.BasePushNotificationSender;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCard;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.JSONRPCRequest;
import io.a2a.spec.JSONRPCResponse;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.NonStreamingJSONRPCRequest;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.spec.StreamingJSONRPCRequest;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskResubscriptionRequest;
import io.a2a.spec.UnsupportedOperationError;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.a2a.util.Utils;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * One Warden agent served over A2A JSON-RPC, framework-neutral: give it the body and a header lookup, get back an
 * {@link A2aResponse}. {@link A2aHttpHandler} hosts it on the JDK's HTTP server; a Quarkus route can do the same.
 *
 * <h2>Order</h2>
 * <ol>
 *   <li>{@code Authorization: Bearer <jwt>} is verified by the {@link BearerAuthenticator} <em>before the body is
 *       parsed</em>; missing or not accepted → HTTP 401 {@code application/problem+json},
 *       {@link A2aCodes#UNAUTHENTICATED}.</li>
 *   <li>The JSON-RPC request is dispatched by the A2A SDK's {@link JSONRPCHandler} and {@link DefaultRequestHandler}
 *       ({@code message/send}, {@code message/stream}, {@code tasks/get}, {@code tasks/cancel},
 *       {@code tasks/resubscribe}); push-notification methods are refused (the card declares none: a caller-chosen
 *       URL the server would POST to is a request-forgery vector).</li>
 *   <li>A task is visible only to the principal that created it: {@code tasks/get}, {@code tasks/cancel},
 *       {@code tasks/resubscribe} and a message naming anyone else's task answer "task not found".</li>
 *   <li>Each task runs through the governed loop ({@link GovernedTaskExecutor}) in the context
 *       {@link InboundAdmission} decides: the authenticated caller, or the verified Warden context token.</li>
 * </ol>
 * Thread-safe. {@link #close()} stops the SDK's worker threads.
 */
public final class WardenA2aServer implements AutoCloseable {
    private final AgentCard card;
    private final BearerAuthenticator authenticator;
    private final JSONRPCHandler rpc;
    private final ExecutorService workers;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private WardenA2aServer(Builder b) {
        this.card = A2aAgentCards.of(b.agent, b.inventory, b.url);
        this.authenticator = b.authenticator;
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "warden-a2a-" + b.agent.identity().id());
            t.setDaemon(true);
            return t;
        });
        InboundAdmission admission = new InboundAdmission(b.directory, b.governor, b.verifier);
        GovernedTaskExecutor executor = new GovernedTaskExecutor(b.agent, admission, b.runTimeout,
                (task, user) -> owners.putIfAbsent(task, user));
        InMemoryTaskStore tasks = new InMemoryTaskStore();
        InMemoryPushNotificationConfigStore push = new InMemoryPushNotificationConfigStore();
        DefaultRequestHandler handler = DefaultRequestHandler.create(executor, tasks, new InMemoryQueueManager(tasks),
                push, new BasePushNotificationSender(push), workers);
        SdkTimeouts.blockingWait(handler, b.runTimeout.plusSeconds(5));
        this.rpc = new JSONRPCHandler(card, handler, workers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The public agent card, served at {@code /.well-known/agent-card.json}. */
    public AgentCard card() {
        return card;
    }

    public String cardJson() {
        return Utils.toJsonString(card);
    }

    /**
     * Handles one JSON-RPC request. Never throws: every problem is an {@link A2aResponse}.
     *
     * @param headers case-insensitive header lookup returning the first value or {@code null}
     */
    public A2aResponse handle(String body, Function<String, String> headers) {
        return handle(body, headers, authenticate(headers.apply("Authorization")).orElse(null));
    }

    /**
     * Handles one request whose caller the hosting framework has already authenticated (e.g. Quarkus' SmallRye JWT
     * with the application's token configuration). {@code caller == null} is answered 401, before the body is read.
     */
    public A2aResponse handle(String body, Function<String, String> headers, Principal caller) {
        Optional<Principal> principal = Optional.ofNullable(caller);
        if (principal.isEmpty()) {
            return new A2aResponse.Json(401, "application/problem+json", "{\"type\":\"about:blank\",\"title\":"
                    + "\"Unauthorized\",\"status\":401,\"code\":\"" + A2aCodes.UNAUTHENTICATED + "\",\"detail\":"
                    + "\"a bearer token this agent accepts is required (see the agent card's securitySchemes)\"}");
        }
        Map<String, Object> state = new HashMap<>();
        String ext = headers.apply(A2AHeaders.X_A2A_EXTENSIONS);
        ServerCallContext ctx = new ServerCallContext(new A2aCaller(principal.get()), state,
                A2AExtensions.getRequestedExtensions(ext == null ? List.of() : List.of(ext)));
        String callerId = ownerKey(principal.get());
        try {
            JsonNode node = Utils.OBJECT_MAPPER.readTree(body == null ? "" : body);
            String method = node != null && node.path("method").isTextual() ? node.get("method").asText() : "";
            if (SendStreamingMessageRequest.METHOD.equals(method) || TaskResubscriptionRequest.METHOD.equals(method)) {
                StreamingJSONRPCRequest<?> req = Utils.OBJECT_MAPPER.treeToValue(node, StreamingJSONRPCRequest.class);
                return stream(req, ctx, callerId);
            }
            NonStreamingJSONRPCRequest<?> req = Utils.OBJECT_MAPPER.treeToValue(node, NonStreamingJSONRPCRequest.class);
            return json(dispatch(req, ctx, callerId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return json(new JSONRPCErrorResponse(null, e instanceof io.a2a.spec.MethodNotFoundJsonMappingException
                    ? new MethodNotFoundError() : new InvalidRequestError(A2aCodes.BAD_REQUEST
                            + ": not an A2A JSON-RPC request")));
        }
    }

    private JSONRPCResponse<?> dispatch(NonStreamingJSONRPCRequest<?> req, ServerCallContext ctx, String caller) {
        if (req instanceof SendMessageRequest r) {
            // a message naming an existing task must be its creator's: it would otherwise read and change that task
            return continuesOthersTask(r.getParams(), caller) ? notFound(r) : rpc.onMessageSend(r, ctx);
        } else if (req instanceof GetTaskRequest r) {
            return owns(r.getParams().id(), caller) ? rpc.onGetTask(r, ctx) : notFound(r);
        } else if (req instanceof CancelTaskRequest r) {
            return owns(r.getParams().id(), caller) ? rpc.onCancelTask(r, ctx) : notFound(r);
        }
        return new JSONRPCErrorResponse(req.getId(), new UnsupportedOperationError());
    }

    private A2aResponse stream(StreamingJSONRPCRequest<?> req, ServerCallContext ctx, String caller) {
        Flow.Publisher<? extends JSONRPCResponse<?>> events;
        if (req instanceof SendStreamingMessageRequest r && !continuesOthersTask(r.getParams(), caller)) {
            events = rpc.onMessageSendStream(r, ctx);
        } else if (req instanceof TaskResubscriptionRequest r && owns(r.getParams().id(), caller)) {
            events = rpc.onResubscribeToTask(r, ctx);
        } else {
            return json(notFound(req));
        }
        return new A2aResponse.Stream(subscriber -> events.subscribe(new Flow.Subscriber<JSONRPCResponse<?>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(JSONRPCResponse<?> item) {
                subscriber.onNext(Utils.toJsonString(item));
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        }));
    }

    /** Tasks belong to a user of a tenant. */
    static String ownerKey(Principal p) {
        return p.tenant() + "/" + p.id();
    }

    private boolean continuesOthersTask(io.a2a.spec.MessageSendParams params, String caller) {
        String taskId = params == null || params.message() == null ? null : params.message().getTaskId();
        return taskId != null && !owns(taskId, caller);
    }

    private boolean owns(String taskId, String caller) {
        return taskId != null && caller.equals(owners.get(taskId));
    }

    private static JSONRPCErrorResponse notFound(JSONRPCRequest<?> req) {
        return new JSONRPCErrorResponse(req.getId(), new TaskNotFoundError());
    }

    private static A2aResponse json(JSONRPCResponse<?> response) {
        return new A2aResponse.Json(200, "application/json", Utils.toJsonString(response));
    }

    private Optional<Principal> authenticate(String authorization) {
        if (authenticator == null || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            return Objects.requireNonNullElse(authenticator.authenticate(authorization.substring(7).trim()),
                    Optional.empty());
        } catch (RuntimeException e) {
            return Optional.empty(); // fail closed
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Builds a {@link WardenA2aServer}; agent, inventory card, url, governor and directory are required. */
    public static final class Builder {
        private GovernedAgent agent;
        private dev.warden.delegation.AgentCard inventory;
        private String url;
        private Governor governor;
        private AgentDirectory directory;
        private BearerAuthenticator authenticator;
        private ContextTokenVerifier verifier;
        private Duration runTimeout = Duration.ofMinutes(2);

        public Builder agent(GovernedAgent value, dev.warden.delegation.AgentCard inventoryCard) {
            this.agent = value;
            this.inventory = inventoryCard;
            return this;
        }

        /** Absolute URL of the JSON-RPC endpoint, as the card states it. */
        public Builder url(String value) {
            this.url = value;
            return this;
        }

        /** This service's governor: inbound {@code DELEGATION} decisions and their audit. */
        public Builder governor(Governor value) {
            this.governor = value;
            return this;
        }

        /** This service's inventory: must declare the trust edges of Warden callers. */
        public Builder directory(AgentDirectory value) {
            this.directory = value;
            return this;
        }

        /**
         * Verifies bearer tokens for {@link #handle(String, Function)}; without one, only callers authenticated by the
         * hosting framework ({@link #handle(String, Function, Principal)}) are served — never an unauthenticated one.
         */
        public Builder authenticator(BearerAuthenticator value) {
            this.authenticator = value;
            return this;
        }

        /** Accept Warden context tokens verified by {@code value}; without it such tokens are refused. */
        public Builder contextTokens(ContextTokenVerifier value) {
            this.verifier = value;
            return this;
        }

        /** How long a blocking {@code message/send} waits for the governed run. */
        public Builder runTimeout(Duration value) {
            this.runTimeout = value;
            return this;
        }

        public WardenA2aServer build() {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(inventory, "inventory card");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(governor, "governor");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(runTimeout, "runTimeout");
            return new WardenA2aServer(this);
        }
    }
}
