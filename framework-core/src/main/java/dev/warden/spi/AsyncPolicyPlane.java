package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import io.smallrye.mutiny.Uni;

/**
 * A plane that needs I/O to decide (a remote PDP, a database of budgets…). The {@code Governor} subscribes to
 * {@link #evaluateAsync} and cancels it when {@link #timeBudget()} elapses, recording a failure (fail closed).
 * Implementations must not block the subscribing thread.
 */
public interface AsyncPolicyPlane extends PolicyPlane {

    Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context);

    /** Async planes are only evaluated through {@link #evaluateAsync}. */
    @Override
    default Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        throw new UnsupportedOperationException(name() + " is asynchronous; use evaluateAsync");
    }
}
