package dev.warden.core;

/**
 * Thrown where the runtime cannot report a refusal as a value (e.g. through a LangChain4j {@code AiServices} proxy).
 * Carries the verdict, so callers can map {@link Verdict#code()} to their error model.
 */
public final class PolicyDeniedException extends RuntimeException {
    private final transient Verdict verdict;

    public PolicyDeniedException(Verdict verdict) {
        super(verdict.checkpoint() + " refused" + (verdict.code() == null ? "" : " [" + verdict.code() + "]") + ": "
                + verdict.reason());
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
