package dev.warden.action;

/** What a {@link Budget} counts. */
public enum Meter {
    /** Tool calls, reserved at {@code TOOL_CALL}. */
    TOOL_CALLS,
    /** Model calls, reserved at {@code MODEL_REQUEST}. */
    MODEL_CALLS,
    /**
     * Model tokens (input + output). Tokens are known only after a call: a {@code MODEL_REQUEST} is refused once the
     * budget is spent, and the tokens of each call are charged at {@code MODEL_RESPONSE}, where a response that
     * pushes the total over the limit is refused too (the run stops).
     */
    TOKENS,
    /** Money moved: the value of an argument (e.g. {@code args.amount}) of matching tools, at {@code TOOL_CALL}. */
    AMOUNT
}
