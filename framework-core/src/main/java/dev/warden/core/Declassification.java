package dev.warden.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A requester's declassification of one exact egress: the labels a payload carries above a sink's clearance, lowered
 * to that clearance because the human on whose behalf the run acts saw the payload verbatim and confirmed it
 * (decision 0039). The one definition of what may be declassified, by whom, and how it is recorded.
 *
 * <ul>
 *   <li>Only a policy grant makes a flow declassifiable ({@link Grant}, from {@code decision: declassify} rules);
 *       without one an egress above clearance stays a refusal.</li>
 *   <li>Never: credentials, secrets, or content of unknown labels ({@link #NEVER}); nor a level above the grant's.</li>
 *   <li>Only when a human can answer: the run's principal carries {@link #REQUESTER} = {@link #ATTENDED}, which the
 *       runtime sets for a user's own run on the REST API and which a local delegation keeps (the supervisor's run
 *       relays the callee's question to that same user). MCP callers, AI services and remote (A2A) callees carry no
 *       such mark, so their declassifications are refused ({@link #NOBODY_TO_CONFIRM}).</li>
 *   <li>Bound to the arguments: the confirmation quotes the digest of the exact arguments, and only that stored call
 *       runs, exactly once (decision 0011); the audit records it as {@link #DECLASSIFIED}, naming who, the labels
 *       from and to, the rules and the digest.</li>
 * </ul>
 *
 * @param from the labels of what flows (above the sink's clearance)
 * @param to the sink's clearance the flow is lowered to
 * @param sink the tool (or sink) the payload leaves through
 * @param ruleIds the declassify rules that granted it
 */
public record Declassification(Labels from, Labels to, String sink, List<String> ruleIds) {
    /** The audit code of a call that ran because its requester declassified it. */
    public static final String DECLASSIFIED = "WARDEN-DCL-0720";
    /** A grant covers the flow, but nobody can confirm (no attended human requester): refused. */
    public static final String NOBODY_TO_CONFIRM = "WARDEN-DCL-0721";
    /** The flow carries labels that are never declassified (credentials, secrets, unknown labels): refused. */
    public static final String NEVER_DECLASSIFIABLE = "WARDEN-DCL-0722";
    /** A callee's pending declassification could not be answered through the caller's run. */
    public static final String RELAY_FAILED = "WARDEN-DCL-0723";
    /**
     * A call needs both a second person's approval and the requester's declassification, and the caller can ask only
     * one of them (an MCP gateway, a relay): refused, since neither answers for the other (decision 0040).
     */
    public static final String NOT_BOTH = "WARDEN-DCL-0724";
    /**
     * A grant covers the flow, but the run holds untrusted content: refused (decision 0040). The requester is shown the
     * text, not what an injected instruction may have hidden in it (a covert encoding a person cannot see).
     */
    public static final String UNTRUSTED_RUN = "WARDEN-DCL-0725";
    /** Rule id recorded when the runtime refuses a declassification a grant allowed. */
    public static final String RULE = "warden-declassification";

    /** Principal attribute naming how the requester can answer; only {@link #ATTENDED} admits declassification. */
    public static final String REQUESTER = "warden.requester";
    /** The requester is a human who answers confirmations (a user's own run on the REST API). */
    public static final String ATTENDED = "attended";
    /** Categories never declassified: credentials, secrets, and labels that stand for "unknown". */
    public static final Set<String> NEVER = Set.of("CREDENTIALS", "SECRET", "UNLABELLED", Labels.ANY_CATEGORY);

    public Declassification {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    /**
     * What a {@code decision: declassify} rule lets the requester lower.
     *
     * @param ruleId the rule
     * @param categories categories the requester may lower (never one of {@link #NEVER})
     * @param level the highest level the requester may lower
     * @param ttl how long the confirmation waits, {@code null} for the default
     * @param reason the rule's reason, shown to the requester
     */
    public record Grant(String ruleId, Set<String> categories, Confidentiality level, Duration ttl, String reason) {
        public Grant {
            Objects.requireNonNull(ruleId, "ruleId");
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            level = level == null ? Confidentiality.RESTRICTED : level;
        }
    }

    /** Whether {@code user} is a human who can answer a confirmation (see {@link #ATTENDED}). */
    public static boolean attended(Principal user) {
        return user != null && ATTENDED.equals(user.attributes().get(REQUESTER));
    }

    /** {@code user} marked as an attended requester (the runtime's entry points for humans call this). */
    public static Principal attend(Principal user) {
        Map<String, String> attrs = new java.util.LinkedHashMap<>(user.attributes());
        attrs.put(REQUESTER, ATTENDED);
        return new Principal(user.id(), user.tenant(), user.roles(), attrs);
    }

    /** {@code user} without the attended mark (a caller that cannot relay a question to the human). */
    public static Principal unattended(Principal user) {
        if (!user.attributes().containsKey(REQUESTER)) {
            return user;
        }
        Map<String, String> attrs = new java.util.LinkedHashMap<>(user.attributes());
        attrs.remove(REQUESTER);
        return new Principal(user.id(), user.tenant(), user.roles(), attrs);
    }

    /** The categories of {@code flow} a sink with {@code clearance} does not admit. */
    public static Set<String> excessCategories(Labels flow, Labels clearance) {
        Set<String> out = new TreeSet<>();
        if (clearance.hasCategory(Labels.ANY_CATEGORY)) {
            return out;
        }
        for (String c : flow.categories()) {
            if (!clearance.categories().contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether {@code flow} carries a category that is never declassified. */
    public static boolean never(Labels flow) {
        return flow.categories().stream().anyMatch(NEVER::contains);
    }

    /** Whether {@code grant} covers lowering {@code flow} to {@code clearance}. */
    public static boolean covers(Grant grant, Labels flow, Labels clearance) {
        return grant.level().atLeast(flow.level())
                && grant.categories().containsAll(excessCategories(flow, clearance));
    }

    /** One line for the requester and the audit: {@code RESTRICTED[PII] -> INTERNAL for 'publish'}. */
    public String describe() {
        return text(from) + " lowered to " + text(to) + " for '" + sink + "'";
    }

    private static String text(Labels l) {
        return l.level() + (l.categories().isEmpty() ? "" : l.categories().toString().replace(" ", ""));
    }
}
