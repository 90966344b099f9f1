package dev.warden.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The in-memory view of recent runs behind {@code GET /v1/runs/{id}} ({@code warden.runs.*}, decision 0064). */
@ConfigMapping(prefix = "warden.runs")
public interface RunsConfig {
    /**
     * Runs whose latest state {@code GET /v1/runs/{id}} answers from memory, oldest evicted first (an evicted run
     * answers 404; the audit API keeps its record). Each costs ~1.5 KiB of heap (10,000: ~14 MiB of live set) until
     * the idle compaction shares their equal parts (decision 0071).
     */
    @WithDefault("10000")
    int recentCapacity();
}
