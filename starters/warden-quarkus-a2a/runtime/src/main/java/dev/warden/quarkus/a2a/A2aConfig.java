package dev.warden.quarkus.a2a;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Serving this service's agents over A2A ({@code warden.a2a.*}). Nothing is served unless {@link #serve()} names it. */
@ConfigMapping(prefix = "warden.a2a")
public interface A2aConfig {
    /**
     * Ids of the @WardenAgents served over A2A at {@code /a2a/{agent}}; opt-in, empty by default. An id that is not an
     * agent of this service fails the first A2A request for it ({@code 404}), never serves another agent.
     */
    Optional<List<String>> serve();

    /**
     * The base URL callers reach this service at, stated in the agent cards ({@code {public-url}/a2a/{agent}}).
     * Defaults to {@code http://localhost:8080}.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** How long a blocking {@code message/send} waits for the governed run. */
    @WithDefault("120s")
    Duration runTimeout();

    /**
     * Accept Warden context tokens (extension {@code https://warden.dev/a2a/ext/context/v1}) signed by this service's
     * trusted peers ({@code warden.delegation.trusted-keys.*}, {@code warden.delegation.trusted-issuers}); when false,
     * a request carrying one is rejected ({@code WARDEN-A2A-0688}), never run as the token's user.
     */
    @WithDefault("true")
    boolean contextTokens();

    /**
     * Agents of the directory ({@code warden.delegation.remote."<agent>".url} = their A2A base URL) that are reached
     * over A2A instead of Warden's {@code /v1/delegations}.
     */
    Map<String, Remote> remote();

    /** Tasks one caller (tenant and user) may have running at once per served agent; one more is refused (0696). */
    @WithDefault("8")
    int maxTasksPerCaller();

    /** Tasks a served agent runs at once over A2A, all callers together; one more is refused (0697). */
    @WithDefault("64")
    int maxTasks();

    /** How long a finished A2A task stays readable ({@code tasks/get}) before it is deleted. */
    @WithDefault("1h")
    Duration taskRetention();

    /**
     * Finished A2A tasks kept at most per served agent, all callers together; beyond, the oldest task of the caller
     * holding the most is deleted first.
     */
    @WithDefault("10000")
    long maxRetainedTasks();

    /**
     * Finished A2A tasks one caller (tenant and user) keeps at most per served agent; beyond, that caller's oldest is
     * deleted. Bounded by {@link #maxRetainedTasks()}.
     */
    @WithDefault("1000")
    long maxRetainedTasksPerCaller();

    /**
     * Threads that call remote A2A agents (one per delegation in flight); {@link #delegateQueue()} more wait, and a
     * delegation beyond both is refused ({@code WARDEN-A2A-0699}) rather than queued without bound.
     */
    @WithDefault("16")
    int delegateThreads();

    /** Delegations to remote A2A agents that may wait for a thread. */
    @WithDefault("64")
    int delegateQueue();

    /** Where approved card pins are kept (JSON, rewritten atomically); absent: in memory, lost on restart. */
    Optional<Path> pinsFile();

    /** Role a caller of {@code POST /v1/a2a/cards/{agent}/pin} must hold to approve a remote card. */
    @WithDefault("admin")
    String pinRole();

    /** A remote A2A agent. */
    interface Remote {
        /**
         * {@code external} (default): an agent outside this trust domain — it gets the task and {@code bearer-token},
         * never the user or labels, and its answers are untrusted content. {@code peer}: a Warden service of this
         * trust domain — it gets the signed context token and its stated labels are believed.
         */
        @WithDefault("external")
        String trust();

        /** The bearer credential sent to it. */
        Optional<String> bearerToken();

        /**
         * The SHA-256 of its approved card (canonical JSON), pinned from configuration; otherwise a card is approved
         * through {@code POST /v1/a2a/cards/{agent}/pin}. Until then nothing is sent to it ({@code WARDEN-A2A-0680}).
         */
        Optional<String> cardSha256();
    }
}
