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
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.SendStreamingMessageResponse;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.smallrye.mutiny.Multi;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    /** JSON-RPC error code of a refusal by a bound (implementation-defined server error range). */
    static final int BUSY = -32000;
    /** The SDK's mapper, refusing a key given twice in one object (the SDK's own keeps the last; decision 0056). */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = Utils.OBJECT_MAPPER.copy()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final AgentCard card;
    private final BearerAuthenticator authenticator;
    private final JSONRPCHandler rpc;
    private final ExecutorService workers;
    private final InMemoryTaskStore tasks = new InMemoryTaskStore();
    private final TaskLedger ledger;
    private final Duration streamWait;

    private WardenA2aServer(Builder b) {
        this.card = A2aAgentCards.of(b.agent, b.inventory, b.url);
        this.authenticator = b.authenticator;
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "warden-a2a-" + b.agent.identity().id());
            t.setDaemon(true);
            return t;
        });
        this.ledger = new TaskLedger(b.limits, b.clock, tasks::delete);
        this.streamWait = b.runTimeout.plusSeconds(10);
        InboundAdmission admission = new InboundAdmission(b.directory, b.governor, b.verifier);
        GovernedTaskExecutor executor = new GovernedTaskExecutor(b.agent, admission, b.runTimeout, ledger);
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
            return new A2aResponse.Json(401, "application/problem+json", "{\"type\":\"https://warden.dev/problems/"
                    + A2aCodes.UNAUTHENTICATED + "\",\"title\":\"Unauthorized\",\"status\":401,\"code\":\""
                    + A2aCodes.UNAUTHENTICATED + "\",\"detail\":"
                    + "\"a bearer token this agent accepts is required (see the agent card's securitySchemes)\"}");
        }
        Map<String, Object> state = new HashMap<>();
        String ext = headers.apply(A2AHeaders.X_A2A_EXTENSIONS);
        ServerCallContext ctx = new ServerCallContext(new A2aCaller(principal.get()), state,
                A2AExtensions.getRequestedExtensions(ext == null ? List.of() : List.of(ext)));
        TaskLedger.Owner callerId = TaskLedger.Owner.of(principal.get());
        try {
            JsonNode node = STRICT.readTree(body == null ? "" : body);
            String method = node != null && node.path("method").isTextual() ? node.get("method").asText() : "";
            if (SendStreamingMessageRequest.METHOD.equals(method) || TaskResubscriptionRequest.METHOD.equals(method)) {
                StreamingJSONRPCRequest<?> req = Utils.OBJECT_MAPPER.treeToValue(node, StreamingJSONRPCRequest.class);
                return stream(req, ctx, callerId);
            }
            NonStreamingJSONRPCRequest<?> req = Utils.OBJECT_MAPPER.treeToValue(node, NonStreamingJSONRPCRequest.class);
            return json(dispatch(req, ctx, callerId));
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return json(new JSONRPCErrorResponse(null, new InvalidRequestError(String.valueOf(e.getOriginalMessage())
                    .startsWith("Duplicate field") ? A2aCodes.DUPLICATE_KEY + ": a JSON object has the same key twice"
                    : A2aCodes.BAD_REQUEST + ": not an A2A JSON-RPC request")));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            // a second JSON value after the request: a proxy or a log may read that one (decision 0060)
            return json(new JSONRPCErrorResponse(null, new InvalidRequestError(String.valueOf(e.getOriginalMessage())
                    .startsWith("Trailing token") ? A2aCodes.TRAILING_VALUE + ": the body holds more than one JSON "
                    + "value" : A2aCodes.BAD_REQUEST + ": not an A2A JSON-RPC request")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return json(new JSONRPCErrorResponse(null, e instanceof io.a2a.spec.MethodNotFoundJsonMappingException
                    ? new MethodNotFoundError() : new InvalidRequestError(A2aCodes.BAD_REQUEST
                            + ": not an A2A JSON-RPC request")));
        }
    }

    private JSONRPCResponse<?> dispatch(NonStreamingJSONRPCRequest<?> req, ServerCallContext ctx,
            TaskLedger.Owner caller) {
        if (req instanceof SendMessageRequest r) {
            // a message naming an existing task must be its creator's: it would otherwise read and change that task
            if (continuesOthersTask(r.getParams(), caller)) {
                return notFound(r);
            }
            String busy = busy(r.getParams(), caller);
            return busy != null ? busy(r, busy) : rpc.onMessageSend(r, ctx);
        } else if (req instanceof GetTaskRequest r) {
            return owns(r.getParams().id(), caller) ? rpc.onGetTask(r, ctx) : notFound(r);
        } else if (req instanceof CancelTaskRequest r) {
            return owns(r.getParams().id(), caller) ? rpc.onCancelTask(r, ctx) : notFound(r);
        }
        return new JSONRPCErrorResponse(req.getId(), new UnsupportedOperationError());
    }

    private A2aResponse stream(StreamingJSONRPCRequest<?> req, ServerCallContext ctx, TaskLedger.Owner caller) {
        Flow.Publisher<? extends JSONRPCResponse<?>> events;
        if (req instanceof SendStreamingMessageRequest r && !continuesOthersTask(r.getParams(), caller)) {
            String busy = busy(r.getParams(), caller);
            if (busy != null) {
                return json(busy(r, busy));
            }
            events = rpc.onMessageSendStream(r, ctx);
        } else if (req instanceof TaskResubscriptionRequest r && owns(r.getParams().id(), caller)) {
            Task now = tasks.get(r.getParams().id());
            if (now != null && !running(now)) {
                // nothing more will happen on this task (finished, or input-required: the approval is resolved
                // through Warden's approvals API): answer what it is and end, rather than wait on a queue that
                // nothing writes to while holding a worker thread
                return new A2aResponse.Stream(Multi.createFrom().item(Utils.toJsonString(
                        new SendStreamingMessageResponse(r.getId(), now))), streamWait);
            }
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
        }), streamWait);
    }

    private static boolean running(Task t) {
        TaskState state = t.getStatus() == null ? null : t.getStatus().state();
        return state == TaskState.SUBMITTED || state == TaskState.WORKING;
    }

    private boolean continuesOthersTask(io.a2a.spec.MessageSendParams params, TaskLedger.Owner caller) {
        String taskId = params == null || params.message() == null ? null : params.message().getTaskId();
        return taskId != null && !owns(taskId, caller);
    }

    private boolean owns(String taskId, TaskLedger.Owner caller) {
        return ledger.owns(taskId, caller);
    }

    /** A message that would start a task while the caller (or the agent) is at its bound: the code, else null. */
    private String busy(io.a2a.spec.MessageSendParams params, TaskLedger.Owner caller) {
        boolean newTask = params == null || params.message() == null || params.message().getTaskId() == null;
        return newTask ? ledger.refusal(caller) : null;
    }

    private static JSONRPCErrorResponse busy(JSONRPCRequest<?> req, String code) {
        return new JSONRPCErrorResponse(req.getId(), new JSONRPCError(BUSY, code + ": " + (A2aCodes.TOO_MANY_TASKS
                .equals(code) ? "too many of your tasks are running here; wait for one to finish"
                : "this agent runs as many A2A tasks as it may; try again later"), Map.of("code", code)));
    }

    /** Number of tasks held (running, and finished within the retention), after evicting expired ones. */
    public long heldTasks() {
        return ledger.size();
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
        private TaskLedger.Limits limits = TaskLedger.Limits.DEFAULT;
        private Clock clock = Clock.systemUTC();

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

        /**
         * Bounds on running tasks: {@code perCaller} for one caller (tenant and user), {@code total} for this agent.
         * A message that would start one more is answered with a JSON-RPC error ({@code -32000},
         * {@code WARDEN-A2A-0696}/{@code 0697} in its message and {@code data.code}). Defaults 8 and 64.
         */
        public Builder maxRunningTasks(int perCaller, int total) {
            this.limits = new TaskLedger.Limits(perCaller, total, limits.retention(), limits.retained(),
                    limits.retainedPerCaller());
            return this;
        }

        /**
         * How long a finished task stays readable ({@code tasks/get}) and how many are kept at most; evicted ones are
         * deleted. Defaults 1 h and 10 000, of which at most 1 000 (or {@code maxTasks} if smaller) of one caller.
         */
        public Builder taskRetention(Duration retention, long maxTasks) {
            this.limits = new TaskLedger.Limits(limits.perCaller(), limits.total(), retention, maxTasks);
            return this;
        }

        /**
         * Like {@link #taskRetention(Duration, long)}, with the finished tasks one caller (tenant and user) keeps at
         * most: past it the caller's own oldest is deleted; past {@code maxTasks} the oldest of the caller holding the
         * most, so a caller finishing many tasks never pushes out the results of a caller holding fewer.
         */
        public Builder taskRetention(Duration retention, long maxTasks, long maxTasksPerCaller) {
            this.limits = new TaskLedger.Limits(limits.perCaller(), limits.total(), retention, maxTasks,
                    maxTasksPerCaller);
            return this;
        }

        /** The clock task retention is measured with. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
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
