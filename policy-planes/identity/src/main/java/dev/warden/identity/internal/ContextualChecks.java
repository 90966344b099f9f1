package dev.warden.identity.internal;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.identity.IdentityCodes;
import java.util.List;
import java.util.Map;

/**
 * The identity plane's built-in checks: malformed input, tenant isolation and delegation attenuation. Returns a
 * denial, or {@code null} when the request passes. Immutable and thread-safe.
 */
public final class ContextualChecks {
    /** Rule ids recorded for built-in denials. */
    public static final String RULE_MALFORMED = "identity.builtin.well-formed";
    public static final String RULE_AGENT_TENANT = "identity.builtin.agent-tenant";
    public static final String RULE_TOOL_TENANT = "identity.builtin.tool-tenant";
    public static final String RULE_DELEGATED_SCOPE = "identity.builtin.delegated-scope";

    private final String plane;
    private final Map<String, String> agentTenants;
    private final Map<String, String> toolTenants;
    private final Map<String, String> requiredScopes;

    public ContextualChecks(String plane, Map<String, String> agentTenants, Map<String, String> toolTenants,
            Map<String, String> requiredScopes) {
        this.plane = plane;
        this.agentTenants = Map.copyOf(agentTenants);
        this.toolTenants = Map.copyOf(toolTenants);
        this.requiredScopes = Map.copyOf(requiredScopes);
    }

    public Decision check(CheckpointRequest request, GovernanceContext context) {
        Checkpoint cp = request.checkpoint();
        if (cp == Checkpoint.TOOL_CALL && (request.tool() == null || request.tool().name().isBlank())) {
            return deny("tool call names no tool", IdentityCodes.MALFORMED_REQUEST, RULE_MALFORMED);
        }
        if (cp == Checkpoint.DELEGATION && (request.target() == null || request.target().isBlank())) {
            return deny("delegation names no target agent", IdentityCodes.MALFORMED_REQUEST, RULE_MALFORMED);
        }
        String tenant = context.tenant();
        String agentTenant = agentTenants.get(context.agent().id());
        if (agentTenant != null && !agentTenant.equals(tenant)) {
            return deny("agent '" + context.agent().id() + "' serves tenant '" + agentTenant + "', not the user's tenant '"
                    + tenant + "'", IdentityCodes.AGENT_TENANT_MISMATCH, RULE_AGENT_TENANT);
        }
        if (cp != Checkpoint.TOOL_CALL) {
            return null;
        }
        String tool = request.tool().name();
        String toolTenant = toolTenants.get(tool);
        if (toolTenant != null && !toolTenant.equals(tenant)) {
            return deny("tool '" + tool + "' belongs to tenant '" + toolTenant + "', not the user's tenant '" + tenant
                    + "'", IdentityCodes.TOOL_TENANT_MISMATCH, RULE_TOOL_TENANT);
        }
        return delegatedScope(tool, context.chain());
    }

    /** Denies when some narrowing hop did not grant the tool's scope: rights only narrow along a chain. */
    private Decision delegatedScope(String tool, List<Hop> chain) {
        if (chain.isEmpty()) {
            return null;
        }
        String scope = requiredScopes.getOrDefault(tool, tool);
        for (Hop hop : chain) {
            if (!hop.scopes().isEmpty() && !hop.scopes().contains(scope)) {
                return deny("delegated call to '" + tool + "' needs scope '" + scope + "', which agent '"
                        + hop.agentId() + "' did not delegate (granted " + hop.scopes().stream().sorted().toList()
                        + ")", IdentityCodes.SCOPE_NOT_DELEGATED, RULE_DELEGATED_SCOPE);
            }
        }
        return null;
    }

    private Decision deny(String reason, String code, String ruleId) {
        return Decision.deny(reason, code, new Basis(plane, null, null, List.of(ruleId), Basis.Mode.ENFORCE));
    }
}
