package dev.warden.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Governed streaming ({@code warden.streaming.*}, decision 0035): the hold-back window of streamed answers and the
 * per-run event buffer behind {@code GET /v1/runs/{id}/events}.
 */
@ConfigMapping(prefix = "warden.streaming")
public interface StreamingConfig {
    /**
     * Characters of a streamed answer held back until the output screens (the data-flow plane's detectors) have seen
     * them with as many characters after them: every value up to this length is redacted or refused however the model
     * split it. Larger windows cover longer values and delay the first token by as many characters.
     */
    @WithDefault("64")
    int holdBackChars();

    /** Per-agent settings, keyed by agent id: {@code warden.streaming.agents."banking-assistant".hold-back-chars=96}. */
    Map<String, AgentStreaming> agents();

    /**
     * Events kept per run for readers that (re)connect with {@code Last-Event-ID}; older events are dropped first and a
     * reader resuming before the oldest kept event is told so ({@code gap} event, {@code WARDEN-STR-0663}).
     */
    @WithDefault("2048")
    int eventBuffer();

    /** Runs whose events are kept (oldest evicted first). */
    @WithDefault("1000")
    int bufferedRuns();

    /** One agent's streaming settings. */
    interface AgentStreaming {
        /** This agent's hold-back window, instead of {@code warden.streaming.hold-back-chars}. */
        OptionalInt holdBackChars();
    }

    /** The window of {@code agentId}. */
    default int holdBackChars(String agentId) {
        AgentStreaming a = agents().get(agentId);
        return a == null ? holdBackChars() : a.holdBackChars().orElse(holdBackChars());
    }
}
