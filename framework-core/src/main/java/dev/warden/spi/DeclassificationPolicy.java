package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Declassification;
import dev.warden.core.GovernanceContext;
import java.util.List;

/**
 * Which labels the requester may declassify for an egress ({@link Declassification.Grant}s), asked by the data-flow
 * plane when what a call sends is above its sink's clearance. The policy language answers from
 * {@code decision: declassify} rules; with no policy (or {@link #NONE}) nothing is declassifiable and such egress
 * stays refused.
 *
 * <p>Pure CPU, non-blocking, thread-safe; called on the evaluating thread inside the asking plane's time budget. A
 * throw is treated as "no grant" (fail closed: the egress stays refused).
 */
@FunctionalInterface
public interface DeclassificationPolicy {
    /** Grants nothing. */
    DeclassificationPolicy NONE = (request, context) -> List.of();

    /** The grants whose conditions hold for {@code request}; empty when none. */
    List<Declassification.Grant> grants(CheckpointRequest request, GovernanceContext context);
}
