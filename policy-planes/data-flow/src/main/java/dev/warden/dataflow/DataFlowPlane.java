package dev.warden.dataflow;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.FlowLabels;
import dev.warden.core.Integrity;
import dev.warden.core.LabelledValue;
import dev.warden.core.Labels;
import dev.warden.core.ToolDescriptor;
import dev.warden.dataflow.internal.AnswerImages;
import dev.warden.dataflow.internal.ArgumentLeaves;
import dev.warden.dataflow.internal.ArgumentProvenance;
import dev.warden.dataflow.internal.ArgumentSinks;
import dev.warden.dataflow.internal.ContentLabeler;
import dev.warden.dataflow.internal.Declassifier;
import dev.warden.dataflow.internal.EgressGuard;
import dev.warden.dataflow.internal.FieldPlacements;
import dev.warden.dataflow.internal.ModelSinkGuard;
import dev.warden.dataflow.internal.ProvenanceOrigins;
import dev.warden.dataflow.internal.RunLedger;
import dev.warden.dataflow.internal.ScopedFields;
import dev.warden.dataflow.internal.ValueScopes;
import dev.warden.spi.DeclassificationPolicy;
import dev.warden.spi.FlowLabeller;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.ScreenMemo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The data-flow plane: labels that follow content, egress rules with redaction, untrusted-content containment and
 * argument provenance.
 *
 * <ul>
 *   <li><b>{@code TOOL_RESULT}, {@code RETRIEVAL}, {@code DELEGATION_RESULT}</b>: the content's labels become the join
 *       of the labels it arrived with (the tool's source labels), the labels of configured JSON fields it contains and
 *       the labels of detector findings; a rise is returned as a {@link Decision.Transform} carrying the labels, so the
 *       agent loop raises the run's context label. The content and its integrity are recorded in the run's ledger.</li>
 *   <li><b>{@code TOOL_CALL}</b>, in this order: argument provenance ({@link DataFlowCodes#PROVENANCE_UNTRUSTED},
 *       {@link DataFlowCodes#PROVENANCE_UNKNOWN}), untrusted-content containment
 *       ({@link DataFlowCodes#UNTRUSTED_HIGH_RISK} or approval), egress to the tool's sink clearance.</li>
 *   <li><b>{@code DELEGATION}</b> and <b>{@code AGENT_OUTPUT}</b>: egress to the named sink's configured clearance
 *       (the answer's sink is {@code "user"}); a streamed answer is screened the same way piece by piece
 *       ({@link OutputScreen}, decision 0035). An answer's auto-loading images to hosts that are not allowed are
 *       replaced by a marker first ({@link DataFlowConfig.AnswerImagePolicy}, decision 0051).</li>
 *   <li><b>{@code MODEL_REQUEST}</b>: the model is a sink; each part the request carries is compared with the model's
 *       clearance ({@link ModelClearances}) and withheld or refused above it
 *       ({@link DataFlowCodes#MODEL_ABOVE_CLEARANCE}, {@link DataFlowCodes#MODEL_INPUT_UNLABELLED}).</li>
 * </ul>
 *
 * <p>A tool is high-risk when one of its effects is in {@link DataFlowConfig#highRiskEffects()} or when it declared no
 * governance metadata. Pure CPU, non-blocking and thread-safe; the ledger is the only shared state and is bounded.
 *
 * <pre>{@code
 * Governor governor = Governor.builder()
 *         .plane(new DataFlowPlane(DataFlowConfig.builder()
 *                 .fieldLabels("ssn", Labels.of(Confidentiality.RESTRICTED, "PII"))
 *                 .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN)
 *                 .build()))
 *         .build();
 * }</pre>
 */
public final class DataFlowPlane implements PolicyPlane, FlowLabeller, OutputScreen {
    public static final String NAME = "data-flow";
    public static final int PRIORITY = 300;
    private static final Set<Checkpoint> CHECKPOINTS = Collections.unmodifiableSet(EnumSet.of(Checkpoint.TOOL_RESULT,
            Checkpoint.RETRIEVAL, Checkpoint.DELEGATION_RESULT, Checkpoint.TOOL_CALL, Checkpoint.DELEGATION,
            Checkpoint.AGENT_OUTPUT, Checkpoint.MODEL_REQUEST));

    private final DataFlowConfig config;
    private final ContentLabeler labeler;
    private final EgressGuard egress;
    private final RunLedger ledger;
    private final ArgumentProvenance provenance;
    private final ArgumentSinks argumentSinks;
    private final ModelSinkGuard modelSink;
    private final ValueScopes scopes;
    private final Declassifier declassifier;
    /** {@code null} when answer images are left alone ({@link DataFlowConfig.AnswerImagePolicy.Mode#OFF}). */
    private final AnswerImages images;

    /** A plane with {@link ModelClearances#defaults()}: RESTRICTED content is never sent to a model. */
    public DataFlowPlane(DataFlowConfig config) {
        this(config, ModelClearances.defaults());
    }

    /** A plane with the given model clearances (the model as a sink at {@code MODEL_REQUEST}). */
    public DataFlowPlane(DataFlowConfig config, ModelClearances models) {
        this(config, models, DeclassificationPolicy.NONE);
    }

    /**
     * A plane that lets the requester declassify an egress above a sink's clearance where {@code declassification}
     * grants it (decision 0039; the policy language's {@code decision: declassify} rules).
     */
    public DataFlowPlane(DataFlowConfig config, ModelClearances models, DeclassificationPolicy declassification) {
        this.declassifier = new Declassifier(NAME, declassification);
        this.config = Objects.requireNonNull(config, "config");
        this.labeler = new ContentLabeler(config);
        this.egress = new EgressGuard(NAME, config, labeler);
        this.ledger = new RunLedger(config.ledger(), config.clock());
        this.provenance = new ArgumentProvenance(config, ledger);
        this.argumentSinks = new ArgumentSinks(NAME, config, labeler, ledger);
        this.modelSink = new ModelSinkGuard(NAME, Objects.requireNonNull(models, "models"));
        this.scopes = new ValueScopes(config.ledger(), config.clock());
        this.images = config.answerImages().mode() == DataFlowConfig.AnswerImagePolicy.Mode.OFF ? null
                : new AnswerImages(config.answerImages().allowedHosts());
    }

    /** A plane with the default configuration. */
    public DataFlowPlane() {
        this(DataFlowConfig.builder().build());
    }

    public DataFlowConfig config() {
        return config;
    }

    /** Labels {@code content} as this plane would at {@code TOOL_RESULT}, without recording it. */
    public Labels labelsOf(String content, Labels arrivedWith) {
        return labeler.label(content, arrivedWith).labels();
    }

    /** Number of runs the provenance ledger currently remembers (bounded by the configuration). */
    public int ledgerSize() {
        return ledger.size();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return CHECKPOINTS;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Duration timeBudget() {
        return config.timeBudget();
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        return switch (request.checkpoint()) {
            case TOOL_RESULT, RETRIEVAL, DELEGATION_RESULT -> labelContent(request, context);
            case TOOL_CALL -> toolCall(request, context);
            case DELEGATION -> request.target() == null || request.target().isBlank()
                    ? malformed("delegation without a target agent")
                    : orAllow(egress.check(request.target(), config.clearanceOf(request.target()),
                            flowing(request, context), request.content(), request.arguments()));
            case AGENT_OUTPUT -> answer(request, context);
            case MODEL_REQUEST -> modelSink.check(request, context.labels());
            default -> Decision.allow(NAME);
        };
    }

    /**
     * The answer: its auto-loading images to hosts not allowed replaced by a marker (decision 0051), then egress to
     * the answer's sink on what is left. A removal is a {@link Decision.Transform} (audited as a redaction, rule
     * {@link DataFlowCodes#RULE_ANSWER_IMAGES}); a refusal by egress still wins.
     */
    private Decision answer(CheckpointRequest request, GovernanceContext context) {
        String content = request.content() == null ? "" : request.content();
        List<AnswerImages.Removal> removed = images == null ? List.of() : images.find(content);
        String text = AnswerImages.apply(content, removed);
        Decision d = egress.check(sinkOf(request), config.clearanceOf(sinkOf(request)), flowing(request, context),
                text, request.arguments());
        if (removed.isEmpty() || d instanceof Decision.Deny) {
            return orAllow(d);
        }
        // hosts are not recorded: an injected URL can carry the secret in its host name
        String reason = "removed " + removed.size() + " auto-loading image(s) to hosts not allowed";
        if (d instanceof Decision.Transform t) {
            return new Decision.Transform(t.arguments(), t.content(), t.labels(), t.reason() + "; " + reason,
                    Basis.rule(NAME, null, null, DataFlowCodes.RULE_REDACTION, DataFlowCodes.RULE_ANSWER_IMAGES));
        }
        return new Decision.Transform(null, text, null, reason,
                Basis.rule(NAME, null, null, DataFlowCodes.RULE_ANSWER_IMAGES));
    }

    /**
     * Long values the detectors recognise only once complete (JWTs, {@code sk-} keys, PEM blocks) and images whose URL
     * may not be complete yet, still open.
     */
    @Override
    public int openValueStart(CharSequence text) {
        int value = dev.warden.dataflow.internal.OpenValues.start(text);
        int image = images == null ? -1 : images.openStart(text);
        return value < 0 ? image : image < 0 ? value : Math.min(value, image);
    }

    /**
     * A window of a streamed answer, judged as {@code AGENT_OUTPUT} judges the whole: egress to the answer's sink, the
     * offending values redacted (redact mode) or the stream refused (decision 0035); images to hosts not allowed
     * replaced by their marker (decision 0051).
     */
    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context) {
        return screen(window, context, null);
    }

    /** As the two-argument form; the detectors keep what they parsed in the turn's memo (decision 0054). */
    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context, ScreenMemo memo) {
        String sink = sinkOf(window);
        String text = window.content() == null ? "" : window.content();
        Screening s = egress.screen(sink, config.clearanceOf(sink), flowing(window, context), text, memo);
        List<AnswerImages.Removal> removed = images == null || s.refusal() != null ? List.of() : images.find(text);
        if (removed.isEmpty()) {
            return s;
        }
        List<OutputScreen.Span> spans = new ArrayList<>(s.spans());
        for (AnswerImages.Removal r : removed) {
            spans.add(new OutputScreen.Span(r.offset(), r.length(), r.replacement(), AnswerImages.KIND));
        }
        return Screening.redact(spans);
    }

    /** Held text: the detectors parse the values in it that are already complete (decision 0054). */
    @Override
    public void prepare(CheckpointRequest text, GovernanceContext context, ScreenMemo memo) {
        if (!EgressGuard.admitsEverything(config.clearanceOf(sinkOf(text)))) { // else the screen does not scan
            config.detectors().prepare(text.content(), memo);
        }
    }

    private Decision labelContent(CheckpointRequest request, GovernanceContext context) {
        ContentLabeler.Labelled l = labeler.label(request.content(), request.contentLabels());
        String source = request.toolName() != null ? request.toolName()
                : request.target() != null ? request.target() : request.checkpoint().targetType();
        Map<String, Labels> toolFields = request.attributes().get(CheckpointAttributes.FIELD_LABELS)
                instanceof Map<?, ?> m ? fieldLabels(m) : Map.of();
        ScopedFields.Split split = toolFields.isEmpty() && config.valueScopedFields().isEmpty() ? null
                : ScopedFields.split(request.content(), baseLabels(request), toolFields, config, labeler);
        if (split != null && toolFields.values().stream().anyMatch(Labels::isUntrusted)) {
            // field by field: a record's own e-mail field stays trusted, an address in its outside-written company
            // field does not
            // (each part carries the whole result's level and categories: shown to approvers, never understated)
            ledger.record(context.runId(), source, l.labels().withIntegrity(Integrity.TRUSTED), split.trustedText(),
                    labeler.label(split.trustedText(), Labels.PUBLIC).values());
            ledger.record(context.runId(), source, l.labels().withIntegrity(Integrity.UNTRUSTED),
                    split.untrustedText(), labeler.label(split.untrustedText(), Labels.PUBLIC).values());
        } else {
            ledger.record(context.runId(), source, l.labels(), l.seenText(request.content()), l.values());
        }
        List<LabelledValue> carried = carriedValues(request);
        if (!carried.isEmpty()) {
            recordCarried(request, context, l.labels(), carried);
        } else if (!config.valueScopedFields().isEmpty()) {
            scopes.record(context.runId(), context.labels(), l.labels(),
                    split == null || split.scoped().isEmpty() ? l.labels() : split.residual(),
                    split == null ? Map.of() : split.scoped(), split == null ? List.of() : split.plainValues());
        }
        if (l.labels().equals(request.contentLabels()) && toolFields.isEmpty()) {
            return Decision.allow(Basis.rule(NAME, null, null, DataFlowCodes.RULE_CONTENT_LABELS));
        }
        String reason = "content labelled " + l.labels() + (l.kinds().isEmpty() ? "" : "; detected: "
                + String.join(", ", l.kinds())) + (l.fields().isEmpty() ? "" : "; fields: "
                + String.join(", ", l.fields())) + (l.scan().incomplete() ? "; not fully scanned" : "");
        // where the findings lie, so a model may be sent the result with only its over-clearance fields withheld
        return new Decision.Transform(null, null, l.labels(), reason,
                Basis.rule(NAME, null, null, DataFlowCodes.RULE_CONTENT_LABELS),
                toolFields.isEmpty() && l.fields().isEmpty() ? null
                        : FieldPlacements.of(request.content(), l, toolFields, config, labeler));
    }

    /**
     * A result that arrives with values whose labels are bound to them (a callee's answer, decision 0029): the
     * values stay value-scoped in this run, the rest is labelled by the declared base and what the detectors find in
     * it with the values taken out.
     */
    private void recordCarried(CheckpointRequest request, GovernanceContext context, Labels full,
            List<LabelledValue> carried) {
        String rest = request.content() == null ? "" : request.content();
        Map<String, Map.Entry<String, Labels>> scoped = new java.util.LinkedHashMap<>();
        int i = 0;
        for (LabelledValue v : carried) {
            rest = rest.replace(v.value(), " ");
            // the callee's labels for the value, joined with what this plane's own detectors find in it: a callee
            // (a remote one chooses its labels freely) can add labels to a value, never take this plane's away
            Labels own = labeler.label(v.value(), Labels.PUBLIC).labels()
                    .join(labeler.labelsOf(config.detectors().scan(v.value())));
            scoped.put("[" + i++ + "].delegated", Map.entry(v.value(), v.labels().join(own)));
        }
        // a structured answer field by field, as a tool result: the value-scoped fields (their values taken out) do
        // not label the rest, other configured fields do; detectors run over what is left
        ScopedFields.Split split = ScopedFields.split(rest, baseLabels(request), Map.of(), config, labeler);
        Labels residual = (split != null ? split.residual() : baseLabels(request).join(
                labeler.label(rest, Labels.PUBLIC).labels())).join(labeler.labelsOf(config.detectors().scan(rest)));
        scopes.record(context.runId(), context.labels(), full, residual, scoped, List.of(rest));
    }

    private static List<LabelledValue> carriedValues(CheckpointRequest request) {
        if (!(request.attributes().get(CheckpointAttributes.VALUE_LABELS) instanceof List<?> list)) {
            return List.of();
        }
        List<LabelledValue> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof LabelledValue v && !v.value().isBlank()) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The labels of {@code content} as it would leave the run: value-scoped where this plane recorded values for the
     * run, the whole context label otherwise ({@link ValueScopes#flow}).
     */
    @Override
    public FlowLabels flowOf(GovernanceContext context, String content, String userInput) {
        return scopes.flow(context.runId(), context.labels(), List.of(content == null ? "" : content), userInput);
    }

    private Decision toolCall(CheckpointRequest request, GovernanceContext context) {
        ToolDescriptor tool = request.tool();
        if (tool == null) {
            return malformed("tool call without a tool descriptor");
        }
        boolean highRisk = !tool.declared() || tool.effects().stream().anyMatch(config.highRiskEffects()::contains);
        if (highRisk) {
            Decision contained = UntrustedContainment.decide(NAME, config, provenance, tool, request, context);
            if (contained != null) {
                // a hold for approval never softens a flow above the sink's clearance: that stays a refusal
                if (!(contained instanceof Decision.Deny)) {
                    Decision above = egress.check(tool.name(), tool.sinkClearance(), flowing(request, context), null,
                            request.arguments());
                    if (above instanceof Decision.Deny) {
                        return above;
                    }
                }
                return contained;
            }
        }
        Decision perArgument = argumentSinks.check(tool, request.arguments(), context.labels(), context.runId(),
                userInput(request));
        if (perArgument != null) {
            return perArgument;
        }
        Labels flowing = flowing(request, context);
        Decision egressed = egress.check(tool.name(), tool.sinkClearance(), flowing, null, request.arguments());
        if (egressed instanceof Decision.Deny deny && DataFlowCodes.EGRESS_ABOVE_CLEARANCE.equals(deny.code())) {
            // above clearance: the requester may declassify exactly this call where policy grants it
            Decision declassified = declassifier.decide(tool, egress.flow(flowing, null, request.arguments()),
                    request, context, ProvenanceOrigins.of(provenance.trace(provenance.candidates(
                            request.arguments()), context.runId(), userInput(request)),
                            ProvenanceOrigins.delegatedBy(context), delegatedTask(request)));
            if (declassified != null) {
                return declassified;
            }
        }
        if (egressed == null && highRisk) { // allowed: say where the values came from, for whoever confirms or approves
            return new Decision.Allow(java.util.List.of(), ProvenanceOrigins.of(provenance.trace(
                    provenance.candidates(request.arguments()), context.runId(), userInput(request)),
                    ProvenanceOrigins.delegatedBy(context), delegatedTask(request)), Basis.rule(NAME, null, null,
                    DataFlowCodes.RULE_EGRESS));
        }
        return orAllow(egressed);
    }

    private static Labels baseLabels(CheckpointRequest request) {
        return request.attributes().get(CheckpointAttributes.BASE_LABELS) instanceof Labels b ? b
                : request.contentLabels();
    }

    /** The labels of what an egress carries: see {@link ValueScopes#flowing}; the run's context without scopes. */
    private Labels flowing(CheckpointRequest request, GovernanceContext context) {
        // a run with no value-scoped values recorded (none configured, none carried in) answers its context label
        List<String> payload = new ArrayList<>();
        if (request.content() != null) {
            payload.add(request.content());
        }
        for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(request.arguments())) {
            payload.add(String.valueOf(leaf.value()));
        }
        return scopes.flowing(context.runId(), context.labels(), payload, userInput(request));
    }

    private static Map<String, Labels> fieldLabels(Map<?, ?> m) {
        Map<String, Labels> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Labels l) {
                out.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), l);
            }
        });
        return out;
    }

    private static String sinkOf(CheckpointRequest request) {
        return request.target() == null ? DataFlowConfig.USER_CHANNEL : request.target();
    }

    private static Decision orAllow(Decision d) {
        return d == null ? Decision.allow(Basis.rule(NAME, null, null, DataFlowCodes.RULE_EGRESS)) : d;
    }

    private static Decision malformed(String reason) {
        return Decision.deny(reason, DataFlowCodes.MALFORMED_REQUEST,
                Basis.rule(NAME, null, null, DataFlowCodes.RULE_MALFORMED));
    }

    /** The task text of a run a delegation started ({@link CheckpointAttributes#DELEGATED_TASK}), or {@code null}. */
    static String delegatedTask(CheckpointRequest request) {
        Object v = request.attributes().get(CheckpointAttributes.DELEGATED_TASK);
        return v instanceof String s ? s : null;
    }

    static String userInput(CheckpointRequest request) {
        Object v = request.attributes().get(CheckpointAttributes.USER_INPUT);
        return v instanceof String s ? s : null;
    }
}
