package dev.warden.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where budgets and rate-limit counters live, under {@code warden.budgets.*}. Fixed when the application is built
 * ({@code @IfBuildProperty} selects the store's bean): a different value at run time is reported by Quarkus at startup,
 * not silently ignored.
 */
@ConfigMapping(prefix = "warden.budgets")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface WardenBudgetsConfig {
    /** {@code memory} (per process) or {@code postgres} (shared by replicas; needs warden-quarkus-postgres). */
    @WithDefault("memory")
    String store();
}
