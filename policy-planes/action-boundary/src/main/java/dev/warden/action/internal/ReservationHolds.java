package dev.warden.action.internal;

import dev.warden.action.BudgetKey;
import dev.warden.action.BudgetStore;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budget reservations of consultations whose action is not settled yet, so that {@code aborted} can release
 * exactly what {@code evaluate} reserved (in the window it was reserved in) and {@code committed} can forget it.
 *
 * <p>Bounded: past {@link #MAX_OPEN} open consultations a new reservation is not remembered and so never released —
 * it stays counted, which errs on the safe side, as does a hold lost with the process (a restart between a suspension
 * and its refusal).
 */
public final class ReservationHolds {
    /** Open consultations remembered at most (a pending approval keeps one open until it is resolved). */
    public static final int MAX_OPEN = 100_000;

    /** One reservation: counter and amount. */
    public record Held(BudgetKey key, long amount) {}

    private record Consultation(String runId, String checkpoint, int step, String callId) {
        static Consultation of(CheckpointRequest request, GovernanceContext context) {
            return new Consultation(Objects.toString(context.runId(), ""), request.checkpoint().name(),
                    request.step(), Objects.toString(request.toolCallId(), ""));
        }
    }

    private final ConcurrentHashMap<Consultation, List<Held>> open = new ConcurrentHashMap<>();
    private final BudgetStore store;

    public ReservationHolds(BudgetStore store) {
        this.store = store;
    }

    /** Remembers what a granted consultation reserved. */
    public void hold(CheckpointRequest request, GovernanceContext context, List<Held> held) {
        if (held.isEmpty() || open.size() >= MAX_OPEN) {
            return;
        }
        open.merge(Consultation.of(request, context), List.copyOf(held), (a, b) -> {
            java.util.ArrayList<Held> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        });
    }

    /** The action happened: the reservations stay counted. */
    public void commit(CheckpointRequest request, GovernanceContext context) {
        open.remove(Consultation.of(request, context));
    }

    /** The action did not happen: its reservations are released. */
    public void release(CheckpointRequest request, GovernanceContext context) {
        List<Held> held = open.remove(Consultation.of(request, context));
        if (held != null) {
            held.forEach(h -> store.release(h.key(), h.amount()));
        }
    }

    /** Open consultations (for tests and diagnostics). */
    public int size() {
        return open.size();
    }
}
