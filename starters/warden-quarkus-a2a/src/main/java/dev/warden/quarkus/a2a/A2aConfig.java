package dev.warden.quarkus.a2a;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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
}
