package dev.warden.core;

/**
 * How much the model is told when a policy refuses one of its tool calls or withholds a result. The audit record keeps
 * the full detail (rule ids, reason, code) either way; this only shapes the message the model reads.
 *
 * <p>{@link #DETAILED} helps an honest model recover ("money may only go to an IBAN from the user's own request");
 * it also teaches an injected or adversarial model which rule to satisfy next. {@link #MINIMAL} tells it only that a
 * policy refused and the stable code.
 */
public enum RefusalFeedback {
    /** Rule reason and code: {@code Tool call refused by policy [BANK-ACT-0001]: money may only go to …}. */
    DETAILED,
    /** Only the code: {@code Tool call refused by policy [BANK-ACT-0001].} */
    MINIMAL;

    /** The message the model reads for a refused tool call. */
    public String toolCallRefused(String code, String reason) {
        String c = code == null ? "" : " [" + code + "]";
        return this == MINIMAL
                ? "Tool call refused by policy" + c + ". The call was not executed; do not retry it unchanged."
                : "Tool call refused by policy" + c + ": " + reason + ". The call was not executed; do not retry it"
                        + " unchanged.";
    }

    /** The message the model reads in place of a withheld tool result. */
    public String resultWithheld(String code, String reason) {
        String c = code == null ? "" : " [" + code + "]";
        return this == MINIMAL ? "Tool result withheld by policy" + c + "." : "Tool result withheld by policy" + c
                + ": " + reason;
    }
}
