package dev.warden.delegation;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.FlowLabels;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.RootRequest;
import dev.warden.spi.FlowLabeller;
import dev.warden.spi.PolicyPlane;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Whether the person's root request may travel with one delegation (decision 0073). A local callee stays in this
 * process and always gets it. A remote peer gets it only when sending is on ({@code
 * warden.delegation.send-root-request}) and its text passes the same data-flow check the {@code DELEGATION} checkpoint
 * applies to the task, for that peer's clearance: labelled with {@link FlowLabels#of} and judged by every plane that
 * labels flows. A refusal, a rewrite or a fault withholds it; the callee then counts nothing as {@code user}.
 */
final class RootRequestRelease {
    /** Audit attribute: {@code attached}, {@code withheld}, {@code disabled} or absent when the run has none. */
    static final String ATTRIBUTE = "root_request";
    /** Audit attribute: SHA-256 of the root request's text (never the text). */
    static final String DIGEST_ATTRIBUTE = "root_request_sha256";

    private RootRequestRelease() {}

    /** The root request the callee of {@code caller} would get, or {@code null} when the caller has none of its own. */
    static RootRequest of(GovernanceContext caller) {
        RootRequest root = caller.task().request();
        return root != null && root.madeBy(caller.user()) ? root : null;
    }

    /** Whether {@code root} may go to {@code target}; {@code remote} is false for a callee in this process. */
    static boolean releases(Governor governor, GovernanceContext caller, RootRequest root, String target,
            boolean remote, boolean send) {
        if (!remote) {
            return true;
        }
        if (!send) {
            return false;
        }
        try {
            FlowLabels labels = FlowLabels.of(governor, caller, root.text(), null);
            CheckpointRequest probe = new CheckpointRequest(Checkpoint.DELEGATION, 0, null, null,
                    Map.of("agent", target, "task", root.text()), root.text(), labels.labels(), target, Map.of());
            for (PolicyPlane plane : governor.planes()) {
                if (plane instanceof FlowLabeller && plane.checkpoints().contains(Checkpoint.DELEGATION)
                        && !(plane.evaluate(probe, caller) instanceof Decision.Allow)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code attributes} with what became of the root request: its fate and its digest. */
    static Map<String, Object> audited(Map<String, Object> attributes, RootRequest root, String fate) {
        Map<String, Object> out = new HashMap<>(attributes);
        out.put(ATTRIBUTE, fate);
        out.put(DIGEST_ATTRIBUTE, sha256(root.text()));
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
