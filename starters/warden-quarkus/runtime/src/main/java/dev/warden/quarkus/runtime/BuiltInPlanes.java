package dev.warden.quarkus.runtime;

import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.BudgetStore;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.identity.IdentityPlane;
import dev.warden.policy.PolicyEngine;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The built-in planes as beans, each evaluating its plane's rules from the shared {@link PolicyEngine}. Each can be
 * left out at build time ({@code warden.planes.<name>.enabled=false}) and replaced by a plug-in bean.
 */
public class BuiltInPlanes {

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

    /** Budgets counted in this process; a shared (PostgreSQL) store replaces it for several replicas. */
    @Produces
    @Singleton
    @DefaultBean
    BudgetStore budgetStore(Clock clock) {
        return new InMemoryBudgetStore(clock);
    }
}
