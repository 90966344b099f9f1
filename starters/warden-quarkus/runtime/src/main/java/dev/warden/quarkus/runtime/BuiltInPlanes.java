package dev.warden.quarkus.runtime;

import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.BudgetStore;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowConfigBuilder;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.identity.IdentityPlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The built-in planes as beans, each evaluating its plane's rules from the shared {@link PolicyEngine}. Each can be
 * left out at build time ({@code warden.planes.<name>.enabled=false}) and replaced by a plug-in bean.
 */
public class BuiltInPlanes {
    /** The role a data-flow hold names when {@code warden.data-flow.approver-roles} is unset (decision 0079). */
    public static final String DEFAULT_APPROVER_ROLE = "approver";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BuiltInPlanes.class);


    @Produces
    @Singleton
    @IfBuildProperty(name = "warden.planes.identity.enabled", stringValue = "true", enableIfMissing = true)
    IdentityPlane identity(PolicyEngine engine) {
        return IdentityPlane.builder().engine(engine).build();
    }

    @Produces
    @Singleton
    @IfBuildProperty(name = "warden.planes.action-boundary.enabled", stringValue = "true", enableIfMissing = true)
    ActionBoundaryPlane actionBoundary(PolicyEngine engine, BudgetStore budgets, Clock clock) {
        return ActionBoundaryPlane.builder().engine(engine).budgetStore(budgets).clock(clock).build();
    }

    @Produces
    @Singleton
    @IfBuildProperty(name = "warden.planes.data-flow.enabled", stringValue = "true", enableIfMissing = true)
    DataFlowPlane dataFlow(WardenConfig config, Clock clock,
            jakarta.enterprise.inject.Instance<dev.warden.policy.PolicyEngine> policies) {
        WardenConfig.DataFlow c = config.dataFlow();
        DataFlowConfigBuilder b = DataFlowConfig.builder()
                .clock(clock)
                .egressMode(LabelSyntax.option("warden.data-flow.egress-mode", c.egressMode(),
                        DataFlowConfig.EgressMode.class))
                .redactionStyle(LabelSyntax.option("warden.data-flow.redaction-style", c.redactionStyle(),
                        DataFlowConfig.RedactionStyle.class))
                .untrustedAction(LabelSyntax.option("warden.data-flow.untrusted-action", c.untrustedAction(),
                        DataFlowConfig.UntrustedAction.class))
                .endorsedAction(LabelSyntax.option("warden.data-flow.endorsed-action", c.endorsedAction(),
                        DataFlowConfig.EndorsedAction.class))
                .approverRoles(approverRoles(c).toArray(String[]::new))
                .sinkClearance(DataFlowConfig.USER_CHANNEL,
                        LabelSyntax.parse("warden.data-flow.user-clearance", c.userClearance()));
        c.fieldLabels().forEach((field, labels) -> b.fieldLabels(field,
                LabelSyntax.parse("warden.data-flow.field-labels." + field, labels)));
        b.internalDomains(c.internalDomains().orElse(List.of()).toArray(String[]::new));
        b.valueScopedFields(c.valueScopedFields().orElse(List.of()).toArray(String[]::new));
        b.answerImages(LabelSyntax.option("warden.data-flow.answer-images.mode", c.answerImages().mode(),
                DataFlowConfig.AnswerImagePolicy.Mode.class),
                c.answerImages().allowedHosts().orElse(List.of()).toArray(String[]::new));
        c.sinkClearances().forEach((sink, labels) -> b.sinkClearance(sink,
                LabelSyntax.parse("warden.data-flow.sink-clearances." + sink, labels)));
        // the policy's declassify rules, looked up when asked (the engine is built from the planes, this one included)
        return new DataFlowPlane(b.build(), models(config, c), (req, ctx) -> policies.isResolvable()
                ? policies.get().declassifications(req, ctx) : java.util.List.of());
    }

    /**
     * The roles that may decide a data-flow hold: the configured ones, else {@link #DEFAULT_APPROVER_ROLE}. No role
     * would mean "anyone of the tenant but the requester", so an unset key must not leave a held transfer to any other
     * customer (decision 0079); the plane can always hold (an argument over a third party's clearance), hence the WARN.
     */
    static List<String> approverRoles(WardenConfig.DataFlow c) {
        List<String> roles = c.approverRoles().orElse(List.of()).stream().map(String::strip)
                .filter(r -> !r.isEmpty()).toList();
        if (!roles.isEmpty()) {
            return roles;
        }
        LOG.warnf("warden.data-flow.approver-roles is not set: data-flow holds can be decided only by users with the"
                + " role '%s'; map it from your identity provider or set the key (decision 0079)",
                DEFAULT_APPROVER_ROLE);
        return List.of(DEFAULT_APPROVER_ROLE);
    }

    static ModelClearances models(WardenConfig config, WardenConfig.DataFlow c) {
        ModelClearances.Builder m = ModelClearances.builder()
                .defaultClearance(LabelSyntax.parse("warden.data-flow.model-clearance", c.modelClearance()))
                .defaultMode(LabelSyntax.option("warden.data-flow.model-over-clearance", c.modelOverClearance(),
                        ModelClearances.Mode.class));
        config.models().forEach((name, model) -> {
            model.clearance().ifPresent(v -> m.clearance(name, LabelSyntax.parse("warden.models." + name
                    + ".clearance", v)));
            model.overClearance().ifPresent(v -> m.mode(name, LabelSyntax.option("warden.models." + name
                    + ".over-clearance", v, ModelClearances.Mode.class)));
        });
        return m.build();
    }

    /** Budgets counted in this process; a shared (PostgreSQL) store replaces it for several replicas. */
    @Produces
    @Singleton
    @DefaultBean
    BudgetStore budgetStore(Clock clock) {
        return new InMemoryBudgetStore(clock);
    }
}
