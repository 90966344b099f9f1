package dev.warden.core;

import java.util.Objects;

/**
 * The person's own request behind a run and every delegation it makes (decision 0073): the words a human typed and who
 * typed them. A run a person starts carries its input as its root request ({@link TaskContext#request()}); a
 * delegation hands the caller's root request to the callee unchanged (across HTTP bound to the signed context token,
 * like the labels), so in a callee only values found in the root request count as the user's, and the task text
 * counts as what it is: the calling agent's model output.
 *
 * <pre>{@code
 * RootRequest r = new RootRequest("alice", "default", "Research solar power and publish a summary");
 * r.madeBy(context.user()); // true only for alice of tenant default
 * }</pre>
 *
 * @param requester id of the principal who typed it
 * @param tenant that principal's tenant
 * @param text what they typed, exactly
 */
public record RootRequest(String requester, String tenant, String text) {
    public RootRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(text, "text");
        tenant = tenant == null || tenant.isBlank() ? Principal.DEFAULT_TENANT : tenant;
    }

    /** The request {@code user} typed. */
    public static RootRequest of(Principal user, String text) {
        return new RootRequest(user.id(), user.tenant(), text);
    }

    /** Whether {@code user} (same id and tenant) is who typed it: a root request of anyone else counts for nothing. */
    public boolean madeBy(Principal user) {
        return user != null && requester.equals(user.id()) && tenant.equals(user.tenant());
    }

    /**
     * The words of the person on whose behalf {@code context}'s run acts, for a run a delegation started: its root
     * request when the run's principal typed it, otherwise {@code null} (fail closed: nothing counts as the user's).
     */
    public static String textFor(GovernanceContext context) {
        RootRequest r = context.task().request();
        return r != null && r.madeBy(context.user()) ? r.text() : null;
    }
}
