package dev.warden.dataflow.rag;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.internal.EgressGuard;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A LangChain4j {@link ContentRetriever} decorator that passes every retrieved segment through the {@link Governor}
 * at {@link Checkpoint#RETRIEVAL} before the model can see it.
 *
 * <p>Per segment: labels are read from its metadata ({@link SegmentLabels}; malformed metadata gives the most
 * restrictive label and is reported with {@link DataFlowCodes#MALFORMED_LABEL_METADATA}); the governor's planes may
 * raise them (the data-flow plane adds detector findings), transform the text, or refuse the segment; a segment whose
 * effective labels are above the user's clearance is dropped and recorded in the audit trail with
 * {@link DataFlowCodes#SEGMENT_ABOVE_CLEARANCE}. Kept segments carry their effective labels in the metadata key
 * {@value #LABELS_METADATA}, and {@link Builder#onLabels} receives them so the caller can raise its context label.
 *
 * <p>The user's clearance is the principal's attribute {@value #CLEARANCE_ATTRIBUTE} (a level name such as
 * {@code CONFIDENTIAL}; categories are then unrestricted) or, when absent or unreadable, the configured default.
 * Thread-safe if the delegate is.
 *
 * <pre>{@code
 * ContentRetriever retriever = GovernedContentRetriever.builder()
 *         .delegate(EmbeddingStoreContentRetriever.from(store))
 *         .governor(governor)
 *         .context(query -> session.context())
 *         .defaultClearance(Labels.of(Confidentiality.INTERNAL))
 *         .onLabels(session::raise)
 *         .build();
 * }</pre>
 */
public final class GovernedContentRetriever implements ContentRetriever {
    /** Principal attribute holding the user's clearance level. */
    public static final String CLEARANCE_ATTRIBUTE = "warden.clearance";
    /** Metadata key under which kept segments carry their effective labels. */
    public static final String LABELS_METADATA = "warden.labels";

    private final ContentRetriever delegate;
    private final Governor governor;
    private final Function<Query, GovernanceContext> context;
    private final Labels defaultClearance;
    private final String source;
    private final Consumer<Labels> onLabels;
    private final Consumer<RetrievalReport> onSegment;

    private GovernedContentRetriever(Builder b) {
        this.delegate = Objects.requireNonNull(b.delegate, "delegate");
        this.governor = Objects.requireNonNull(b.governor, "governor");
        this.context = Objects.requireNonNull(b.context, "context");
        this.defaultClearance = b.defaultClearance;
        this.source = b.source;
        this.onLabels = b.onLabels;
        this.onSegment = b.onSegment;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Content> retrieve(Query query) {
        GovernanceContext ctx = context.apply(query);
        if (ctx == null) {
            throw new IllegalStateException("no governance context for the retrieval: refusing to return content");
        }
        Labels clearance = clearanceOf(ctx);
        List<Content> found = delegate.retrieve(query);
        List<Content> kept = new ArrayList<>();
        for (int i = 0; i < (found == null ? 0 : found.size()); i++) {
            Content c = found.get(i);
            Content k = govern(i, c, query, ctx, clearance);
            if (k != null) {
                kept.add(k);
            }
        }
        return kept;
    }

    private Content govern(int index, Content content, Query query, GovernanceContext ctx, Labels clearance) {
        TextSegment segment = content == null ? null : content.textSegment();
        String text = segment == null || segment.text() == null ? "" : segment.text();
        SegmentLabels.Parsed parsed = SegmentLabels.parse(segment == null ? null : segment.metadata());
        CheckpointRequest req = new CheckpointRequest(Checkpoint.RETRIEVAL, 0, null, null, null, text,
                parsed.labels(), source, Map.of("query", query == null || query.text() == null ? "" : query.text()));
        Verdict v = governor.check(req, ctx);
        if (!v.proceeds()) {
            report(index, parsed.labels(), false, v.code(), "refused at RETRIEVAL: " + v.reason());
            return null;
        }
        Labels labels = v.effectiveRequest().contentLabels();
        if (!EgressGuard.fits(clearance, labels)) {
            String reason = "segment " + index + " from '" + source + "' labelled " + labels
                    + " is above the user's clearance " + clearance + "; dropped before the model saw it";
            governor.record(req.withContentLabels(labels), ctx, Verdict.synthetic(req, Outcome.DENY, reason,
                    DataFlowCodes.SEGMENT_ABOVE_CLEARANCE), Context.current());
            report(index, labels, false, DataFlowCodes.SEGMENT_ABOVE_CLEARANCE, reason);
            return null;
        }
        report(index, labels, true, parsed.malformed() ? DataFlowCodes.MALFORMED_LABEL_METADATA : null,
                parsed.malformed() ? "malformed label metadata (" + parsed.malformedReason()
                        + "): labelled most restrictively" : "kept");
        onLabels.accept(labels);
        Metadata md = segment == null || segment.metadata() == null ? new Metadata() : segment.metadata().copy();
        md.put(LABELS_METADATA, labels.toString());
        return Content.from(TextSegment.from(v.effectiveRequest().content() == null ? text
                : v.effectiveRequest().content(), md), content.metadata() == null ? Map.of() : content.metadata());
    }

    private void report(int index, Labels labels, boolean kept, String code, String reason) {
        onSegment.accept(new RetrievalReport(index, labels, kept, code, reason));
    }

    private Labels clearanceOf(GovernanceContext ctx) {
        String level = ctx.user().attributes().get(CLEARANCE_ATTRIBUTE);
        if (level != null) {
            try {
                return Labels.UNRESTRICTED.withLevel(dev.warden.core.Confidentiality.valueOf(
                        level.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return defaultClearance;
            }
        }
        return defaultClearance;
    }

    /** Configures the decorator. Not thread-safe; the built retriever is. */
    public static final class Builder {
        private ContentRetriever delegate;
        private Governor governor;
        private Function<Query, GovernanceContext> context;
        private Labels defaultClearance = Labels.of(dev.warden.core.Confidentiality.PUBLIC);
        private String source = "retriever";
        private Consumer<Labels> onLabels = l -> {};
        private Consumer<RetrievalReport> onSegment = r -> {};

        public Builder delegate(ContentRetriever value) {
            this.delegate = value;
            return this;
        }

        public Builder governor(Governor value) {
            this.governor = value;
            return this;
        }

        /** The governance context of the run the query belongs to (required; {@code null} fails the retrieval). */
        public Builder context(Function<Query, GovernanceContext> value) {
            this.context = value;
            return this;
        }

        /** Clearance when the principal has no readable {@value #CLEARANCE_ATTRIBUTE}; default PUBLIC, no categories. */
        public Builder defaultClearance(Labels value) {
            this.defaultClearance = Objects.requireNonNull(value);
            return this;
        }

        /** Name of the source in checkpoint requests and audit records (the request's target). */
        public Builder source(String value) {
            this.source = Objects.requireNonNull(value);
            return this;
        }

        /** Receives the labels of each kept segment, to raise the caller's context label. */
        public Builder onLabels(Consumer<Labels> value) {
            this.onLabels = Objects.requireNonNull(value);
            return this;
        }

        /** Receives a report for every segment, kept or dropped. */
        public Builder onSegment(Consumer<RetrievalReport> value) {
            this.onSegment = Objects.requireNonNull(value);
            return this;
        }

        public GovernedContentRetriever build() {
            return new GovernedContentRetriever(this);
        }
    }
}
