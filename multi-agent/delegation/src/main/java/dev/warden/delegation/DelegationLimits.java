package dev.warden.delegation;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on delegation.
 *
 * @param maxDepth most hops a chain may have (a top-level agent delegating once makes a chain of 1)
 * @param maxFanOut most delegations one caller run may start, sequential and parallel together
 * @param timeout longest a delegated run may take before it is cancelled and reported as {@link
 *     DelegationCodes#TIMEOUT}
 */
public record DelegationLimits(int maxDepth, int maxFanOut, Duration timeout) {
    public static final DelegationLimits DEFAULT = new DelegationLimits(3, 8, Duration.ofSeconds(60));

    public DelegationLimits {
        if (maxDepth < 1 || maxFanOut < 1) {
            throw new IllegalArgumentException("maxDepth and maxFanOut must be positive");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
