package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.spi.AuditSink;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Flips and lifts kill switches, audited with who and why (checkpoints {@value #SUSPEND} and {@value #RESUME}).
 *
 * <p>Order follows fail closed. A suspension is stored first and applied on this replica at once, then audited: an
 * unwritable audit trail must not keep an officer from stopping an agent (the failure is logged and reported in the
 * answer). A lift widens what agents may do, so it is audited first and only then lifted; an audit failure leaves the
 * suspension in place. The audit sink is synchronous, so its append runs on a worker thread, never the event loop.
 */
@Singleton
public class KillSwitch {
    public static final String SUSPEND = "INVENTORY_SUSPEND";
    public static final String RESUME = "INVENTORY_RESUME";
    private static final Logger LOG = Logger.getLogger(KillSwitch.class);

    private final InventoryStore store;
    private final KillSwitchState state;
    private final AuditSink audit;
    private final Clock clock;

    KillSwitch(InventoryStore store, KillSwitchState state, AuditSink audit, Clock clock) {
        this.store = store;
        this.state = state;
        this.audit = audit;
        this.clock = clock;
    }

    /** A suspension and whether its audit record was written. */
    public record Flipped(Suspension suspension, boolean audited) {}

    public Uni<Flipped> suspend(SuspensionTarget target, String id, String reason, Principal by) {
        return store.suspend(target, id, reason, by.id(), clock.instant())
                .invoke(state::apply)
                .chain(s -> audited(record(SUSPEND, s, by, reason, Outcome.DENY, code(target)))
                        .map(ok -> new Flipped(s, true))
                        .onFailure().recoverWithItem(e -> {
                            LOG.errorf(e, "suspension %s of %s %s is in force but could not be audited", s.id(),
                                    target.wire(), id);
                            return new Flipped(s, false);
                        }));
    }

    /** Lifts the active suspension; empty when there was none. Fails (nothing lifted) when it cannot be audited. */
    public Uni<Optional<Suspension>> lift(SuspensionTarget target, String id, String reason, Principal by) {
        return store.suspensions(true)
                .map(all -> all.stream().filter(s -> s.target() == target && s.targetId().equals(id)).findFirst())
                .chain(active -> active.isEmpty() ? Uni.createFrom().item(Optional.<Suspension>empty())
                        : audited(record(RESUME, active.get(), by, reason, Outcome.ALLOW, null))
                                .chain(ok -> store.lift(target, id, by.id(), clock.instant()))
                                .invoke(lifted -> lifted.ifPresent(state::apply)));
    }

    private Uni<DecisionRecord> audited(DecisionRecord r) {
        return Uni.createFrom().item(() -> audit.append(r)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static String code(SuspensionTarget t) {
        return switch (t) {
            case AGENT -> InventoryCodes.AGENT_SUSPENDED;
            case TOOL -> InventoryCodes.TOOL_SUSPENDED;
            case MCP_SERVER -> InventoryCodes.MCP_SERVER_SUSPENDED;
        };
    }

    private DecisionRecord record(String checkpoint, Suspension s, Principal by, String reason, Outcome outcome,
            String code) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("suspensionId", s.id());
        details.put("target", s.target().wire());
        details.put("id", s.targetId());
        details.put("reason", reason == null ? "" : reason);
        String agent = s.target() == SuspensionTarget.AGENT ? s.targetId() : null;
        String tool = s.target() == SuspensionTarget.TOOL ? s.targetId() : null;
        String why = (checkpoint.equals(SUSPEND) ? "suspended " : "resumed ") + s.target().wire() + " '"
                + s.targetId() + "'" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        return new DecisionRecord(null, by.tenant(), null, null, clock.instant().toString(), null, null, null, 0,
                checkpoint, by.id(), agent, List.of(), tool, null, null, details, null, outcome.name(), code, why,
                List.of(), List.of(), List.of(), null, null, 0);
    }
}
