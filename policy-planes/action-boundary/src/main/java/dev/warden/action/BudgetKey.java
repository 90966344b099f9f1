package dev.warden.action;

import java.util.Objects;

/**
 * One counter of a {@link BudgetStore}: budget name, subject (run id, {@code tenant/user} or agent id) and the start
 * of the window in epoch milliseconds ({@code 0} for per-run budgets).
 */
public record BudgetKey(String budget, String subject, long windowStart) {
    public BudgetKey {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(subject, "subject");
    }
}
