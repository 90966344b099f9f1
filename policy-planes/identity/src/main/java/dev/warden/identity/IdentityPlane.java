package dev.warden.identity;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.identity.internal.ContextualChecks;
import dev.warden.policy.PlaneRules;
import dev.warden.policy.PolicyEngine;
import dev.warden.spi.PolicyPlane;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identity and authorization plane: contextual authorization over user × agent × tool × task.
 *
 * <h2>What it decides</h2>
 * At every checkpoint it subscribes to, in this order:
 * <ol>
 *   <li><b>Malformed input</b> is denied ({@link IdentityCodes#MALFORMED_REQUEST}): a {@code TOOL_CALL} without a
 *       named tool, a {@code DELEGATION} without a target.</li>
 *   <li><b>Tenant isolation</b>: an agent or tool declared for a tenant ({@link Builder#agentTenant},
 *       {@link Builder#toolTenant}) only serves users of that tenant ({@link IdentityCodes#AGENT_TENANT_MISMATCH},
 *       {@link IdentityCodes#TOOL_TENANT_MISMATCH}). Undeclared agents and tools are not tenant-bound.</li>
 *   <li><b>Delegation attenuation</b> at {@code TOOL_CALL}: the effective rights of a delegated call are the
 *       intersection of the {@link dev.warden.core.Hop#scopes()} along {@link GovernanceContext#chain()}; a tool whose
 *       required scope ({@link Builder#requiredScope}; by default the tool's name) is missing from any narrowing hop
 *       is denied ({@link IdentityCodes#SCOPE_NOT_DELEGATED}). A chain without scoped hops does not narrow.</li>
 *   <li>The policy engine's rules for plane {@value #NAME} (roles, attributes, {@code task.purpose}, time windows…),
 *       with priority and deny-overrides as documented on {@link PolicyEngine}.</li>
 * </ol>
 * A built-in denial records a rule id of the form {@code identity.builtin.*}; rule decisions record the policy
 * set, version and rule ids. A failing condition is a {@link Decision.Failure} (fail closed).
 *
 * <h2>Threading</h2>
 * Immutable after {@link Builder#build()}; {@link #evaluate} is pure CPU, lock-free and safe on an event loop.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
 * engine.load(PolicySource.classpath("policies/examples/crm-assistant-identity.yaml"));
 * IdentityPlane identity = IdentityPlane.builder().engine(engine)
 *         .agentTenant("crm-assistant", "acme")
 *         .requiredScope("reports.export", "reports:export")
 *         .build();
 * Governor governor = Governor.builder().plane(identity).build();
 * }</pre>
 */
public final class IdentityPlane implements PolicyPlane {
    /** The plane name rules target with {@code plane: identity}. */
    public static final String NAME = "identity";
    /** Runs before action-boundary (200) and data-flow (300). */
    public static final int PRIORITY = 100;

    private final PlaneRules rules;
    private final Set<Checkpoint> checkpoints;
    private final ContextualChecks checks;

    private IdentityPlane(Builder b) {
        this.rules = PlaneRules.of(NAME, b.engine);
        this.checkpoints = Set.copyOf(b.checkpoints);
        this.checks = new ContextualChecks(NAME, b.agentTenants, b.toolTenants, b.requiredScopes);
    }

    public static Builder builder() {
        return new Builder();
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
     * Answer text is judged here only by this plane's policy rules at {@code checkpoint}: without any, a streamed run
     * need not hold its answer back for this plane.
     */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return checkpoints.contains(checkpoint) && rules.judgeText(checkpoint);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        Decision builtIn = checks.check(request, context);
        if (builtIn != null) {
            return builtIn;
        }
        return rules.evaluate(request, context);
    }

    /** Builds an {@link IdentityPlane}; not thread-safe, use once. */
    public static final class Builder {
        private PolicyEngine engine;
        private Set<Checkpoint> checkpoints = EnumSet.allOf(Checkpoint.class);
        private final Map<String, String> agentTenants = new HashMap<>();
        private final Map<String, String> toolTenants = new HashMap<>();
        private final Map<String, String> requiredScopes = new HashMap<>();

        private Builder() {}

        /** The engine whose {@code plane: identity} rules are evaluated; without one only built-in checks run. */
        public Builder engine(PolicyEngine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** Checkpoints the plane subscribes to; all of them by default. */
        public Builder checkpoints(Set<Checkpoint> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the identity plane needs at least one checkpoint");
            }
            this.checkpoints = EnumSet.copyOf(value);
            return this;
        }

        /** Declares that {@code agentId} serves only users of {@code tenant}. */
        public Builder agentTenant(String agentId, String tenant) {
            agentTenants.put(Objects.requireNonNull(agentId), Objects.requireNonNull(tenant));
            return this;
        }

        /** Declares that {@code toolName} may only be called on behalf of users of {@code tenant}. */
        public Builder toolTenant(String toolName, String tenant) {
            toolTenants.put(Objects.requireNonNull(toolName), Objects.requireNonNull(tenant));
            return this;
        }

        /** The scope a delegated call of {@code toolName} needs (default: the tool name itself). */
        public Builder requiredScope(String toolName, String scope) {
            requiredScopes.put(Objects.requireNonNull(toolName), Objects.requireNonNull(scope));
            return this;
        }

        public IdentityPlane build() {
            return new IdentityPlane(this);
        }
    }
}
