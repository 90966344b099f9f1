package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.spi.PolicyPlane;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kill switch and the undeclared-activity check as a policy plane ({@value #NAME}, priority {@value #PRIORITY}:
 * before the built-in planes, so its refusal is the first verdict recorded). Pure CPU: every check is a lookup in
 * {@link KillSwitchState} and {@link DeclaredActivity}, which timers keep current off the checkpoint path.
 *
 * <ul>
 *   <li>a suspended agent is refused at every checkpoint, as is a run delegated through one ({@code WARDEN-INV-0600});
 *   <li>a suspended tool, or a tool of a suspended MCP server, is refused at {@code TOOL_CALL} ({@code 0601},
 *       {@code 0602}); a delegation to a suspended agent at {@code DELEGATION} ({@code 0600});
 *   <li>when the suspensions could not be refreshed for longer than the bound, actions ({@code TOOL_CALL},
 *       {@code DELEGATION}) are refused ({@code 0603}): a switch may have been flipped that this replica cannot see;
 *   <li>a tool the agent is not registered with, or a delegation to an agent no service registered, is counted as
 *       undeclared and, with {@code warden.inventory.undeclared=deny}, refused ({@code 0604}).
 * </ul>
 */
public final class InventoryPlane implements PolicyPlane {
    public static final String NAME = "inventory";
    public static final int PRIORITY = 50;
    private static final Set<Checkpoint> ALL = Set.copyOf(EnumSet.allOf(Checkpoint.class));
    private static final Basis BASIS = Basis.of(NAME);

    private final KillSwitchState state;
    private final DeclaredActivity declared;
    private final boolean denyUndeclared;
    private final Clock clock;
    private final Set<Checkpoint> checkpoints;

    public InventoryPlane(KillSwitchState state, DeclaredActivity declared, boolean denyUndeclared, Clock clock) {
        this(state, declared, denyUndeclared, clock, true);
    }

    /** @param enabled off: subscribes to no checkpoint, so the governor never consults it */
    public InventoryPlane(KillSwitchState state, DeclaredActivity declared, boolean denyUndeclared, Clock clock,
            boolean enabled) {
        this.checkpoints = enabled ? ALL : Set.of();
        this.state = state;
        this.declared = declared;
        this.denyUndeclared = denyUndeclared;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Refuses by who and what is suspended, never by the answer's text: a streamed answer need not wait for it. */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return false;
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        Checkpoint cp = request.checkpoint();
        boolean action = cp == Checkpoint.TOOL_CALL || cp == Checkpoint.DELEGATION;
        if (action && state.stale()) {
            return Decision.deny("the suspension state of this replica is older than the staleness bound; actions "
                    + "are refused until it is refreshed", InventoryCodes.SUSPENSIONS_STALE, BASIS);
        }
        KillSwitchState.Snapshot s = state.current();
        String agent = context.agent().id();
        if (s.suspended(SuspensionTarget.AGENT, agent)) {
            return Decision.deny("agent '" + agent + "' is suspended", InventoryCodes.AGENT_SUSPENDED, BASIS);
        }
        for (Hop hop : context.chain()) {
            if (s.suspended(SuspensionTarget.AGENT, hop.agentId())) {
                return Decision.deny("the run was delegated through suspended agent '" + hop.agentId() + "'",
                        InventoryCodes.AGENT_SUSPENDED, BASIS);
            }
        }
        if (cp == Checkpoint.TOOL_CALL) {
            return toolCall(request, agent, s);
        }
        if (cp == Checkpoint.DELEGATION) {
            return delegation(request.target(), agent, s);
        }
        return Decision.allow(NAME);
    }

    private Decision toolCall(CheckpointRequest request, String agent, KillSwitchState.Snapshot s) {
        String tool = request.toolName();
        if (s.suspended(SuspensionTarget.TOOL, tool)) {
            return Decision.deny("tool '" + tool + "' is suspended", InventoryCodes.TOOL_SUSPENDED, BASIS);
        }
        String server = LocalRegistration.mcpServerOf(tool);
        if (s.suspended(SuspensionTarget.MCP_SERVER, server)) {
            return Decision.deny("MCP server '" + server + "' is suspended", InventoryCodes.MCP_SERVER_SUSPENDED,
                    BASIS);
        }
        boolean known = tool != null && declared.declaresTool(agent, tool)
                && (request.tool() == null || request.tool().declared());
        if (!known) {
            declared.observe(agent, "tool", String.valueOf(tool), denyUndeclared, clock.instant());
            if (denyUndeclared) {
                return Decision.deny("tool '" + tool + "' is not in the inventory of agent '" + agent + "'",
                        InventoryCodes.UNDECLARED_REFUSED, BASIS);
            }
        }
        return Decision.allow(NAME);
    }

    private Decision delegation(String target, String agent, KillSwitchState.Snapshot s) {
        if (s.suspended(SuspensionTarget.AGENT, target)) {
            return Decision.deny("agent '" + target + "' is suspended", InventoryCodes.AGENT_SUSPENDED, BASIS);
        }
        if (target != null && !declared.knowsAgent(target)) {
            declared.observe(agent, "agent", target, denyUndeclared, clock.instant());
            if (denyUndeclared) {
                return Decision.deny("agent '" + target + "' is not in the inventory", InventoryCodes.UNDECLARED_REFUSED,
                        BASIS);
            }
        }
        return Decision.allow(NAME);
    }
}
