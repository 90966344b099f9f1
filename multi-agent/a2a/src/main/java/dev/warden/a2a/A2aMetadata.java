package dev.warden.a2a;

import dev.warden.core.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys Warden adds to A2A {@code metadata} maps, and the extension that carries Warden's signed context token.
 *
 * <p><b>Context extension</b> ({@value #CONTEXT_EXTENSION}): a Warden caller puts its signed context token
 * ({@code typ warden-context+jwt}, decision 0006/0008) under {@value #CONTEXT_TOKEN} in the message metadata, lists the
 * extension in the message's {@code extensions} and in the {@code X-A2A-Extensions} header. The token is bound to the
 * message text ({@code task_digest}) and the callee agent ({@code aud}), single use; a Warden A2A server verifies it
 * and runs with the original user, actor chain and labels it states. Without it, the caller is exactly what its A2A
 * authentication (bearer JWT) proves.
 *
 * <p><b>Results</b>: a Warden A2A server states on the final status message and the artifact what stopped a run
 * ({@value #CODE}), the run id ({@value #RUN_ID}), a pending approval ({@value #APPROVAL_ID}) and what the output
 * holds ({@value #LABELS}, {@code {"level","categories","integrity"}}). A Warden caller believes {@value #LABELS} only
 * from a peer inside its trust domain.
 */
public final class A2aMetadata {
    private A2aMetadata() {}

    /** URI of Warden's A2A extension that carries the signed context token. */
    public static final String CONTEXT_EXTENSION = "https://warden.dev/a2a/ext/context/v1";
    /** Message metadata key of the signed context token (compact JWS). */
    public static final String CONTEXT_TOKEN = "warden.dev/context";
    /**
     * Message metadata key of the person's root request a Warden peer's delegation carries (decision 0073): a string,
     * bound with the message text to the context token's {@code task_digest}. Only values in it count as the user's in
     * the callee; absent, nothing does.
     */
    public static final String ROOT_REQUEST = "warden.dev/request";
    /** Stable Warden code of what stopped or refused a run. */
    public static final String CODE = "warden.dev/code";
    /** Human-readable reason that goes with {@link #CODE}. */
    public static final String REASON = "warden.dev/reason";
    /** The Warden run id behind an A2A task. */
    public static final String RUN_ID = "warden.dev/run-id";
    /** The approval (or confirmation) id a task in {@code input-required} waits for. */
    public static final String APPROVAL_ID = "warden.dev/approval-id";
    /** Labels of what the output holds. */
    public static final String LABELS = "warden.dev/labels";

    /** Labels as metadata: {@code {"level":"CONFIDENTIAL","categories":["PII"],"integrity":"TRUSTED"}}. */
    public static Map<String, Object> labels(Labels l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", l.level().name());
        m.put("categories", List.copyOf(l.categories()));
        m.put("integrity", l.integrity().name());
        return m;
    }

    /** Reads {@link #labels(Labels)}; {@code null} when absent or malformed (callers fail closed on {@code null}). */
    public static Labels readLabels(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        try {
            List<String> cats = m.get("categories") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of();
            return new Labels(dev.warden.core.Confidentiality.valueOf(String.valueOf(m.get("level"))),
                    new java.util.TreeSet<>(cats), dev.warden.core.Integrity.valueOf(String.valueOf(m.get("integrity"))));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
