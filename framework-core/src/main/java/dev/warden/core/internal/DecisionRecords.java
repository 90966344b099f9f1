package dev.warden.core.internal;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.PlaneDecision;
import dev.warden.core.SecretArguments;
import dev.warden.core.Verdict;
import dev.warden.core.audit.AuditRedaction;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the audit record of a checkpoint. */
public final class DecisionRecords {
    private DecisionRecords() {}

    public static DecisionRecord of(CheckpointRequest original, GovernanceContext ctx, Verdict verdict, Instant time,
            String traceId, String spanId, boolean captureContent) {
        return of(original, ctx, verdict, time, traceId, spanId, captureContent, AuditRedaction.NONE);
    }

    /**
     * @param redaction labels whose values enter the record only as salted digests: a call's arguments carry at most
     *     what the run had seen, so they are judged by the context label; the withheld-part markers of a model request
     *     name labels, never values, and are kept
     */
    public static DecisionRecord of(CheckpointRequest original, GovernanceContext ctx, Verdict verdict, Instant time,
            String traceId, String spanId, boolean captureContent, AuditRedaction redaction) {
        CheckpointRequest eff = verdict.effectiveRequest() == null ? original : verdict.effectiveRequest();
        List<String> chain = new ArrayList<>(ctx.chain().size());
        for (Hop h : ctx.chain()) {
            chain.add(h.agentId());
        }
        List<DecisionRecord.PlaneEntry> planes = new ArrayList<>(verdict.decisions().size());
        for (PlaneDecision pd : verdict.decisions()) {
            planes.add(entry(pd));
        }
        Labels after = labelsAfter(ctx, verdict, eff);
        // Secret arguments, and every argument of a run whose labels the deployment keeps out of the trail, enter the
        // record (and so the hash chain) only as salted digests.
        boolean labelled = original.checkpoint() != Checkpoint.MODEL_REQUEST && redaction.covers(ctx.labels());
        Map<String, Object> recordedArgs = labelled ? SecretArguments.digestAll(original.arguments())
                : SecretArguments.digest(original.tool(), original.arguments());
        Map<String, Object> capturedArgs = !captureContent || eff.arguments().isEmpty() ? null
                : eff.arguments() == original.arguments() ? recordedArgs
                : labelled ? SecretArguments.digestAll(eff.arguments())
                : SecretArguments.digest(eff.tool(), eff.arguments());
        return new DecisionRecord(null, ctx.tenant(), null, null, time.toString(), traceId, spanId, ctx.runId(),
                original.step(), original.checkpoint().name(), ctx.user().id(), ctx.agent().id(), chain,
                subject(original), original.toolCallId(), CanonicalJson.digest(recordedArgs),
                capturedArgs,
                eff.content() == null ? null : CanonicalJson.sha256Hex(eff.content()),
                verdict.outcome().name(), verdict.code(), verdict.reason(), verdict.ruleIds(), verdict.policies(),
                planes, labels(ctx.labels()), labels(after), verdict.latencyNanos() / 1000);
    }

    /**
     * The record's {@code tool}: the tool called, or for a {@code DELEGATION} the callee agent (the checkpoint's
     * target), so that who was delegated to is on the record even when arguments are not captured (decision 0049).
     */
    static String subject(CheckpointRequest req) {
        return req.tool() == null && req.checkpoint() == Checkpoint.DELEGATION ? req.target() : req.toolName();
    }

    /** The context label after this checkpoint: raised by content that enters the model context and was let in. */
    public static Labels labelsAfter(GovernanceContext ctx, Verdict verdict, CheckpointRequest effective) {
        if (!verdict.proceeds() || !entersContext(verdict.checkpoint())) {
            return ctx.labels();
        }
        return ctx.labels().join(effective.contentLabels());
    }

    public static boolean entersContext(Checkpoint cp) {
        return cp == Checkpoint.TOOL_RESULT || cp == Checkpoint.RETRIEVAL || cp == Checkpoint.DELEGATION_RESULT
                || cp == Checkpoint.MODEL_REQUEST;
    }

    private static DecisionRecord.PlaneEntry entry(PlaneDecision pd) {
        Decision d = pd.decision();
        Basis b = d.basis();
        String policy = b.policySet() == null ? null
                : b.policyVersion() == null ? b.policySet() : b.policySet() + "@" + b.policyVersion();
        return new DecisionRecord.PlaneEntry(pd.plane(), d.kind(), b.mode().name(), policy,
                b.ruleIds().isEmpty() ? null : b.ruleIds(), d.code(), d.reason());
    }

    public static DecisionRecord.LabelsEntry labels(Labels l) {
        return new DecisionRecord.LabelsEntry(l.level().name(), List.copyOf(l.categories()), l.integrity().name());
    }
}
