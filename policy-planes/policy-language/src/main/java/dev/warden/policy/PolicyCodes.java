package dev.warden.policy;

/**
 * Stable codes of the policy language. A code never changes meaning once released; a new situation gets a new code.
 */
public final class PolicyCodes {
    private PolicyCodes() {}

    /** A {@code deny} rule matched and declared no code of its own. */
    public static final String RULE_DENY = "WARDEN-POL-0001";
    /** A rule condition or transform expression failed at evaluation time (e.g. missing key): fail closed. */
    public static final String EVALUATION_ERROR = "WARDEN-POL-0002";
    /** A policy document was rejected at load (syntax, schema, type or reference error). */
    public static final String INVALID_DOCUMENT = "WARDEN-POL-0003";
    /** A rule refers to a tool the application does not know (boot-time check). */
    public static final String UNKNOWN_TOOL = "WARDEN-POL-0004";
    /**
     * A rule reads {@code args.X} and X is not a parameter of a tool the rule applies to, so the rule could never
     * apply as written (boot-time check).
     */
    public static final String UNKNOWN_ARGUMENT = "WARDEN-POL-0200";
    /**
     * A rule names a data set ({@code dataset.contains("x", ...)}) the engine does not know, or not by a string literal
     * (load-time check).
     */
    public static final String UNKNOWN_DATA_SET = "WARDEN-POL-0460";
    /**
     * A rule uses {@code args.X} as a type the tool's parameter X does not have (a number compared with a text
     * parameter, a text function over a number), so the rule could never apply or would fail every call (boot-time
     * check).
     */
    public static final String ARGUMENT_TYPE = "WARDEN-POL-0461";
    /** The request or context could not be mapped for evaluation (malformed input): fail closed. */
    public static final String MALFORMED_INPUT = "WARDEN-POL-0005";
    /** A policy reload was accepted and is active (audit trail, checkpoint {@code POLICY_RELOAD}). */
    public static final String RELOAD_ACCEPTED = "WARDEN-POL-0100";
    /**
     * A policy reload was rejected (unparsable, unreadable, empty or deleted file, or it would unload a set or drop
     * rules without saying so); the previous version keeps serving.
     */
    public static final String RELOAD_REJECTED = "WARDEN-POL-0101";
    /** An accepted reload unloaded sets or rules on purpose (a removal document or {@code removedRules}). */
    public static final String RELOAD_REMOVED = "WARDEN-POL-0102";
    /**
     * A policy document on the application's classpath (a {@code classpath:} entry of {@code warden.policy.locations}
     * at build time) does not parse or type-check: the build fails, naming file, line and rule.
     */
    public static final String BUILD_CHECK_FAILED = "WARDEN-POL-0500";
    /**
     * A SQL text is beyond the analysis bound ({@link dev.warden.policy.sql.SqlParseBudget}): its lineage cannot be
     * known, so a tool that labels its result by lineage refuses to run it (fail closed); {@code sql.kind} of it is
     * {@code UNKNOWN}.
     */
    public static final String SQL_TOO_COMPLEX = "WARDEN-POL-0740";
    /** A {@code classpath:} entry of {@code warden.policy.locations} names no resource at build time: the build fails. */
    public static final String BUILD_RESOURCE_MISSING = "WARDEN-POL-0501";
}
