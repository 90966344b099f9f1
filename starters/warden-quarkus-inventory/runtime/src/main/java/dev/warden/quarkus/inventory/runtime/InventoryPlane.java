package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.policy.PlaneRules;
import dev.warden.policy.PolicyEngine;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.RuleVocabulary;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

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
 *   <li>a tool the agent is not registered with, or a delegation along no edge this service declares, is counted
 *       as undeclared and, with {@code warden.inventory.undeclared=deny}, refused ({@code 0604});
 *   <li>then its {@code plane: inventory} rules decide, with the {@code inventory} variable
 *       ({@link DeclaredVocabulary}): e.g. ask approval for a tool the inventory does not declare.
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
    private final PlaneRules rules;
    private final RuleVocabulary vocabulary;

    public InventoryPlane(KillSwitchState state, DeclaredActivity declared, boolean denyUndeclared, Clock clock) {
        this(state, declared, denyUndeclared, clock, true);
    }

    /** @param enabled off: subscribes to no checkpoint, so the governor never consults it */
    public InventoryPlane(KillSwitchState state, DeclaredActivity declared, boolean denyUndeclared, Clock clock,
            boolean enabled) {
        this(state, declared, denyUndeclared, clock, enabled, null);
    }

    /**
     * @param engine evaluates this plane's {@code plane: inventory} rules (with the {@code inventory} variable) after
     *     its own checks; {@code null}: the plane takes no rules. An off plane takes none either, so a policy with
     *     inventory rules fails to load rather than never being applied.
     */
    public InventoryPlane(KillSwitchState state, DeclaredActivity declared, boolean denyUndeclared, Clock clock,
            boolean enabled, Supplier<PolicyEngine> engine) {
        this.checkpoints = enabled ? ALL : Set.of();
        this.state = state;
        this.declared = declared;
        this.denyUndeclared = denyUndeclared;
        this.clock = clock;
        this.rules = PlaneRules.lazy(NAME, enabled ? engine : null);
        this.vocabulary = rules.present() ? DeclaredVocabulary.of(NAME, declared, state) : null;
    }

    @Override
    public RuleVocabulary vocabulary() {
        return vocabulary;
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

    /**
     * Its own checks refuse by who and what is suspended, never by the answer's text; its {@code plane: inventory}
     * rules may read the text, so a streamed answer waits whole where one is written for {@code checkpoint} (and,
     * failing closed, wherever the rules cannot be asked).
     */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return rules.judgeText(checkpoint);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        Decision own = checks(request, context);
        return own instanceof Decision.Allow && rules.present() ? rules.evaluate(request, context) : own;
    }

    private Decision checks(CheckpointRequest request, GovernanceContext context) {
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
            return delegation(request, agent, s);
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

    /**
     * An outbound delegation is declared when this service declares an edge from the caller to the target; an
     * inbound one ({@code direction=inbound}: another service's agent hands work to ours) was checked against the
     * receiver's trust edges before this checkpoint.
     */
    private Decision delegation(CheckpointRequest request, String agent, KillSwitchState.Snapshot s) {
        String target = request.target();
        if (s.suspended(SuspensionTarget.AGENT, target)) {
            return Decision.deny("agent '" + target + "' is suspended", InventoryCodes.AGENT_SUSPENDED, BASIS);
        }
        boolean inbound = "inbound".equals(request.attributes().get("direction"));
        if (!inbound && !declared.declaresDelegation(agent, target)) {
            declared.observe(agent, "agent", String.valueOf(target), denyUndeclared, clock.instant());
            if (denyUndeclared) {
                return Decision.deny("no delegation edge from agent '" + agent + "' to '" + target
                        + "' is in the inventory", InventoryCodes.UNDECLARED_REFUSED, BASIS);
            }
        }
        return Decision.allow(NAME);
    }
}
