package dev.warden.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One audit record per checkpoint: enough to answer, weeks later, <em>why did this agent do that, on whose behalf,
 * having seen what</em>.
 *
 * <p>{@code seq}, {@code prevHash} and {@code hash} are assigned by the sink's per-tenant {@link HashChain}:
 * {@code hash = SHA-256(prevHash ‖ canonical JSON of the record without hash)}. Arguments are stored only when
 * content capture is on (after any redaction); the digest is always stored, so a disputed argument can be checked
 * against the record without keeping it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionRecord(
        Long seq,
        String tenant,
        String prevHash,
        String hash,
        String time,
        String traceId,
        String spanId,
        String runId,
        int step,
        String checkpoint,
        String userId,
        String agentId,
        List<String> chain,
        String tool,
        String toolCallId,
        String argsDigest,
        Map<String, Object> args,
        String contentDigest,
        String outcome,
        String code,
        String reason,
        List<String> ruleIds,
        List<String> policies,
        List<PlaneEntry> planes,
        LabelsEntry labelsBefore,
        LabelsEntry labelsAfter,
        long latencyMicros) {

    /** One plane's decision as recorded. {@code mode} is ENFORCE or MONITOR (shadow). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlaneEntry(String plane, String decision, String mode, String policy, List<String> ruleIds,
            String code, String reason) {}

    /** Labels in a queryable shape. */
    public record LabelsEntry(String level, List<String> categories, String integrity) {}

    /** A copy carrying its place in the hash chain. */
    public DecisionRecord withChain(long sequence, String previous, String digest) {
        return new DecisionRecord(sequence, tenant, previous, digest, time, traceId, spanId, runId, step, checkpoint,
                userId, agentId, chain, tool, toolCallId, argsDigest, args, contentDigest, outcome, code, reason,
                ruleIds, policies, planes, labelsBefore, labelsAfter, latencyMicros);
    }
}
