package dev.warden.policy;

/**
 * One thing wrong with a policy document: where and what.
 *
 * @param source file, resource or URL of the document
 * @param line 1-based line, or 0 when unknown
 * @param ruleId id of the rule concerned, or {@code null} for document-level problems
 * @param message what is wrong, in words a policy author can act on
 */
public record PolicyProblem(String source, int line, String ruleId, String message) {

    /** {@code file:line: rule id: message}, the format editors and CI annotate. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + (ruleId == null ? "" : "rule " + ruleId + ": ") + message;
    }
}
