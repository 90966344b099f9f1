package dev.warden.dataflow.internal;

import dev.warden.core.Basis;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Egress: compares the flow (the context label joined with the labels of what is detected in the outgoing payload)
 * with the sink's clearance, on confidentiality and categories. Integrity is not an egress question; it is handled by
 * untrusted-content containment. Above clearance: deny, or redact the offending spans (see
 * {@link DataFlowConfig.EgressMode#REDACT}). Reasons name kinds and categories, never values.
 */
public final class EgressGuard {
    private final DataFlowConfig config;
    private final ContentLabeler labeler;
    private final Redactor redactor;
    private final String plane;

    public EgressGuard(String plane, DataFlowConfig config, ContentLabeler labeler) {
        this.plane = plane;
        this.config = config;
        this.labeler = labeler;
        this.redactor = new Redactor(config.redactionStyle(), config.tokenKey());
    }

    /** Whether a sink with {@code clearance} may receive {@code flow} (confidentiality and categories only). */
    public static boolean fits(Labels clearance, Labels flow) {
        return clearance.withIntegrity(Integrity.UNTRUSTED).dominates(flow);
    }

    /** The labels of an egress: {@code context} joined with what the detectors find in the payload. */
    public Labels flow(Labels context, String content, Map<String, Object> args) {
        Labels payload = content == null ? Labels.PUBLIC : scanned(content);
        for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(args)) {
            if (leaf.value() instanceof String s) {
                payload = payload.join(scanned(s));
            }
        }
        return context.join(payload);
    }

    /** Labels of what the detectors find in {@code text} and in its decoded twin when it has escapes. */
    private Labels scanned(String text) {
        ScanResult raw = config.detectors().scan(text);
        ScanResult decoded = labeler.decodedScan(text, raw);
        return decoded == null ? labeler.labelsOf(raw) : labeler.labelsOf(raw).join(labeler.labelsOf(decoded));
    }

    /**
     * Decides the egress of {@code content} and/or {@code args} to {@code sink}; {@code null} when within clearance.
     */
    public Decision check(String sink, Labels clearance, Labels context, String content, Map<String, Object> args) {
        if (admitsEverything(clearance)) {
            return null; // no flow can exceed it: the scans would decide nothing
        }
        return check(sink, clearance, context, content, args, new LinkedHashMap<>());
    }

    /**
     * A clearance that {@link #fits} every flow: the highest level and any category (integrity is not compared).
     * The answer channel's default ({@code RESTRICTED/*}) is one; the detectors need not run for such a sink, since
     * nothing they could find changes the outcome (decision 0058).
     */
    public static boolean admitsEverything(Labels clearance) {
        return clearance.level() == Confidentiality.RESTRICTED && clearance.categories().contains(Labels.ANY_CATEGORY);
    }

    /** {@link #check}, keeping each scan in {@code scans} (text → result) so a caller needs no second scan. */
    private Decision check(String sink, Labels clearance, Labels context, String content, Map<String, Object> args,
            Map<String, ScanResult> scans) {
        if (content != null) {
            scans.computeIfAbsent(content, config.detectors()::scan);
        }
        for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(args)) {
            if (leaf.value() instanceof String s) {
                scans.computeIfAbsent(s, config.detectors()::scan);
            }
        }
        Labels payload = Labels.PUBLIC;
        Set<String> kinds = new TreeSet<>();
        boolean incomplete = false;
        boolean escaped = false; // something above clearance is found once the text is decoded
        for (Map.Entry<String, ScanResult> e : scans.entrySet()) {
            ScanResult r = e.getValue();
            payload = payload.join(labeler.labelsOf(r));
            kinds.addAll(r.kinds());
            incomplete |= r.incomplete();
            ScanResult decoded = labeler.decodedScan(e.getKey(), r);
            if (decoded != null) {
                payload = payload.join(labeler.labelsOf(decoded));
                kinds.addAll(decoded.kinds());
                escaped |= !offending(decoded, clearance).isEmpty();
            }
        }
        Labels flow = context.join(payload);
        if (fits(clearance, flow)) {
            return null;
        }
        String detected = kinds.isEmpty() ? "" : "; detected: " + String.join(", ", kinds);
        if (incomplete && !fits(clearance, config.unscannedLabels())) {
            return deny(DataFlowCodes.EGRESS_UNSCANNABLE, "content for sink '" + sink
                    + "' could not be scanned (binary or too large) and the sink's clearance " + clearance
                    + " does not admit unscanned content");
        }
        if (config.egressMode() == DataFlowConfig.EgressMode.REDACT) {
            Decision redacted = redact(sink, clearance, content, args, scans);
            if (redacted != null) {
                return redacted;
            }
        }
        return deny(DataFlowCodes.EGRESS_ABOVE_CLEARANCE, "flow labelled " + describe(flow)
                + " exceeds the clearance " + describe(clearance) + " of sink '" + sink + "'" + detected
                + (escaped && config.egressMode() == DataFlowConfig.EgressMode.REDACT
                        ? " (some of it written with escapes, which redaction cannot mask)" : ""));
    }

    private Decision redact(String sink, Labels clearance, String content, Map<String, Object> args,
            Map<String, ScanResult> scans) {
        Set<String> masked = new TreeSet<>();
        String newContent = content == null ? null : redactText(content, scans.get(content), clearance, masked);
        Map<String, Object> newArgs = null;
        if (!args.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> mapped = (Map<String, Object>) ArgumentLeaves.mapStrings(args,
                    s -> redactText(s, scans.computeIfAbsent(s, config.detectors()::scan), clearance, masked));
            newArgs = mapped;
        }
        if (masked.isEmpty() || !cleanOnceDecoded(newContent, clearance)) {
            return null;
        }
        if (newArgs != null) {
            for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(newArgs)) {
                if (leaf.value() instanceof String s && !cleanOnceDecoded(s, clearance)) {
                    return null;
                }
            }
        }
        String reason = "redacted " + String.join(", ", masked) + " for sink '" + sink + "' (clearance "
                + describe(clearance) + "); values are not recorded";
        return new Decision.Transform(newArgs, newContent, null, reason,
                Basis.rule(plane, null, null, DataFlowCodes.RULE_REDACTION));
    }

    /**
     * Whether redacted text holds nothing above clearance once its escapes are decoded: a value written with escapes
     * has no span in the raw text to mask, so such a flow is refused rather than redacted.
     */
    private boolean cleanOnceDecoded(String text, Labels clearance) {
        ScanResult decoded = labeler.decodedScan(text);
        return decoded == null || offending(decoded, clearance).isEmpty();
    }

    private String redactText(String text, ScanResult scan, Labels clearance, Set<String> masked) {
        return redactor.redact(text, offending(scan, clearance), masked);
    }

    private List<Finding> offending(ScanResult scan, Labels clearance) {
        List<Finding> offending = new ArrayList<>();
        for (Finding f : scan.findings()) {
            if (!fits(clearance, config.labelsOfKind(f.kind().toUpperCase(Locale.ROOT)))) {
                offending.add(f);
            }
        }
        return offending;
    }

    /**
     * Screens one window of a streamed answer (decision 0035) exactly as {@link #check} judges content: within
     * clearance it passes; above it, the offending spans are redacted (redact mode) or the stream is refused.
     */
    public OutputScreen.Screening screen(String sink, Labels clearance, Labels context, String text) {
        return screen(sink, clearance, context, text, null);
    }

    /** {@link #screen}, with the streamed turn's memo for the detectors (decision 0054); {@code null}: none. */
    public OutputScreen.Screening screen(String sink, Labels clearance, Labels context, String text,
            ScreenMemo memo) {
        if (admitsEverything(clearance)) {
            return OutputScreen.Screening.pass();
        }
        Map<String, ScanResult> scans = new LinkedHashMap<>(2);
        scans.put(text, config.detectors().scan(text, memo));
        Decision d = check(sink, clearance, context, text, Map.of(), scans); // the window is scanned once
        if (d == null) {
            return OutputScreen.Screening.pass();
        }
        if (!(d instanceof Decision.Transform)) {
            return OutputScreen.Screening.refuse(d);
        }
        List<OutputScreen.Span> spans = new ArrayList<>();
        for (Finding f : offending(scans.get(text), clearance)) {
            spans.add(new OutputScreen.Span(f.offset(), f.length(), redactor.replacement(f.kind(), f.valueIn(text)),
                    f.kind()));
        }
        return OutputScreen.Screening.redact(spans);
    }

    private Decision deny(String code, String reason) {
        return Decision.deny(reason, code, Basis.rule(plane, null, null, DataFlowCodes.RULE_EGRESS));
    }

    public static String describe(Labels l) {
        return l.level() + (l.categories().isEmpty() ? "" : l.categories().toString().replace(" ", ""));
    }
}
