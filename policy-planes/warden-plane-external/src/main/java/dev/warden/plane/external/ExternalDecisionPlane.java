package dev.warden.plane.external;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Deadlines;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.plane.external.internal.AuthZenAnswer;
import dev.warden.plane.external.internal.AuthZenRequest;
import dev.warden.plane.external.internal.PdpException;
import dev.warden.spi.AsyncPolicyPlane;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The external decision plane (a plugin): asks an external policy decision point (OPA with an AuthZEN front, Cerbos,
 * Topaz, Axiomatics, your own service…) over the OpenID AuthZEN Access Evaluation API, {@code POST
 * <base>/access/v1/evaluation}; see {@code docs/decisions/0021} for why AuthZEN and what is sent.
 *
 * <h2>Answers</h2>
 * {@code "decision": true} allows, {@code false} denies ({@link PdpCodes#DENIED}, with the PDP's
 * {@code context.reason_user} or {@code reason_admin} when given). Every other outcome fails closed with a
 * {@link Decision.Failure}: no answer within {@link Builder#timeout} ({@link PdpCodes#TIMEOUT}), a PDP that cannot be
 * reached ({@link PdpCodes#UNREACHABLE}), any status but 200 ({@link PdpCodes#ERROR_STATUS}), an answer that is not an
 * evaluation response ({@link PdpCodes#MALFORMED_ANSWER}). Decisions record rule id {@code <name>.pdp}.
 *
 * <h2>Cache</h2>
 * Answers (allow and deny, never failures) are cached for {@link Builder#cacheFor} by the exact request body, which
 * holds only deciding facts (no run id, step or call id), so repeated questions within the TTL do not reach the PDP;
 * concurrent equal questions share one HTTP call. A PDP policy change takes effect within the TTL.
 *
 * <h2>Threading</h2>
 * Non-blocking: the JDK {@link HttpClient} sends asynchronously and the {@code Governor} subscribes to
 * {@link #evaluateAsync}; safe on an event loop. Thread-safe.
 *
 * <pre>{@code
 * ExternalDecisionPlane pdp = ExternalDecisionPlane.builder(URI.create("https://pdp.internal:8443"))
 *         .timeout(Duration.ofMillis(150))
 *         .cacheFor(Duration.ofSeconds(30), 10_000)
 *         .header("Authorization", "Bearer " + token)
 *         .build();
 * Governor governor = Governor.builder().plane(pdp).build();
 * }</pre>
 */
public final class ExternalDecisionPlane implements AsyncPolicyPlane {
    /** Default plane name. */
    public static final String DEFAULT_NAME = "external";
    /** The AuthZEN Access Evaluation endpoint, relative to the PDP's base URI. */
    public static final String EVALUATION_PATH = "/access/v1/evaluation";

    private final String name;
    private final URI evaluation;
    private final Set<Checkpoint> checkpoints;
    private final Duration timeout;
    private final int priority;
    private final boolean sendArguments;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final AsyncCache<String, Decision> cache;

    private ExternalDecisionPlane(Builder b) {
        this.name = b.name;
        String base = b.base.toString();
        this.evaluation = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + EVALUATION_PATH);
        this.checkpoints = Set.copyOf(b.checkpoints);
        this.timeout = b.timeout;
        this.priority = b.priority;
        this.sendArguments = b.sendArguments;
        this.headers = Map.copyOf(b.headers);
        this.client = b.client != null ? b.client : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.timeout).build();
        this.cache = b.cacheTtl == null ? null : Caffeine.newBuilder().maximumSize(b.cacheSize)
                .expireAfterWrite(b.cacheTtl).ticker(b.ticker).buildAsync();
        warmUp();
    }

    /** Loads the request and answer code now, so the first real call does not spend its timeout on class loading. */
    private static void warmUp() {
        GovernanceContext ctx = GovernanceContext.of(dev.warden.core.Principal.of("warm-up"),
                dev.warden.core.AgentIdentity.of("warm-up"));
        AuthZenRequest.body(CheckpointRequest.toolCall(1, dev.warden.core.ToolDescriptor.named("warm-up"), "w",
                Map.of("n", 1)), ctx, true);
        AuthZenAnswer.parse("{\"decision\":true,\"context\":{\"reason_user\":{\"en\":\"ok\"}}}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.newBuilder(URI.create("http://localhost/")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    /** A plane asking the PDP at {@code base} (the evaluation endpoint is {@code base + /access/v1/evaluation}). */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public int priority() {
        return priority;
    }

    /**
     * The timeout plus a margin (half of it, at least 100 ms), so the plane reports its own timeout
     * ({@link PdpCodes#TIMEOUT}) before the Governor cuts it off.
     */
    @Override
    public Duration timeBudget() {
        return timeout.plus(Duration.ofMillis(Math.max(100, timeout.toMillis() / 2)));
    }

    /** The endpoint asked. */
    public URI evaluationUri() {
        return evaluation;
    }

    @Override
    public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
        if (request.checkpoint() == Checkpoint.TOOL_CALL && (request.tool() == null || request.tool().name().isBlank())) {
            return Uni.createFrom().item(Decision.deny("tool call names no tool", PdpCodes.MALFORMED_REQUEST,
                    new Basis(name, null, null, List.of(name + ".well-formed"), Basis.Mode.ENFORCE)));
        }
        String body;
        try {
            body = AuthZenRequest.body(request, context, sendArguments);
        } catch (PdpException e) {
            return Uni.createFrom().item(failure(e.code(), e.getMessage()));
        }
        CompletableFuture<Decision> answer = cache == null ? ask(body) : cache.get(body, (k, executor) -> ask(k));
        return Deadlines.within(Uni.createFrom().completionStage(answer), timeout,
                () -> new HttpTimeoutException("no answer within " + timeout))
                .onFailure().recoverWithItem(this::failureOf);
    }

    private CompletableFuture<Decision> ask(String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(evaluation).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(req::header);
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(this::decide);
    }

    private Decision decide(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new PdpException(PdpCodes.ERROR_STATUS, "the PDP answered HTTP " + response.statusCode());
        }
        AuthZenAnswer a = AuthZenAnswer.parse(response.body());
        Basis basis = new Basis(name, null, null, List.of(name + ".pdp"), Basis.Mode.ENFORCE);
        return a.allowed() ? Decision.allow(basis) : Decision.deny(a.reason() == null ? "denied by the policy decision "
                + "point" : "denied by the policy decision point: " + a.reason(), PdpCodes.DENIED, basis);
    }

    private Decision failureOf(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof PdpException p) {
            return failure(p.code(), p.getMessage());
        }
        if (c instanceof HttpTimeoutException) {
            return failure(PdpCodes.TIMEOUT, "the PDP did not answer within " + timeout);
        }
        if (c instanceof ConnectException || c instanceof java.io.IOException) {
            return failure(PdpCodes.UNREACHABLE, "the PDP cannot be reached: " + c);
        }
        return failure(PdpCodes.UNREACHABLE, "asking the PDP failed: " + c);
    }

    private Decision failure(String code, String reason) {
        return Decision.failure(reason, code, new Basis(name, null, null, List.of(name + ".pdp"), Basis.Mode.ENFORCE));
    }

    /** Builds an {@link ExternalDecisionPlane}; not thread-safe, use once. */
    public static final class Builder {
        private final URI base;
        private String name = DEFAULT_NAME;
        private Set<Checkpoint> checkpoints = EnumSet.of(Checkpoint.TOOL_CALL, Checkpoint.DELEGATION);
        private Duration timeout = Duration.ofMillis(200);
        private int priority = 500;
        private boolean sendArguments = true;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpClient client;
        private Duration cacheTtl = Duration.ofSeconds(30);
        private long cacheSize = 10_000;
        private Ticker ticker = Ticker.systemTicker();

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "base");
            String scheme = base.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("the PDP URI must be http(s), got " + base);
            }
        }

        /** Plane name (what decisions record); {@value #DEFAULT_NAME} by default. Unique per application. */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("plane name must not be blank");
            }
            this.name = value;
            return this;
        }

        /** Checkpoints at which the PDP is asked; {@code TOOL_CALL} and {@code DELEGATION} by default. */
        public Builder checkpoints(Set<Checkpoint> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the external plane needs at least one checkpoint");
            }
            this.checkpoints = EnumSet.copyOf(value);
            return this;
        }

        /** Longest wait for the PDP (connect and answer); 200 ms by default. Past it the action is blocked. */
        public Builder timeout(Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** Whether tool arguments (secrets always redacted) are sent as {@code resource.properties.arguments}. */
        public Builder sendArguments(boolean value) {
            this.sendArguments = value;
            return this;
        }

        /** A header sent with every evaluation (e.g. {@code Authorization}). */
        public Builder header(String headerName, String value) {
            headers.put(Objects.requireNonNull(headerName), Objects.requireNonNull(value));
            return this;
        }

        /** The HTTP client (TLS settings, proxy, executor); an HTTP/1.1 client with the timeout by default. */
        public Builder httpClient(HttpClient value) {
            this.client = Objects.requireNonNull(value);
            return this;
        }

        /** Cache answers for {@code ttl}, at most {@code maxEntries}; 30 s and 10 000 by default. */
        public Builder cacheFor(Duration ttl, long maxEntries) {
            if (ttl.isZero() || ttl.isNegative() || maxEntries < 1) {
                throw new IllegalArgumentException("cache ttl and size must be positive (use noCache() to disable)");
            }
            this.cacheTtl = ttl;
            this.cacheSize = maxEntries;
            return this;
        }

        /** Ask the PDP every time. */
        public Builder noCache() {
            this.cacheTtl = null;
            return this;
        }

        /** Time source of the cache's expiry (tests). */
        public Builder cacheTicker(Ticker value) {
            this.ticker = Objects.requireNonNull(value);
            return this;
        }

        public ExternalDecisionPlane build() {
            return new ExternalDecisionPlane(this);
        }
    }
}
