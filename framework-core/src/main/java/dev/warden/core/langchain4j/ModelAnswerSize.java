package dev.warden.core.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/**
 * The size of a model's answer as the planes would scan it: its text, its thinking, and each tool call's id, name and
 * arguments, in chars. Counting stops once past the bound, so a huge answer costs no more than the bound to measure.
 */
public final class ModelAnswerSize {
    /** Default bound (1 MiB of chars): well above what any model writes in one answer (128k tokens ~ 512k chars). */
    public static final int DEFAULT_MAX_CHARS = 1024 * 1024;

    private ModelAnswerSize() {}

    /** Whether {@code ai} is larger than {@code maxChars}. */
    public static boolean exceeds(AiMessage ai, int maxChars) {
        return ai != null && chars(ai, maxChars) > maxChars;
    }

    /** The answer's chars, or a value past {@code maxChars} as soon as it is known to be larger. */
    public static long chars(AiMessage ai, int maxChars) {
        long n = length(ai.text()) + length(ai.thinking());
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                if (n > maxChars) {
                    break;
                }
                n += length(call.id()) + length(call.name()) + length(call.arguments());
            }
        }
        return n;
    }

    /** The reason recorded for a refused answer: its measured size (or a lower bound) and the bound. */
    public static String reason(long chars, int maxChars) {
        return "the model's answer has " + (chars > maxChars ? "more than " + maxChars : String.valueOf(chars))
                + " chars, more than this agent's bound of " + maxChars + " (warden.limits.max-model-answer-chars)";
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
