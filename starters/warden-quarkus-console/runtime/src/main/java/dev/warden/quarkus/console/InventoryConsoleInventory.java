package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.quarkus.inventory.runtime.InventoryAccess;
import dev.warden.quarkus.inventory.runtime.KillSwitch;
import dev.warden.quarkus.inventory.runtime.KillSwitchState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The console's inventory backed by the inventory module (issue #18): the same pages as {@link LocalConsoleInventory},
 * with each agent's and tool's status read from the kill-switch state every replica enforces, and a kill switch that
 * flips it through {@link KillSwitch} — the same store, plane and audit records ({@code INVENTORY_SUSPEND},
 * {@code INVENTORY_RESUME}, who and why) as {@code POST /v1/inventory/suspensions}. With the inventory switched off
 * ({@code warden.inventory.enabled=false}) nothing is enforced, so the kill switch is not offered.
 */
@Singleton
public class InventoryConsoleInventory extends LocalConsoleInventory {
    private static final Logger LOG = Logger.getLogger(InventoryConsoleInventory.class);
    /** How long a console request waits for the store; the suspension is applied on this replica before it returns. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(10);

    @Inject
    InventoryConfig config;
    @Inject
    KillSwitch killSwitch;
    @Inject
    KillSwitchState state;

    @Override
    public String source() {
        return config.enabled() ? "inventory (" + config.store() + ")" : super.source();
    }

    @Override
    public List<Agent> agents(Principal viewer) {
        List<Agent> agents = super.agents(viewer);
        if (!config.enabled()) {
            return agents;
        }
        KillSwitchState.Snapshot now = state.current();
        return agents.stream().map(a -> new Agent(a.id(), a.description(), a.owner(), a.version(), a.policies(),
                a.tools().stream().map(t -> new Tool(t.name(), t.description(), t.effects(), t.risk(),
                        t.sourceLabels(), t.sinkClearance(), status(now, SuspensionTarget.TOOL, t.name()))).toList(),
                status(now, SuspensionTarget.AGENT, a.id()))).toList();
    }

    private static String status(KillSwitchState.Snapshot now, SuspensionTarget target, String id) {
        return now.suspended(target, id) ? "SUSPENDED" : "ACTIVE";
    }

    @Override
    public boolean killSwitchInstalled() {
        return config.enabled();
    }

    @Override
    public Result suspend(Principal by, String target, String id, String reason) {
        Optional<SuspensionTarget> t = SuspensionTarget.parse(target);
        if (!config.enabled()) {
            return Result.refused(ConsoleCodes.INVENTORY_NOT_INSTALLED, "the inventory is switched off "
                    + "(warden.inventory.enabled=false): nothing would enforce a suspension; nothing was changed");
        }
        if (t.isEmpty() || id == null || id.isBlank() || reason == null || reason.isBlank()) {
            return Result.refused(InventoryCodes.BAD_SUSPENSION, "a suspension names a target (agent, tool, "
                    + "mcp-server), its id and a reason");
        }
        // the API's rule, not the console's kill-switch role (which only chooses who is shown the switch)
        boolean owns = t.get() == SuspensionTarget.AGENT && !by.hasRole(InventoryAccess.SECURITY_OFFICER)
                && super.agents(by).stream().anyMatch(a -> a.id().equals(id) && by.id().equals(a.owner()));
        if (!InventoryAccess.maySuspend(by, t.get(), owns)) {
            return Result.refused(InventoryCodes.FORBIDDEN, "suspending a " + t.get().wire() + " needs the '"
                    + InventoryAccess.SECURITY_OFFICER + "' role (or owning the agent); nothing was changed");
        }
        try {
            KillSwitch.Flipped f = killSwitch.suspend(t.get(), id, reason, by).await().atMost(STORE_WAIT);
            return Result.done(t.get().wire() + " " + id + " suspended"
                    + (f.audited() ? "" : " (in force, but the audit record could not be written: see the log)"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "console: suspending %s %s failed", target, id);
            return Result.refused(InventoryCodes.STORE_UNAVAILABLE, "the inventory store did not take the "
                    + "suspension; nothing was changed");
        }
    }

    @Override
    public Result resume(Principal by, String target, String id) {
        Optional<SuspensionTarget> t = SuspensionTarget.parse(target);
        if (!config.enabled()) {
            return Result.refused(ConsoleCodes.INVENTORY_NOT_INSTALLED, "the inventory is switched off "
                    + "(warden.inventory.enabled=false): nothing would enforce a suspension; nothing was changed");
        }
        if (t.isEmpty() || id == null || id.isBlank()) {
            return Result.refused(InventoryCodes.BAD_SUSPENSION, "a resume names a target (agent, tool, "
                    + "mcp-server) and its id");
        }
        if (!InventoryAccess.mayLift(by)) { // as DELETE /v1/inventory/suspensions/{target}/{id}
            return Result.refused(InventoryCodes.FORBIDDEN, "resuming needs the '" + InventoryAccess.SECURITY_OFFICER
                    + "' role; the suspension stays in force");
        }
        try {
            return killSwitch.lift(t.get(), id, "resumed from the console", by).await().atMost(STORE_WAIT)
                    .map(s -> Result.done(t.get().wire() + " " + id + " resumed"))
                    .orElseGet(() -> Result.refused(InventoryCodes.NO_SUSPENSION, t.get().wire() + " " + id
                            + " is not suspended"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "console: resuming %s %s failed", target, id);
            return Result.refused(InventoryCodes.AUDIT_UNAVAILABLE, "the resume could not be audited or stored; "
                    + "the suspension stays in force");
        }
    }
}
