package dev.warden.samples.banking;

import dev.warden.action.BudgetStore;
import dev.warden.plane.rate.RatePlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Adds the rate plane (a plugin) to the assistant: a {@code PolicyPlane} bean is all Warden needs; its
 * {@code plane: rate} rules load with the other policies ({@code policies/banking-rates.yaml}). Counters live in the
 * same budget store as the action-boundary budgets: in memory by default, in PostgreSQL (shared by every replica) with
 * {@code warden.budgets.store=postgres}.
 */
public class RateLimits {

    @Produces
    @Singleton
    RatePlane rate(PolicyEngine engine, BudgetStore budgets, Clock clock) {
        return RatePlane.builder().engine(engine).budgetStore(budgets).clock(clock).build();
    }

    /** After the policies loaded (priority 10): an invalid {@code rate-limit} stops the start, with file and line. */
    void checkRules(@Observes @Priority(15) StartupEvent event, RatePlane rate) {
        List<PolicyProblem> problems = rate.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid rate rules: " + problems);
        }
    }
}
