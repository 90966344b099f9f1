package dev.warden.action;

/** Whose consumption a {@link Budget} counts. */
public enum BudgetScope {
    /** One counter per run ({@code task.runId}); kept for the budget's window after first use. */
    RUN,
    /** One counter per user ({@code tenant/userId}) per window. */
    USER,
    /** One counter per agent id per window. */
    AGENT
}
