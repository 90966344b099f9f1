package dev.warden.quarkus.runtime;

/**
 * Fired (synchronously, on the compaction's own thread) just before the idle compaction of
 * {@code warden.runtime.memory.compact-when-idle}: a bean holding data that can be made smaller at idle does it now,
 * so the compaction leaves a smaller heap (decision 0071). Observers must not block for long and must not throw.
 */
public record IdleCompaction() {}
