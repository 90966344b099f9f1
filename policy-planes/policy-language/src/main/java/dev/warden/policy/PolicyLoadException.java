package dev.warden.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document (or a batch) was rejected whole; the previously active policies stay in force. */
public final class PolicyLoadException extends RuntimeException {
    private final List<PolicyProblem> problems;

    public PolicyLoadException(List<PolicyProblem> problems) {
        super(PolicyCodes.INVALID_DOCUMENT + " policy rejected:\n"
                + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order. */
    public List<PolicyProblem> problems() {
        return problems;
    }
}
