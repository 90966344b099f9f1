package dev.warden.action;

/** The budget store could not answer (full, unreachable…). The plane denies with {@link ActionCodes#BUDGET_STORE_UNAVAILABLE}. */
public final class BudgetStoreException extends RuntimeException {
    public BudgetStoreException(String message) {
        super(message);
    }

    public BudgetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
