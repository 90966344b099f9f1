package dev.warden.core;

/**
 * A plane's decision together with how long the plane took. {@link Verdict#decisions()} lists one per consulted
 * plane, in evaluation order, including monitor-mode decisions that were recorded but not enforced.
 */
public record PlaneDecision(String plane, Decision decision, long latencyNanos) {}
